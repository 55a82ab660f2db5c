"""The TLS front (deploy/Caddyfile) run for real: Debian's Caddy in front of gunicorn.

The stack is the compose file's, on loopback: Caddy with ``tls internal`` (its own local CA,
trusted here through the root certificate in its data folder) in front of gunicorn started with
``hhd_site/gunicorn.conf.py`` and production settings, reading this test's database. Static
files are collected with the image's own command (manifest and hashed names, as in the
Dockerfile), and media come from a folder that both gunicorn and Caddy use, as the compose
file's media volume. The content is the ``site_tree`` fixture, with an image on the home page.

For the forwarded address, a tiny WSGI app under the same gunicorn configuration echoes what
reached it: Django's own view of the request is not observable from outside, but what it is
given is exactly that.

These tests fail, never skip, when ``caddy`` is missing (scripts/test and .ci/run install it).
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test import RequestFactory

ROOT = Path(__file__).resolve().parents[2]
CADDYFILE = ROOT / "deploy" / "Caddyfile"
GUNICORN_CONF = ROOT / "hhd_site" / "gunicorn.conf.py"
FORGED = "203.0.113.99"
# The machine's other loopback address: the "visitor" connects from it, the front from 127.0.0.1,
# so the client address an app is given can be told apart from the front's own.
VISITOR = "127.0.0.2"

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ECHO_APP = """
import json


def application(environ, start_response):
    seen = {key: value for key, value in environ.items() if isinstance(value, str)}
    body = json.dumps(seen).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def base_environment(**extra):
    """Only the machine's basics: nothing the test run set (settings module, async flags)."""
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "LANG", "PYTHONPATH")}
    env.update({key: str(value) for key, value in extra.items()})
    return env


