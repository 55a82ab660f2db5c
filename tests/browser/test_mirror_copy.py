"""The exported copy in Chromium, served by a plain static file server on loopback under a path
prefix: every link and image resolves inside the copy, nothing is requested from another host, and
the meta Content-Security-Policy holds (no violation in the console), in all four languages."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PREFIX = "/some/prefix/"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def copy_root(tmp_path_factory):
    """One folder for the copy of this module's tests: each starts from the same demo rows
    (tests/fixtures.demo_content), so the first exports it and the others serve that copy."""
    return tmp_path_factory.mktemp("mirror-copy")


@pytest.fixture
def served_copy(demo_content, copy_root):
    """The copy exported into <root>/some/prefix/ and served from <root> by http.server on loopback."""
    out = copy_root / PREFIX.strip("/")
    if not (out / "manifest.json").exists():
        call_command("export_mirror", "--out", str(out), stdout=StringIO())
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(copy_root)))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("language", ["tk", "ru", "tr", "en"])
def test_the_copy_works_under_a_path_prefix_with_no_other_host_and_its_csp_holding(
    served_copy, page, screenshot, language
):
    base = served_copy
    other_hosts, violations, failed = [], [], []
    page.on(
        "request", lambda request: None if request.url.startswith(base) else other_hosts.append(request.url)
    )
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)

    start = f"{base}{PREFIX}{language}/index.html"
    page.goto(start)
    assert page.locator("html").get_attribute("lang") == language
    screenshot(f"mirror-copy-{language}-home")
    links = {
        link
        for link in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        if link.startswith(base)
    }
    news = [link for link in links if link.endswith("/news/index.html")]
    assert news, links
    page.goto(news[0])
    screenshot(f"mirror-copy-{language}-news")
    links |= {
        link
        for link in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        if link.startswith(base)
    }
    for link in sorted(links):
        assert urlsplit(link).path.startswith(PREFIX), link  # never above the prefix
        page.goto(link)
        # Images below the fold load lazily: each one (and each srcset candidate) is fetched instead.
        images = page.eval_on_selector_all(
            "img, source",
            """elements => elements.flatMap(e => [e.src || null, ...(e.srcset || '').split(',')
                .map(c => c.trim().split(' ')[0]).filter(Boolean)
                .map(u => new URL(u, document.baseURI).href)]).filter(Boolean)""",
        )
        for image in set(images):
            assert image.startswith(base + PREFIX), (link, image)
            assert page.request.get(image).status == 200, (link, image)
    assert failed == []
    assert other_hosts == []
    assert violations == []
