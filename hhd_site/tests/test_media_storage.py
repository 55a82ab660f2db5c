"""Media on S3-compatible object storage, against a real S3 server (moto) on loopback.

Production keeps uploads in a bucket (hhd_site/settings/production.py): images are read by
browsers straight from the bucket's public origin, which the Content-Security-Policy names
exactly; documents stay private in the bucket and reach readers only through Wagtail's serve
view, as downloads. These tests upload through the admin as editors do, then read the bucket
back with boto3 and over plain HTTP as a browser would.

moto is a development dependency: without it these tests fail at import, never skip.
"""

import io
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from hhd_site.media_origin import media_origin
from hhd_site.tests.production import PRODUCTION_ENV
from news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "hhd-media"
REGION = "us-east-1"
DUMMY_KEY = "testing-not-a-real-key"


# --- Production settings: the media origin and the policy that allows it --------------------

# The deployment's production-like environment, with media on the bucket.
MEDIA_ENV = {
    **PRODUCTION_ENV,
    "AWS_STORAGE_BUCKET_NAME": BUCKET,
    "AWS_ACCESS_KEY_ID": DUMMY_KEY,
    "AWS_SECRET_ACCESS_KEY": DUMMY_KEY,
    "AWS_EC2_METADATA_DISABLED": "true",
}

SETTINGS_REPORT = """
import json
import django

django.setup()
from django.conf import settings as s
from django.core.files.storage import default_storage

print(json.dumps({
    "backend": s.STORAGES["default"]["BACKEND"],
    "origin": s.CSP_MEDIA_ORIGIN,
    "public_img_src": s.CSP_PUBLIC["img-src"],
    "admin_img_src": s.CSP_ADMIN["img-src"],
    "addressing_style": getattr(s, "AWS_S3_ADDRESSING_STYLE", None),
    "querystring_auth": getattr(s, "AWS_QUERYSTRING_AUTH", None),
    "default_acl": getattr(s, "AWS_DEFAULT_ACL", "unset"),
    "docs_serve_method": s.WAGTAILDOCS_SERVE_METHOD,
    "client_config": {
        name: getattr(getattr(s, "AWS_S3_CLIENT_CONFIG", None), name, None)
        for name in ("connect_timeout", "read_timeout", "retries", "s3")
    },
    "url": default_storage.url("images/protest.fill-200x200.format-webp.webp"),
}))
"""


def production_settings(tmp_path, **aws):
    """Import the production settings in a fresh interpreter with ``aws`` added to the
    environment; the values that matter for media, or the failed process."""
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG", "PYTHONPATH")}
    env.update(MEDIA_ENV)
    # boto3 must find no configuration of this machine's user.
    env.update(AWS_CONFIG_FILE=str(tmp_path / "none"), AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"))
    env.update(aws)
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", SETTINGS_REPORT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        return result
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    ("aws", "origin", "url"),
    [
        pytest.param(
            {"AWS_S3_CUSTOM_DOMAIN": "media.hhd.example.org", "AWS_S3_REGION_NAME": "eu-central-1"},
            "https://media.hhd.example.org",
            "https://media.hhd.example.org/images/protest.fill-200x200.format-webp.webp",
            id="cdn-or-bucket-domain",
        ),
        pytest.param(
            {"AWS_S3_ENDPOINT_URL": "https://objects.example.net", "AWS_S3_REGION_NAME": "fsn1"},
            "https://objects.example.net",
            f"https://objects.example.net/{BUCKET}/images/protest.fill-200x200.format-webp.webp",
            id="s3-compatible-endpoint",
        ),
        pytest.param(
            {"AWS_S3_ENDPOINT_URL": "https://objects.example.net:9000", "AWS_S3_ADDRESSING_STYLE": "virtual"},
            f"https://{BUCKET}.objects.example.net:9000",
            f"https://{BUCKET}.objects.example.net:9000/images/protest.fill-200x200.format-webp.webp",
            id="s3-compatible-endpoint-virtual-hosted",
        ),
        pytest.param(
            {"AWS_S3_REGION_NAME": "eu-central-1"},
            f"https://{BUCKET}.s3.eu-central-1.amazonaws.com",
            f"https://{BUCKET}.s3.eu-central-1.amazonaws.com/images/protest.fill-200x200.format-webp.webp",
            id="amazon-s3",
        ),
    ],
)
def test_production_media_urls_start_with_the_one_origin_that_img_src_allows(tmp_path, aws, origin, url):
    report = production_settings(tmp_path, **aws)
    assert isinstance(report, dict), report.stderr
    assert report["backend"] == "storages.backends.s3.S3Storage"
    assert report["origin"] == origin
    assert report["url"] == url  # plain and unsigned: no query string that expires
    assert report["querystring_auth"] is False
    assert report["default_acl"] is None
    assert report["public_img_src"] == ["'self'", origin]
    assert report["admin_img_src"] == ["'self'", "data:", "blob:", origin]
    expected_style = aws.get("AWS_S3_ADDRESSING_STYLE", "path" if "AWS_S3_ENDPOINT_URL" in aws else None)
    assert report["addressing_style"] == expected_style
    # Documents go through Wagtail's serve view, never out as bucket URLs.
    assert report["docs_serve_method"] == "serve_view"
    # A hanging storage holds a request for seconds, not minutes.
    config = report["client_config"]
    assert (config["connect_timeout"], config["read_timeout"]) == (3.0, 10.0)
    assert config["retries"]["total_max_attempts"] == 2
    assert config["s3"] == {"addressing_style": expected_style}