class Process:
    """A server process of the stack, with its output kept in a file for failure messages."""

    def __init__(self, name, command, env, cwd, log_dir):
        self.name = name
        self.log = log_dir / f"{name}.log"
        with self.log.open("wb") as output:
            self.popen = subprocess.Popen(  # noqa: S603 - fixed commands of this repository
                command, env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT
            )

    def output(self):
        return self.log.read_text(errors="replace")[-4000:]

    def wait_until(self, ready, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                pytest.fail(f"{self.name} exited with {self.popen.returncode}:\n{self.output()}")
            try:
                if ready():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(f"{self.name} did not become ready in {timeout} s:\n{self.output()}")

    def stop(self, quickly=False):
        """Stopped as a container is (SIGTERM: gunicorn and Caddy finish their requests), or at
        once after a test that no longer needs them (SIGQUIT: both exit without waiting)."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGQUIT if quickly else signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=5)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@dataclass
class Front:
    """A running Caddy in front of an upstream: its public address and the CA to trust."""

    url: str
    port: int
    ca_file: Path
    process: Process

    def context(self):
        return ssl.create_default_context(cafile=str(self.ca_file))

    def request(self, method, path, headers=None, body=None, source=VISITOR, declare_length=None):
        """One HTTPS request over HTTP/1.1 from ``source``; ``declare_length`` sends that
        Content-Length and no body (for a refusal that must come before the body is read)."""
        conn = http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=self.context(), timeout=20, source_address=(source, 0)
        )
        try:
            if declare_length is None:
                conn.request(method, path, body=body, headers=headers or {})
            else:
                conn.putrequest(method, path)
                for name, value in {**(headers or {}), "Content-Length": str(declare_length)}.items():
                    conn.putheader(name, value)
                conn.endheaders()
            response = conn.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            conn.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


def start_front(tmp_path, upstream, media_root, https_port=None):
    """Caddy with deploy/Caddyfile unchanged, only its environment placeholders set."""
    caddy = shutil.which("caddy")
    if not caddy:
        pytest.fail("Debian's Caddy is required for the front tests: apt-get install caddy")
    https_port = https_port or free_port()
    storage = tmp_path / "caddy"
    env = base_environment(
        HOME=storage,
        XDG_DATA_HOME=storage / "data",
        XDG_CONFIG_HOME=storage / "config",
        SITE_ADDRESS=f"https://127.0.0.1:{https_port}",
        TLS_MODE="internal",
        FRONT_LISTEN="loopback",
        HTTPS_PORT=https_port,
        HTTP_PORT=free_port(),
        HHD_UPSTREAM=upstream,
        MEDIA_ROOT=media_root,
    )
    process = Process(
        f"caddy-{https_port}",
        [caddy, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
        env,
        tmp_path,
        tmp_path,
    )
    front = Front(
        f"https://127.0.0.1:{https_port}",
        https_port,
        storage / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt",
        process,
    )

    def handshake():
        if not front.ca_file.exists():
            return False
        with (
            socket.create_connection(("127.0.0.1", https_port), timeout=2) as raw,
            front.context().wrap_socket(raw, server_hostname="127.0.0.1"),
        ):
            return True

    process.wait_until(handshake, timeout=30)
    return front


def http_ready(port, path="/healthz"):
    def ready():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", path)
            return conn.getresponse().status == 200
        finally:
            conn.close()

    return ready


def start_gunicorn(tmp_path, name, app, env, cwd):
    """gunicorn as the image starts it (docker-entrypoint.sh), one worker, on loopback."""
    port = free_port()
    process = Process(
        name,
        [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF), app],
        base_environment(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=1, GUNICORN_THREADS=4, **env),
        cwd,
        tmp_path,
    )
    return port, process


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Static files collected as the Dockerfile does: hashed names, a manifest, compressed."""
    root = tmp_path_factory.mktemp("static")
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=base_environment(DJANGO_SETTINGS_MODULE="hhd_site.settings.dev", STATIC_ROOT=root),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture
def media_root(tmp_path, settings):
    """The media volume: this process writes uploads there, gunicorn renditions, Caddy reads."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def content(site_tree, media_root):
    """The site_tree pages, with an image on the Turkmen home page and an uploaded document."""
    from wagtail.documents.models import Document
    from wagtail_factories import ImageFactory

    image = ImageFactory(title="Surat")
    home = site_tree.homes["tk"]
    home.body = [("image", {"image": image, "alt_text": "Surat", "caption": ""})]
    home.save_revision().publish()
    document = Document(title="Ýyllyk hasabat")
    document.file.save("hasabat.pdf", ContentFile(b"%PDF-1.4 hasabat"))
    document.save()
    return {"image": image, "document": document, "tree": site_tree}


def database_url():
    settings_dict = connection.settings_dict
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


def site_environment(site_url, static_root, media_root):
    """gunicorn's environment in the deployment: production settings on this test's database."""
    return {
        "DJANGO_SETTINGS_MODULE": "hhd_site.settings.production",
        "SECRET_KEY": "front-test-" + "s" * 60,
        "FIELD_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3QtZm9yLXVzZSE=",
        "FIELD_HMAC_KEY": "front-test-hmac-key-for-checks-only-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "SITE_URL": site_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{free_port()}",  # never reached: nothing mails here
        "STATIC_ROOT": static_root,
        "MEDIA_ROOT": media_root,
        # The front connects from loopback: only it may tell the client address and scheme.
        "TRUSTED_PROXIES": "127.0.0.1/32",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
    }


@pytest.fixture
def site_front(tmp_path, content, media_root, static_root, settings):
    """gunicorn with production settings on this test's database, and Caddy in front of it."""
    https_port = free_port()
    site_url = f"https://127.0.0.1:{https_port}"
    settings.SITE_URL = site_url  # for this process's own URL building, as in the deployment
    cache.clear()  # Wagtail keeps the site root paths in the cache
    environment = site_environment(site_url, static_root, media_root)
    port, gunicorn = start_gunicorn(tmp_path, "gunicorn-site", "hhd_site.wsgi:application", environment, ROOT)
    try:
        gunicorn.wait_until(http_ready(port), timeout=90)
        front = start_front(tmp_path, f"127.0.0.1:{port}", media_root, https_port=https_port)
        try:
            yield front
        finally:
            front.process.stop(quickly=True)
    finally:
        gunicorn.stop(quickly=True)


@pytest.fixture
def echo_front(tmp_path, media_root):
    """Caddy in front of gunicorn running an app that answers with the WSGI environ it got."""
    app_dir = tmp_path / "echo"
    app_dir.mkdir()
    (app_dir / "echo_app.py").write_text(ECHO_APP)
    port, gunicorn = start_gunicorn(tmp_path, "gunicorn-echo", "echo_app:application", {}, app_dir)
    try:
        gunicorn.wait_until(http_ready(port, "/"), timeout=60)
        front = start_front(tmp_path, f"127.0.0.1:{port}", media_root)
        try:
            yield front
        finally:
            front.process.stop(quickly=True)
    finally:
        gunicorn.stop(quickly=True)


# --- checks -----------------------------------------------------------------------------

SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Content-Security-Policy",
)


