"""Uploaded images keep no location or camera data; markup is refused; documents download."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from safety.uploads import UnsafeUpload, strip_image_metadata, strip_uploaded_image

SECRETS = (b"SecretCamera", b"SecretModel", b"SecretCity", b"SecretComment")
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description photoshop:City="SecretCity"/></rdf:RDF></x:xmpmeta>'
)


def photo(image_format="JPEG", frames=1, orientation=1, size=(40, 20)):
    """A small image carrying camera, GPS and XMP metadata (and a comment where the format has one)."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x0110] = "SecretModel"  # Model
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (37.0, 57.0, 1.0), 3: "E", 4: (58.0, 22.0, 1.0)}  # GPS: Ashgabat
    images = [Image.new("RGB", size, (60 * index, 90, 120)) for index in range(frames)]
    options = {"exif": exif, "xmp": XMP}
    if image_format == "GIF":
        options = {"comment": b"SecretComment"}
    elif image_format == "JPEG":
        options["comment"] = b"SecretComment"
    elif image_format == "PNG":
        from PIL.PngImagePlugin import PngInfo

        text = PngInfo()
        text.add_text("Location", "SecretCity")
        options["pnginfo"] = text
    if frames > 1:
        options.update(save_all=True, append_images=images[1:], duration=120, loop=0)
    output = io.BytesIO()
    images[0].save(output, format=image_format, **options)
    return output.getvalue()


def assert_no_metadata(data):
    for secret in (*SECRETS, b"xmpmeta", b"Exif\x00\x00", b"eXIf"):
        assert secret not in data, secret
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {}
    assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp", "Location"} & set(image.info)


@pytest.mark.parametrize(
    ("image_format", "frames"),
    [("JPEG", 1), ("PNG", 1), ("PNG", 3), ("WEBP", 1), ("WEBP", 3), ("AVIF", 1), ("GIF", 1), ("GIF", 3)],
)
def test_camera_gps_xmp_and_comments_are_removed_from_every_allowed_format(image_format, frames):
    original = photo(image_format, frames)
    assert any(secret in original for secret in SECRETS)
    cleaned = strip_image_metadata(original)
    assert_no_metadata(cleaned)
    image = Image.open(io.BytesIO(cleaned))
    assert image.format == image_format
    assert image.size == (40, 20)
    assert getattr(image, "n_frames", 1) == frames


def test_a_turned_photo_still_stands_the_right_way_up_without_its_orientation_tag():
    # Orientation 6: the camera was turned; viewers rotate it 90° clockwise.
    cleaned = strip_image_metadata(photo("JPEG", orientation=6, size=(40, 20)))
    assert Image.open(io.BytesIO(cleaned)).size == (20, 40)
    assert_no_metadata(cleaned)


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<!doctype html><html><script>alert(1)</script></html>",
        b"\xef\xbb\xbf  <html><body>hi</body></html>",
        b"not an image at all",
    ],
)
def test_markup_and_other_non_images_are_refused(content):
    with pytest.raises(UnsafeUpload):
        strip_image_metadata(content)


def test_an_upload_spooled_to_disk_is_rewritten_in_place():
    # Large uploads are temporary files that storages move as they are: the file itself must change.
    upload = TemporaryUploadedFile("holiday.jpg", "image/jpeg", 0, None)
    upload.write(photo("JPEG"))
    upload.seek(0)
    strip_uploaded_image(upload)
    with open(upload.temporary_file_path(), "rb") as stored:
        data = stored.read()
    assert_no_metadata(data)
    assert upload.size == len(data)
    upload.close()


# --- Through the admin, as editors upload ------------------------------------------------


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_bytes(instance):
    with instance.file.open("rb") as handle:
        return handle.read()


def test_an_image_uploaded_in_the_admin_is_stored_without_metadata_original_included(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"), {"title": "Protest", "file": upload("protest.jpg", photo("JPEG"))}
    )
    assert response.status_code == 302, response.content
    image = get_image_model().objects.get(title="Protest")
    data = stored_bytes(image)
    assert_no_metadata(data)
    assert image.file_size == len(data)
    assert (image.width, image.height) == (40, 20)


def test_the_multiple_uploader_strips_metadata_too(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": upload("family.png", photo("PNG"), "image/png")}
    )
    assert response.json()["success"] is True
    image = get_image_model().objects.get(pk=response.json()["image_id"])
    assert_no_metadata(stored_bytes(image))


def test_replacing_an_images_file_strips_the_new_file(admin_client):
    admin_client.post(reverse("wagtailimages:add"), {"title": "Old", "file": upload("old.gif", photo("GIF"))})
    image = get_image_model().objects.get(title="Old")
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Old", "file": upload("new.webp", photo("WEBP"), "image/webp")},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert_no_metadata(stored_bytes(image))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("photo.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("photo.png", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_svg_and_html_are_refused_as_images_whatever_their_name(admin_client, name, content):
    response = admin_client.post(
        reverse("wagtailimages:add"), {"title": "Bad", "file": upload(name, content)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.filter(title="Bad").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<!doctype html><html><script>alert(1)</script></html>"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("notes.txt", b"<html><body onload=alert(1)></body></html>"),
        ("report.pdf", b"<script>alert(document.cookie)</script>"),
        ("data.csv", b"name,value\n<svg onload=alert(1)>,1\n"),
    ],
)
def test_svg_and_html_documents_are_refused_whatever_their_name(admin_client, name, content):
    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Bad", "file": upload(name, content, "text/plain")}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.filter(title="Bad").exists()


def test_a_pdf_is_accepted_and_served_as_a_download_that_is_never_sniffed(admin_client, client):
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n<html> inside a PDF is data\ntrailer\n%%EOF\n"
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Statement", "file": upload("statement.pdf", pdf, "application/pdf")},
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Statement")
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(served.streaming_content) == pdf
