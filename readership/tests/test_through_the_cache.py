"""A view served from the page cache is counted, and the counts hold nothing but the date, the
page, the language and a number: not in the database, not in Redis, not in any log line."""

import re

import pytest
from django.core.cache import cache

from readership import store
from readership.buffer import counts
from readership.models import ReadingCount
from tests.log_capture import NOT_THE_SITE, logs  # noqa: F401 - the fixture

from .conftest import BROWSER

pytestmark = pytest.mark.django_db

VISITOR_IP = "198.51.100.77"
REFERRER = "https://news.example.net/turkmenistan/article-8812"
COOKIE_VALUE = "reader-cookie-5f2b9a"
NEEDLES = [VISITOR_IP, BROWSER, "SM-A145F", REFERRER, "news.example.net", COOKIE_VALUE]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_a_page_from_the_cache_is_counted_and_nothing_about_the_reader_is_kept(
    client,
    site_tree,
    page_cache,
    real_redis,
    settings,
    logs,  # noqa: F811
):
    about = site_tree.about["ru"]
    client.cookies["reader"] = COOKIE_VALUE
    headers = {"user-agent": BROWSER, "referer": REFERRER}
    first = client.get(about.url, headers=headers, REMOTE_ADDR=VISITOR_IP)
    second = client.get(about.url, headers=headers, REMOTE_ADDR=VISITOR_IP)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    beacon_url = f"/count/{about.pk}/ru/"
    html = second.content.decode()
    # The cached copy carries the beacon's address for site.js and the image for no JavaScript.
    assert f'data-count-url="{beacon_url}"' in html
    assert (
        f'<noscript><img src="{beacon_url}" alt="" width="1" height="1" class="count-pixel"></noscript>'
        in html
    )
    beacon_headers = {**headers, "sec-fetch-site": "same-origin", "origin": "http://testserver"}
    for _view in (first, second):
        assert client.post(beacon_url, headers=beacon_headers, REMOTE_ADDR=VISITOR_IP).status_code == 204
    # One reader without JavaScript: the image.
    assert client.get(beacon_url, headers=headers, REMOTE_ADDR=VISITOR_IP).status_code == 200
    # A refused one and a rate-limited one are logged by Django (status and path only).
    assert client.post("/count/1/xx/", headers=beacon_headers, REMOTE_ADDR=VISITOR_IP).status_code == 404
    settings.READERSHIP_BEACONS_PER_MINUTE = 3
    assert client.post(beacon_url, headers=beacon_headers, REMOTE_ADDR=VISITOR_IP).status_code == 429
    counts.flush()
    assert store.move_to_database() == 3
    assert list(ReadingCount.objects.values_list("page_id", "language", "count")) == [(about.pk, "ru", 3)]

    # Redis held "day|page|language" → number, and nothing else.
    counts.add(about.pk, "ru")
    counts.flush()
    (field,) = [name.decode() for name in real_redis.hkeys(settings.READERSHIP_REDIS_KEY)]
    assert re.fullmatch(rf"\d{{4}}-\d{{2}}-\d{{2}}\|{about.pk}\|ru", field)

    assert any(name == "django.request" for name, _level, _text in logs.entries)  # the 404 and 429
    leaks = [
        (name, needle, text)
        for name, _level, text in logs.entries
        if name not in NOT_THE_SITE
        for needle in NEEDLES
        if needle.lower() in text.lower()
    ]
    assert not leaks, leaks


def test_the_editors_preview_is_not_counted(site_tree):
    about = site_tree.about["ru"]
    response = about.make_preview_request()  # as Wagtail's preview panel renders it
    assert response.status_code == 200
    content = response.render().content if hasattr(response, "render") else response.content
    assert about.title.encode() in content  # the page itself, as the editor sees it
    assert b"data-count-url" not in content and b"/count/" not in content