def assert_security_headers(answer, csp="default-src 'none'"):
    missing = [name for name in SECURITY_HEADERS if not answer.headers.get(name)]
    assert not missing, f"{answer.status} lacks {missing}: {dict(answer.headers)}"
    assert int(answer.headers["Strict-Transport-Security"].split("max-age=")[1].split(";")[0]) >= 31536000
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "no-referrer"
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["Content-Security-Policy"].startswith(csp)
    assert "Server" not in answer.headers, "the front names no software"


def test_a_page_through_the_front_keeps_the_headers_django_sets(site_front):
    from hhd_site.headers import public_policy

    answer = site_front.get("/tk/")

    assert answer.status == 200, answer.body[:500]
    assert "Hak Hukuga Daýanç" in answer.body.decode()
    # Django's own policy, not the front's default: a header Django sent is never replaced.
    assert answer.headers["Content-Security-Policy"] == public_policy()
    assert_security_headers(answer, csp=public_policy())
    assert answer.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert answer.headers.get_all("Content-Security-Policy") == [public_policy()]


def test_the_front_serves_renditions_inline_and_documents_only_through_wagtails_view(site_front, content):
    page = site_front.get("/tk/").body.decode()
    shown = re.search(r'<img [^>]*src="(/media/images/[^"]+)"', page)
    assert shown, page[:3000]
    image = site_front.get(shown.group(1))
    assert image.status == 200
    assert image.headers["Content-Type"].startswith("image/")
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert image.headers["Content-Security-Policy"] == "default-src 'none'"
    assert "Content-Disposition" not in image.headers
    assert_security_headers(image)

    # Originals and document files are never served from the volume: a guessed file name
    # would skip collection privacy (as with a bucket, whose policy makes only images/ public).
    for path in ("/media/" + content["image"].file.name, "/media/" + content["document"].file.name):
        assert site_front.get(path).status == 404, path

    document = site_front.get(content["document"].url)  # /documents/<id>/<name>, through gunicorn
    assert document.status == 200
    assert document.body == b"%PDF-1.4 hasabat"
    assert document.headers["Content-Disposition"].startswith("attachment")
    assert document.headers["X-Content-Type-Options"] == "nosniff"
    assert document.headers["Content-Security-Policy"] == "default-src 'none'"


def test_media_outside_wagtails_folders_and_missing_files_are_404_with_security_headers(
    site_front, media_root
):
    (media_root / "backups").mkdir()
    (media_root / "backups" / "dump.sql").write_text("secret")

    for path in ("/media/backups/dump.sql", "/media/images/missing.webp", "/media/images/", "/media/"):
        answer = site_front.get(path)
        assert answer.status == 404, path
        assert b"secret" not in answer.body
        assert_security_headers(answer)


