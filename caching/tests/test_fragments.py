"""Cached parts of pages ({% fragment %}): built once per generation, never stale, never a draft."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching import generation
from home.models import OrganisationDetails
from news.factories import NewsIndexPageFactory, NewsPageFactory, StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what waits for the transaction's commit (the cache purges), as the admin's requests do."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


@pytest.fixture
def article(site_tree):
    topic = TopicFactory(name="Pasportlar", slug="pasportlar")
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    return NewsPageFactory(parent=index, title="Ilkinji at", summary="Ilkinji mazmun.", topics=[topic])


def test_a_published_change_is_shown_on_the_next_view(client, article, on_commit):
    assert "Ilkinji mazmun." in client.get(article.url).text

    def publish():
        article.summary = "Täze mazmun."
        article.save_revision().publish()

    on_commit(publish)
    text = client.get(article.url).text
    assert "Täze mazmun." in text
    assert "Ilkinji mazmun." not in text


def test_a_renamed_topic_is_shown_at_once(client, article, on_commit):
    assert "Pasportlar" in client.get(article.url).text
    topic = article.topics.get()

    def rename():
        topic.name = "Pasport meselesi"
        topic.save()

    on_commit(rename)
    assert "Pasport meselesi" in client.get(article.url).text


def test_new_organisation_details_reach_the_footer_of_every_page(client, article, site_tree, on_commit):
    for url in ("/tk/about/", article.url, "/tk/"):
        client.get(url)  # their footers are cached now
    details = OrganisationDetails.objects.get(locale__language_code="tk")

    def change():
        details.email = "habar@hhd.example.org"
        details.save()

    on_commit(change)
    for url in ("/tk/about/", article.url, "/tk/"):
        assert "habar@hhd.example.org" in client.get(url).text, url


def test_a_preview_shows_the_draft_and_leaves_the_cached_text_alone(client, article):
    live = client.get(article.url).text
    assert "Ilkinji mazmun." in live
    article.summary = "Garalama mazmun."
    preview = article.make_preview_request()
    assert "Garalama mazmun." in preview.rendered_content
    text = client.get(article.url).text
    assert "Ilkinji mazmun." in text
    assert "Garalama mazmun." not in text


def test_each_language_gets_its_own_footer(client, site_tree):
    turkmen, russian = client.get("/tk/about/").text, client.get("/ru/about/").text
    assert turkmen.split("<footer")[1] != russian.split("<footer")[1]


def test_a_cached_article_text_needs_no_query_and_is_the_same(client, site_tree):
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    statement = StatementPageFactory(parent=index, title="Beýannama", topics=[TopicFactory()])
    first = client.get(statement.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(statement.url)
    assert second.content == first.content
    assert len(queries) == 1, [query["sql"] for query in queries]  # the page's own row


def test_without_the_cache_pages_are_rendered_whole(client, article, monkeypatch):
    expected = client.get(article.url).content
    cache.clear()
    monkeypatch.setattr(generation, "current_state", lambda refresh=False: (None, 0))
    for _ in range(2):
        assert client.get(article.url).content == expected
