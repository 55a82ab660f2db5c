"""Every page type stays under 40 KB of compressed HTML + CSS + JS (docs/architecture.md)."""

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings

from home.factories import StandardPageFactory
from news.factories import NewsIndexPageFactory, NewsPageFactory, StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

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


def test_every_page_type_is_under_the_weight_budget(client, site_tree):
    topic = TopicFactory()
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    body = [{"type": "paragraph", "value": "<p>" + "Türkmen raýatlarynyň hukuklary. " * 60 + "</p>"}] * 8
    article = NewsPageFactory(parent=index, topics=[topic], body=body)
    statement = StatementPageFactory(parent=index, topics=[topic], body=body)
    for _ in range(12):
        NewsPageFactory(parent=index, topics=[topic])
    page = StandardPageFactory(parent=site_tree.homes["tk"], body=body)
    for url in ("/tk/", index.url, article.url, statement.url, page.url, "/tk/search/?q=hukuk"):
        assert transferred(client, url) < BUDGET, url