def test_errors_that_django_never_sees_carry_the_security_headers(site_front):
    # gunicorn's own answers: a request line over limit_request_line, a header field over
    # limit_request_field_size, more fields than limit_request_fields.
    too_long_uri = site_front.get("/tk/" + "a" * 9000)
    assert too_long_uri.status == 414
    assert_security_headers(too_long_uri)

    too_large_field = site_front.get("/tk/", headers={"X-Padding": "p" * 9000})
    assert too_large_field.status in (400, 431)
    assert_security_headers(too_large_field)

    too_many_fields = site_front.get("/tk/", headers={f"X-Field-{n}": "x" for n in range(80)})
    assert too_many_fields.status in (400, 431)
    assert_security_headers(too_many_fields)

    # Caddy's own: a body over the front's limit is refused before it is read.
    too_large_body = site_front.request("POST", "/tk/", declare_length=13_000_000)
    assert too_large_body.status == 413
    assert_security_headers(too_large_body)


def test_gateway_errors_of_the_front_carry_the_security_headers(tmp_path, media_root):
    front = start_front(tmp_path, f"127.0.0.1:{free_port()}", media_root)  # nobody listens there
    try:
        answer = front.get("/tk/")
    finally:
        front.process.stop()

    assert answer.status == 502
    assert_security_headers(answer)


def test_a_forwarded_for_sent_by_the_visitor_never_reaches_the_app(echo_front, settings):
    from hhd_site.proxies import client_ip

    answer = echo_front.get(
        "/echo",
        headers={
            "X-Forwarded-For": FORGED,
            "X-Forwarded-Proto": "http",
            "X-Real-IP": FORGED,
            "Forwarded": f"for={FORGED}",
        },
    )

    assert answer.status == 200
    seen = json.loads(answer.body)
    assert seen["REMOTE_ADDR"] == "127.0.0.1"  # the front
    assert seen["HTTP_X_FORWARDED_FOR"] == VISITOR  # the visitor's real address, alone
    assert seen["HTTP_X_FORWARDED_PROTO"] == "https"
    assert seen["wsgi.url_scheme"] == "https"  # gunicorn believes the front (FORWARDED_ALLOW_IPS)
    assert FORGED not in json.dumps(seen)

    # What Django makes of exactly those headers, with the front as the trusted proxy.
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    meta = {key: value for key, value in seen.items() if key.startswith("HTTP_") or key == "REMOTE_ADDR"}
    request = RequestFactory().get("/", **meta)
    request.META["REMOTE_ADDR"] = seen["REMOTE_ADDR"]
    assert client_ip(request) == VISITOR


def test_the_smoke_command_passes_against_the_front(site_front):
    result = subprocess.run(  # noqa: S603 - our own script
        [
            sys.executable,
            str(ROOT / "scripts" / "smoke"),
            "--ca-file",
            str(site_front.ca_file),
            site_front.url,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=base_environment(),
    )

    print(result.stdout)  # the report, for the record (pytest -s)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert result.stdout.count("PASS") >= 12


def test_workers_forked_from_the_preloaded_application_serve_database_pages_as_they_are_replaced(
    tmp_path, content, media_root, static_root, settings
):
    """gunicorn.conf.py preloads the application and forks workers from it: no connection of the
    master may be shared, and a worker that replaces one at max_requests works at once."""
    settings.SITE_URL = "https://127.0.0.1"
    cache.clear()
    env = site_environment("https://127.0.0.1", static_root, media_root)
    env["GUNICORN_CMD_ARGS"] = "--workers 2 --max-requests 4 --max-requests-jitter 0"
    port, gunicorn = start_gunicorn(tmp_path, "gunicorn-replaced", "hhd_site.wsgi:application", env, ROOT)
    try:
        gunicorn.wait_until(http_ready(port), timeout=90)
        statuses = []
        for number in range(24):
            # /readyz asks the database; a page with a query string of its own is rendered from it.
            path = "/readyz" if number % 2 else f"/ru/about/?n={number}"
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            try:
                conn.request("GET", path, headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"})
                statuses.append((conn.getresponse().status, path))
            finally:
                conn.close()
        log = gunicorn.log.read_text(errors="replace")
    finally:
        gunicorn.stop()
    assert [(status, path) for status, path in statuses if status != 200] == [], log[-4000:]
    assert log.count("Autorestarting worker") >= 3, log[-4000:]
    assert log.count("Booting worker") >= 5, log[-4000:]
    assert "Traceback" not in log, log[-4000:]