def test_production_without_a_bucket_keeps_media_on_the_local_origin(tmp_path):
    report = production_settings(tmp_path, AWS_STORAGE_BUCKET_NAME="")
    assert isinstance(report, dict), report.stderr
    assert report["backend"] == "django.core.files.storage.FileSystemStorage"
    assert report["public_img_src"] == ["'self'", ""]  # the empty source is dropped when sent
    assert report["url"].startswith("/media/")


def test_production_refuses_amazon_s3_without_a_region(tmp_path):
    result = production_settings(tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "AWS_S3_REGION_NAME" in result.stderr


def test_production_refuses_a_media_origin_that_differs_from_the_bucket(tmp_path):
    result = production_settings(
        tmp_path,
        AWS_S3_CUSTOM_DOMAIN="media.hhd.example.org",
        CSP_MEDIA_ORIGIN="https://elsewhere.example.net",
    )
    assert result.returncode != 0
    assert "CSP_MEDIA_ORIGIN" in result.stderr


def test_the_media_origin_is_scheme_host_and_port_only():
    assert media_origin("cdn.example.org/hhd", None, BUCKET, None) == "https://cdn.example.org"
    assert media_origin(None, "http://127.0.0.1:9000/", BUCKET, None) == "http://127.0.0.1:9000"
    assert (
        media_origin(None, "http://127.0.0.1:9000", BUCKET, None, "virtual")
        == f"http://{BUCKET}.127.0.0.1:9000"
    )
    assert media_origin(None, None, BUCKET, "eu-west-3") == f"https://{BUCKET}.s3.eu-west-3.amazonaws.com"
    with pytest.raises(ValueError, match="region"):
        media_origin(None, None, BUCKET, None)


# --- A real S3 server on loopback --------------------------------------------------------


@pytest.fixture
def s3_server(monkeypatch, tmp_path):
    """moto's S3 server on a free loopback port; boto3 sees only dummy credentials."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DUMMY_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DUMMY_KEY)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    try:
        yield endpoint
    finally:
        # moto keeps its buckets in this process: empty them for the next test.
        urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=5)  # noqa: S310
        server.stop()


@pytest.fixture
def media_bucket(s3_server, settings):
    """A bucket set up as a deployment would, and the site's media stored in it.

    Public read for renditions (``images/``) only, by bucket policy: pages show renditions;
    originals and documents stay private and are read by the site with its credentials.
    The settings are the ones production.py derives for an S3-compatible endpoint.
    """
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name=REGION)
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_policy(
        Bucket=BUCKET,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "RenditionsArePublic",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{BUCKET}/images/*",
                    }
                ],
            }
        ),
    )
    origin = media_origin(None, s3_server, BUCKET, REGION, "path")
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = s3_server
    settings.AWS_S3_REGION_NAME = REGION
    settings.AWS_S3_CUSTOM_DOMAIN = None
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_QUERYSTRING_AUTH = False
    settings.AWS_S3_FILE_OVERWRITE = False
    settings.AWS_S3_CLIENT_CONFIG = Config(
        s3={"addressing_style": "path"},
        connect_timeout=3.0,
        read_timeout=10.0,
        retries={"mode": "standard", "total_max_attempts": 2},
    )
    settings.CSP_PUBLIC = {
        **settings.CSP_PUBLIC,
        "img-src": [*(src for src in settings.CSP_PUBLIC["img-src"] if src), origin],
    }
    settings.CSP_ADMIN = {
        **settings.CSP_ADMIN,
        "img-src": [*(src for src in settings.CSP_ADMIN["img-src"] if src), origin],
    }
    settings.CSP_MEDIA_ORIGIN = origin
    # Last: changing STORAGES makes Django build default_storage again, with the values above.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    s3.origin = origin
    return s3


def keys(s3, prefix=""):
    listing = s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return [entry["Key"] for entry in listing.get("Contents", [])]


def stored(s3, key):
    return s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def fetch_anonymously(url):
    """GET ``url`` as a browser would: no credentials. (status, headers, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback URL
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def photo_with_gps():
    """A JPEG from a phone: camera, place (GPS) and time in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x0132] = "2025:03:01 10:00:00"  # DateTime
    exif[0x8825] = {1: "N", 2: (37.0, 57.0, 1.0), 3: "E", 4: (58.0, 22.0, 1.0)}  # GPS: Ashgabat
    output = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 90, 140)).save(output, format="JPEG", exif=exif)
    data = output.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the GPS is really there
    return data


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("media-editor", "media-editor@example.org", "unused")
    client.force_login(user)
    return client


def upload_image_through_admin(editor_client, title="Protest in Ashgabat"):
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("protest.jpg", photo_with_gps(), content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.get(title=title)


# --- Images ------------------------------------------------------------------------------


def test_an_image_uploaded_in_the_admin_is_stored_in_the_bucket_without_its_gps(media_bucket, editor_client):
    image = upload_image_through_admin(editor_client)

    assert keys(media_bucket, "original_images/") == [image.file.name]
    original = stored(media_bucket, image.file.name)
    assert b"SecretCamera" not in original
    stored_image = Image.open(io.BytesIO(original))
    assert stored_image.format == "JPEG"
    assert dict(stored_image.getexif()) == {}
    assert "exif" not in stored_image.info
    assert (image.width, image.height) == (320, 240)
    assert image.file_size == len(original)
    # The original is the site's to read, not the public's.
    assert fetch_anonymously(f"{media_bucket.origin}/{BUCKET}/{image.file.name}")[0] == 403


def test_a_rendition_is_stored_in_the_bucket_and_served_publicly_from_its_origin(media_bucket, editor_client):
    image = upload_image_through_admin(editor_client)

    rendition = image.get_rendition("fill-200x200|format-webp")

    assert rendition.file.name in keys(media_bucket, "images/")
    assert rendition.url.startswith(f"{media_bucket.origin}/{BUCKET}/images/")
    assert "?" not in rendition.url  # not signed: the same URL for every reader and cache
    status, headers, body = fetch_anonymously(rendition.url)
    assert status == 200
    assert body == stored(media_bucket, rendition.file.name)
    served = Image.open(io.BytesIO(body))
    assert (served.format, served.size) == ("WEBP", (200, 200))
    assert headers["Content-Type"] == "image/webp"


def test_the_admin_shows_thumbnails_from_the_bucket_origin_that_its_policy_allows(
    media_bucket, editor_client
):
    upload_image_through_admin(editor_client)

    response = editor_client.get(reverse("wagtailimages:index"))

    assert response.status_code == 200
    sources = ImageSources()
    sources.feed(response.content.decode())
    thumbnails = [url for url in sources.urls if not url.startswith(("/static/", "data:"))]
    assert thumbnails
    for url in thumbnails:
        assert url.startswith(f"{media_bucket.origin}/{BUCKET}/images/"), url
        assert fetch_anonymously(url)[0] == 200
    assert media_bucket.origin in directives(response["Content-Security-Policy"])["img-src"]


class ImageSources(HTMLParser):
    """Every URL an <img> or <source> of a page loads, and the og:image; the reading-count image
    of browsers without JavaScript (readership/) apart: it is this site's, not a media file."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.share_image = None
        self.count_pixels = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and "count-pixel" in (attrs.get("class") or "").split():
            self.count_pixels.append(attrs["src"])
            return
        if tag == "img" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag in ("img", "source") and attrs.get("srcset"):
            self.urls += [candidate.strip().split(" ")[0] for candidate in attrs["srcset"].split(",")]
        if tag == "meta" and attrs.get("property") == "og:image":
            self.share_image = attrs["content"]


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_a_page_shows_its_image_from_the_bucket_origin_and_its_policy_allows_only_that(
    media_bucket, editor_client, client, site_tree
):
    image = upload_image_through_admin(editor_client)
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    page = NewsPageFactory(parent=index, title="Protest", image=image, image_alt="People with placards")
    client.logout()  # a reader, not the editor

    response = client.get(page.url)

    assert response.status_code == 200
    sources = ImageSources()
    sources.feed(response.content.decode())
    assert sources.urls, "the page shows no image"
    for url in sources.urls:
        assert url.startswith(f"{media_bucket.origin}/{BUCKET}/images/"), url
    assert all(url.startswith("/count/") for url in sources.count_pixels)
    assert sources.share_image.startswith(f"{media_bucket.origin}/{BUCKET}/images/")
    for url in {*sources.urls, sources.share_image}:
        status, _headers, body = fetch_anonymously(url)
        assert (status, bool(body)) == (200, True), url
    policy = directives(response["Content-Security-Policy"])
    assert policy["img-src"] == ["'self'", media_bucket.origin]
    assert policy["default-src"] == ["'none'"]


# --- Documents ---------------------------------------------------------------------------


def test_a_document_in_the_bucket_is_served_by_the_site_as_a_download_never_by_the_bucket(
    media_bucket, editor_client, client
):
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n<html> inside a PDF is data\ntrailer\n%%EOF\n"
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Statement",
            "file": SimpleUploadedFile("statement.pdf", pdf, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = get_document_model().objects.get(title="Statement")
    assert keys(media_bucket, "documents/") == [document.file.name]
    assert stored(media_bucket, document.file.name) == pdf
    # Nobody reads it from the bucket directly, where the site's headers and privacy don't apply.
    assert fetch_anonymously(f"{media_bucket.origin}/{BUCKET}/{document.file.name}")[0] == 403
    client.logout()

    served = client.get(document.url)

    assert served.status_code == 200  # streamed by the site, not a redirect to the bucket
    assert served["Content-Disposition"].startswith("attachment")
    assert "filename=statement.pdf" in served["Content-Disposition"]
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == pdf
