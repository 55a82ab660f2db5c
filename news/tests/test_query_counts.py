"""Each page type runs the same, exact number of SQL queries however many articles exist.

Two moments are counted: the first view after a publish (the generation moved on: the menu,
the language versions, the remembered route and the cached parts of the page are all built
again) and every view after it (they come from the shared cache, caching.generation).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching.generation import next_generation
from news.factories import NewsIndexPageFactory, NewsPageFactory, StatementPageFactory, TopicFactory
from news.models import NewsPage, StatementPage

pytestmark = pytest.mark.django_db

# docs/architecture.md, "Query budget", names each query. Right after a publish, two more since
# the footer lists the mirrors (mirrorlist: the mirror addresses and the mirrors pages, built with
# the footer's cached fragment); the later views make none more.
EXPECTED_AFTER_PUBLISH = {"home": 17, "index": 21, "article": 16}
EXPECTED_WARM = {"home": 1, "index": 7, "article": 1}
# The same pages of the demo site (manage.py seed_demo): what a visitor of the first command gets.
# (queries right after a publish, on the next view)
EXPECTED_DEMO = {
    "home": (21, 1),
    "index": (21, 7),
    "filtered index": (20, 6),
    "article": (18, 1),
    "statement": (21, 1),
}


def build(site_tree, count):
    topic = TopicFactory(name="Pasportlar", slug="pasportlar")
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    articles = [
        (StatementPageFactory if number % 4 == 0 else NewsPageFactory)(
            parent=index, date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number), topics=[topic]
        )
        for number in range(count)
    ]
    return articles[1]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def queries_for(client, urls):
    """{name: (queries right after a publish, queries on the next view)} for each URL."""
    for url in urls.values():
        client.get(url)  # warm Wagtail's per-process caches (site root paths), as a running server has them
    counts = {}
    for name, url in urls.items():
        next_generation()
        counts[name] = (count_queries(client, url), count_queries(client, url))
    return counts


@pytest.mark.parametrize("count", [5, pytest.param(500, marks=pytest.mark.slow)])
def test_page_types_run_a_fixed_number_of_queries(client, site_tree, count):
    article = build(site_tree, count)
    counts = queries_for(
        client, {"home": "/tk/", "index": "/tk/news/?topic=pasportlar&page=1", "article": article.url}
    )
    assert {name: after for name, (after, _warm) in counts.items()} == EXPECTED_AFTER_PUBLISH
    assert {name: warm for name, (_after, warm) in counts.items()} == EXPECTED_WARM


def test_the_demo_site_keeps_the_same_budget(client, demo_content):
    news = NewsPage.objects.live().filter(locale__language_code="ru").first()
    statement = StatementPage.objects.live().filter(locale__language_code="tk").exclude(campaign=None).first()
    counts = queries_for(
        client,
        {
            "home": "/tk/",
            "index": "/ru/news/",
            "filtered index": "/ru/news/?type=statements&page=1",
            "article": news.url,
            "statement": statement.url,
        },
    )
    assert counts == EXPECTED_DEMO
