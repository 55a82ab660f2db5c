"""Each page type runs the same, exact number of SQL queries however many articles exist."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.factories import NewsIndexPageFactory, NewsPageFactory, StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

# What each count is made of: Wagtail's routing (site, locale, one query per level
# of the path, the page's specific row, the view-restriction and alias checks),
# the language homes for menu and switcher, the menu items, the organisation
# details, and the page's own data — the latest items of each kind on the home
# page; topics, the count and the ids of one page of rows, the rows of each kind
# and their topics on the index; topics, their translations and the parent index
# on an article. The performance issue brings these down; here they must not grow.
EXPECTED_QUERIES = {"home": 11, "index": 18, "article": 15}


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


def queries_for(client, url):
    client.get(url)  # warm Wagtail's per-process caches (site root paths), as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [5, 500])
def test_page_types_run_a_fixed_number_of_queries(client, site_tree, count):
    article = build(site_tree, count)
    counts = {
        "home": queries_for(client, "/tk/"),
        "index": queries_for(client, "/tk/news/?topic=pasportlar&page=1"),
        "article": queries_for(client, article.url),
    }
    assert counts == EXPECTED_QUERIES
