"""The page-weight budget and how a page's transferred bytes are measured (shared by tests)."""

import gzip
import re
from pathlib import Path

from django.conf import settings

BUDGET = 40 * 1024


ASSET = re.compile(r'<(?:script|link)[^>]+(?:src|href)="/static/([^"]+\.(?:css|js))"')


def static_file(name):
    for folder in settings.STATICFILES_DIRS:
        path = Path(folder) / name
        if path.exists():
            return path.read_bytes()
    raise AssertionError(f"static file not found: {name}")


def transferred(client, url):
    """Compressed bytes of the page and of each stylesheet and script it loads."""
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assets = set(ASSET.findall(html))
    assert assets, "the page should load the site's stylesheet and script"
    return len(response.content) + sum(len(gzip.compress(static_file(name), 9)) for name in assets)
