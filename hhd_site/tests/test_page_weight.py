"""Every page type stays under 40 KB of compressed HTML + CSS + JS (docs/architecture.md)."""

import pytest

from home.factories import StandardPageFactory
from news.factories import NewsIndexPageFactory, NewsPageFactory, StatementPageFactory, TopicFactory

from .page_weight import BUDGET, transferred

pytestmark = pytest.mark.django_db


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
