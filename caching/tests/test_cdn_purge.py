"""Publishing purges a CDN configured in front of the site (Wagtail's frontend cache)."""

import pytest
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from home.factories import translate_page
from news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

PURGED = []


class RecordingBackend(BaseBackend):
    """A CDN that writes down what it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    return PURGED


def test_publishing_an_article_purges_it_its_translations_indexes_homes_feeds_and_sitemap(
    site_tree, cdn, django_capture_on_commit_callbacks
):
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"], slug="news")
    translate_page(index, "ru")
    article = NewsPageFactory(parent=index, slug="habar")
    translate_page(article, "ru")
    cdn.clear()

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    purged = set(cdn)
    for url in (
        "http://localhost/tk/news/habar/",
        "http://localhost/ru/news/habar/",
        "http://localhost/tk/news/",
        "http://localhost/ru/news/",
        "http://localhost/tk/",
        "http://localhost/en/",
        "http://localhost/tk/feeds/news.rss",
        "http://localhost/en/feeds/news.atom",
        "http://localhost/sitemap.xml",
    ):
        assert url in purged, url


def test_without_a_cdn_nothing_is_sent_anywhere(site_tree, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.about["tk"].save_revision().publish()
    assert PURGED == []
