"""Anonymous page views come from the shared cache, and publishing purges it."""

import gzip

import pytest
from django.core.cache import cache

from home.models import OrganisationDetails

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    """The page cache switched on, empty."""
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a page as the admin does (the purge runs when the transaction commits)."""

    def publish_page(page, **fields):
        for name, value in fields.items():
            setattr(page, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()

    return publish_page


def test_second_anonymous_view_comes_from_the_cache_without_touching_the_database(
    client, site_tree, page_cache, django_assert_num_queries
):
    first = client.get("/ru/about/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/ru/about/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_cached_pages_tell_a_cdn_how_long_it_may_keep_them(client, site_tree, page_cache):
    for response in (client.get("/tk/"), client.get("/tk/")):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=60", "s-maxage=300"}
        assert "Accept-Encoding" in response["Vary"]
        assert not response.cookies


def test_compressed_and_plain_visitors_each_get_their_own_copy(client, site_tree, page_cache):
    plain = client.get("/tk/")
    client.get("/tk/", headers={"accept-encoding": "gzip"})
    zipped = client.get("/tk/", headers={"accept-encoding": "gzip"})
    assert zipped["X-Page-Cache"] == "hit"
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    again = client.get("/tk/")
    assert "Content-Encoding" not in again
    assert again.content == plain.content


def test_head_requests_are_answered_from_the_cache_without_a_body(client, site_tree, page_cache):
    body = client.get("/en/").content
    response = client.head("/en/")
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""
    assert response["Content-Length"] == str(len(body))


def test_publishing_a_page_shows_the_change_at_once_on_the_page_and_in_every_menu(
    client, site_tree, page_cache, publish
):
    client.get("/ru/about/")
    client.get("/ru/")
    publish(site_tree.about["ru"], title="О нас")
    page = client.get("/ru/about/")
    assert page["X-Page-Cache"] == "miss"
    assert "<h1>О нас</h1>" in page.content.decode()
    assert ">О нас</a>" in client.get("/ru/").content.decode()


def test_unpublishing_a_page_removes_it_from_the_cache(
    client, site_tree, page_cache, django_capture_on_commit_callbacks
):
    assert client.get("/ru/about/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.about["ru"].unpublish()
    assert client.get("/ru/about/").status_code == 404
    assert ">О HHD</a>" not in client.get("/ru/").content.decode()


def test_changing_the_organisation_details_purges_every_page(
    client, site_tree, page_cache, django_capture_on_commit_callbacks
):
    client.get("/en/")
    details = OrganisationDetails.objects.get(locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        details.tagline = "Rights first"
        details.save()
    assert "Rights first" in client.get("/en/").content.decode()


def test_a_visitor_with_a_session_is_never_served_or_stored_in_the_shared_cache(
    client, site_tree, page_cache, settings
):
    client.get("/tk/")  # cached for anonymous visitors
    client.cookies[settings.SESSION_COOKIE_NAME] = "abc"
    response = client.get("/tk/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/admin/login/", "/ru/search/?q=паспорт", "/healthz"])
def test_the_admin_search_results_and_health_checks_are_never_cached(client, site_tree, page_cache, url):
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_errors_are_not_cached(client, site_tree, page_cache):
    client.get("/ru/nothing-here/")
    response = client.get("/ru/nothing-here/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_pages_are_still_served_when_the_cache_server_is_down(client, site_tree, settings):
    from hhd_site.settings.base import REDIS_CACHE_OPTIONS

    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": REDIS_CACHE_OPTIONS,  # as in production
        }
    }
    from django.core.cache import caches

    caches._settings = None  # noqa: SLF001 - let the overridden setting take effect
    try:
        responses = [client.get("/tk/"), client.get("/tk/")]
    finally:
        caches._settings = None  # noqa: SLF001
    assert [response.status_code for response in responses] == [200, 200]
    assert [response["X-Page-Cache"] for response in responses] == ["miss", "miss"]


def test_a_purge_made_by_another_process_is_seen_within_a_second(monkeypatch):
    from caching import generation

    before = generation.current_generation()
    cache.incr(generation.GENERATION_KEY)  # what another web process's purge does
    assert generation.current_generation() == before  # remembered for a moment
    later = generation.time.monotonic() + generation.REMEMBER_SECONDS + 0.01
    monkeypatch.setattr(generation.time, "monotonic", lambda: later)
    assert generation.current_generation() == before + 1
