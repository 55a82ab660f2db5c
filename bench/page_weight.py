#!/usr/bin/env python
"""Page weight: compressed bytes of HTML + CSS + JS a visitor downloads for each page.

Usage: bench/page_weight.py [BASE_URL [PATH ...]]
Without BASE_URL it serves the set-up checkout itself (the demo content of
`scripts/run`, collected static files) with gunicorn on 127.0.0.1:8765, DEBUG off,
and stops it afterwards. Only loopback addresses are accepted. Each page and every
stylesheet and script it links is fetched once with `Accept-Encoding: br, gzip`,
as a browser would, and the bytes on the wire are summed. Images are excluded
(Lighthouse measures them).
Budget: 40 KB per page (docs/architecture.md); the script exits 1 when a page is over it.
"""

import os
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlparse

BUDGET = 40 * 1024
DEFAULT_PATHS = [
    "/tk/",
    "/ru/",
    "/ru/news/",
    "/ru/news/svoboda-peredvizheniya/",
    "/ru/about/",
    "/ru/search/?q=паспорт",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TIMEOUT = 10


class AssetLinks(HTMLParser):
    """Collects the stylesheets and scripts a page loads."""

    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])


def fetch(url):
    """(bytes on the wire, body) of one GET with compression allowed."""
    url = quote(url, safe=":/?&=%#")
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - loopback only
        raw = response.read()
        encoding = response.headers.get("Content-Encoding", "")
    if encoding == "br":
        import brotli

        body = brotli.decompress(raw)
    elif encoding == "gzip":
        import gzip

        body = gzip.decompress(raw)
    else:
        body = raw
    return len(raw), body


def page_weight(base, path):
    html_bytes, body = fetch(urljoin(base, path))
    parser = AssetLinks()
    parser.feed(body.decode("utf-8", "replace"))
    assets = {asset: fetch(urljoin(base, asset))[0] for asset in dict.fromkeys(parser.assets)}
    return html_bytes, assets


ROOT = Path(__file__).resolve().parents[1]
OWN_SERVER = "127.0.0.1:8765"


def start_server():
    """gunicorn on the development database with DEBUG off (static files compressed, as in production)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hhd_site.settings.dev", "DEBUG": "false"}
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--config",
            "hhd_site/gunicorn.conf.py",
            "--bind",
            OWN_SERVER,
            "--workers",
            "2",
            "hhd_site.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://{OWN_SERVER}/healthz", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    sys.exit("gunicorn did not start within 30 s")


def main(argv):
    server = None
    if len(argv) > 1:
        base = argv[1]
    else:
        server = start_server()
        base = f"http://{OWN_SERVER}"
    try:
        return measure(base, argv[2:])
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)


def measure(base, paths):
    if urlparse(base).hostname not in LOOPBACK:
        sys.exit("page_weight measures a local server only (127.0.0.1, localhost or ::1)")
    paths = paths or DEFAULT_PATHS
    started = time.monotonic()
    over = 0
    print(f"{'page':48} {'HTML':>8} {'CSS+JS':>8} {'total':>8}  budget {BUDGET // 1024} KB")
    for path in paths:
        html_bytes, assets = page_weight(base, path)
        total = html_bytes + sum(assets.values())
        over += total > BUDGET
        flag = "" if total <= BUDGET else "  OVER"
        print(f"{path:48} {html_bytes:8,} {sum(assets.values()):8,} {total:8,}{flag}")
    print(f"{len(paths)} pages in {time.monotonic() - started:.1f} s")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
