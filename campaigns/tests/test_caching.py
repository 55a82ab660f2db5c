"""The campaign page is shared from the cache, but its counter is at most a minute old."""

import time

import pytest
from django.core.cache import cache

from caching.middleware import hot_pages
from campaigns.factories import SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    hot_pages.clear()


def test_the_campaign_page_is_cached_for_a_minute_only(client, campaign, page_cache):
    first = client.get(campaign["tk"].url)
    assert first["X-Page-Cache"] == "miss"
    directives = {part.strip() for part in first["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=60"}
    assert client.get(campaign["tk"].url)["X-Page-Cache"] == "hit"


def test_after_a_minute_the_counter_shows_new_signatures(client, campaign, page_cache, monkeypatch):
    client.get(campaign["tk"].url)
    SignatureFactory(campaign=campaign["tk"], confirmed=True)
    assert b'value="0"' in client.get(campaign["tk"].url).content  # served from the cache
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    fresh = client.get(campaign["tk"].url)
    assert fresh["X-Page-Cache"] == "miss"
    assert b'value="1"' in fresh.content


def test_the_in_process_copy_expires_with_the_page(client, campaign, page_cache, monkeypatch):
    client.get(campaign["tk"].url)
    client.get(campaign["tk"].url)  # now also in this process's hot pages
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(campaign["tk"].url)["X-Page-Cache"] == "miss"
