"""Each page type runs the same, exact number of SQL queries however many articles exist."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.factories import NewsIndexPageFactory, NewsPageFactory, StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

# The news page's ten, each needed (docs/architecture.md, "Query budget", says the same):
#  1 the Site for the request's host     2 the active Locale      3 the site's root page
#  4 the news index under it, by slug    5 the index's own row (its page type)
#  6 the article by slug, in one query for its type (NewsIndexPage.route)
#  7 the ancestors' aliases and 8 their view restrictions (private pages stay private)
#  9 the article's topics               10 its live translations (language switcher, hreflang)
# Language homes, the menu, topics by language and the organisation details come
# from the shared cache (caching.generation): nothing on a warm site. The home page
# adds its featured item and latest news and statements; the index its page of rows.
EXPECTED_QUERIES = {"home": 8, "index": 14, "article": 10}


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
