"""A cache that stays a cache (GitHub issue 16, findings 1 and 2): expired copies are replaced,
one request re-renders while the others get the previous copy, a publish re-renders what it
changed without turning every page into a miss, and pages are served while the database is down.

Renders are counted by a ``before_serve_page`` hook (Wagtail calls it once per page render),
time is moved by a clock that only caching.middleware sees. "redis" runs against the real
Redis on 127.0.0.1:6379 db 13 under a key prefix of the test's own (several processes share
it in production: the lock and the copies live there).
"""

import threading
import time
import types
import uuid

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client
from wagtail import hooks

from caching import generation, middleware
from caching.middleware import hot_pages
from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

LIFETIME = 2


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    """The page cache on with a 2-second lifetime, on LocMemCache or on real Redis."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/13",
                "KEY_PREFIX": f"hhd-test-{uuid.uuid4().hex}",
                "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
            }
        }
    settings.PAGE_CACHE_SECONDS = LIFETIME
    settings.PAGE_CACHE_STALE_SECONDS = 60
    settings.PAGE_CACHE_MAX_STALE_SECONDS = 86_400
    hot_pages.clear()
    generation._remembered.update(generation=None, until=0.0)  # noqa: SLF001
    yield request.param
    hot_pages.clear()
    generation._remembered.update(generation=None, until=0.0)  # noqa: SLF001
    if request.param == "redis":
        cache.delete_pattern("*")  # this test's prefix only


@pytest.fixture
def clock(monkeypatch):
    """The time caching.middleware sees; ``clock.advance(seconds)`` moves it on."""
    offset = [0.0]
    fake = types.SimpleNamespace(
        time=lambda: time.time() + offset[0],
        monotonic=lambda: time.monotonic() + offset[0],
        sleep=time.sleep,
    )
    monkeypatch.setattr(middleware, "time", fake)
    fake.advance = lambda seconds: offset.__setitem__(0, offset[0] + seconds)
    return fake


@pytest.fixture
def renders():
    """The pages rendered during the test, in order (their ids)."""
    rendered = []
    with hooks.register_temporarily("before_serve_page", lambda page, *args: rendered.append(page.pk)):
        yield rendered


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def publish_page(page, **fields):
        for name, value in fields.items():
            setattr(page, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()

    return publish_page


def statuses(client, url, times):
    return [client.get(url)["X-Page-Cache"] for _ in range(times)]


def test_an_expired_copy_is_replaced_once_then_served_again_in_every_layer(
    client, site_tree, shared_cache, clock, renders
):
    url = "/ru/about/"
    assert statuses(client, url, 3) == ["miss", "hit", "hit"]  # the last one from hot_pages
    for _lifetime in range(3):
        clock.advance(LIFETIME + 1)
        assert statuses(client, url, 3) == ["miss", "hit", "hit"]
    assert len(renders) == 4


def test_the_in_process_copy_is_replaced_by_a_fresher_one_from_the_shared_cache(
    client, site_tree, shared_cache, clock, renders
):
    url = "/ru/about/"
    client.get(url)
    client.get(url)  # in hot_pages now
    clock.advance(LIFETIME + 1)
    # Another process re-renders and stores the page: simulated by dropping this process's copy.
    hot_pages.clear()
    assert client.get(url)["X-Page-Cache"] == "miss"
    hot_pages.clear()
    assert client.get(url)["X-Page-Cache"] == "hit"  # from the shared cache, and kept here again
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert len(renders) == 2


def test_an_expired_page_is_rendered_once_while_concurrent_visitors_get_the_stale_copy(
    site_tree, shared_cache, clock
):
    url, visitors = "/ru/about/", 6
    first = Client().get(url)
    clock.advance(LIFETIME + 1)  # expired, within the stale window

    rendered, results, results_lock = [], [], threading.Lock()
    others_answered = threading.Event()

    def slow_render(page, *args):
        rendered.append(page.pk)
        others_answered.wait(timeout=5)  # the render lasts until every other visitor is answered

    # The test's database connection (and its uncommitted site_tree) shared with the visitors'
    # threads; only the one that renders uses it, while this thread waits.
    connection = connections["default"]
    connection.inc_thread_sharing()

    def visit():
        connections["default"] = connection
        response = Client().get(url)
        with results_lock:
            results.append((response["X-Page-Cache"], response.content))
            if sum(status == "stale" for status, _ in results) == visitors - 1:
                others_answered.set()

    try:
        with hooks.register_temporarily("before_serve_page", slow_render):
            threads = [threading.Thread(target=visit) for _ in range(visitors)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
    finally:
        connection.dec_thread_sharing()

    assert len(rendered) == 1
    assert sorted(status for status, _ in results) == ["miss"] + ["stale"] * (visitors - 1)
    assert all(content == first.content for _, content in results)
    assert Client().get(url)["X-Page-Cache"] == "hit"


def test_a_page_another_process_is_re_rendering_is_served_stale_without_rendering(
    client, site_tree, shared_cache, clock, renders
):
    url = "/ru/about/"
    client.get(url)
    clock.advance(LIFETIME + 1)
    hot_pages.clear()
    # What another process holds while it renders the page: its lock in the shared cache.
    request = types.SimpleNamespace(get_host=lambda: "testserver", get_full_path=lambda: url, headers={})
    assert cache.add(middleware.lock_key(middleware.cache_key(request)), "elsewhere", timeout=10)
    assert statuses(client, url, 3) == ["stale"] * 3
    assert len(renders) == 1  # the first view only
    cache.delete(middleware.lock_key(middleware.cache_key(request)))
    assert statuses(client, url, 2) == ["miss", "hit"]


def test_a_publish_re_renders_the_page_and_its_indexes_but_leaves_other_pages_cached(
    client, site_tree, shared_cache, clock, renders, publish, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_STALE_SECONDS = 3600  # other pages are re-rendered within the hour
    other = StandardPageFactory(parent=site_tree.homes["en"], title="Contact", slug="contact")
    for url in ("/ru/about/", "/ru/", "/en/contact/"):
        client.get(url)
    rendered_before = len(renders)

    publish(site_tree.about["ru"], title="О нас")

    page = client.get("/ru/about/")
    assert page["X-Page-Cache"] == "miss"
    assert "<h1>О нас</h1>" in page.content.decode()
    home = client.get("/ru/")  # the parent (and a home page): its menu shows the new title
    assert home["X-Page-Cache"] == "miss"
    assert ">О нас</a>" in home.content.decode()
    assert client.get("/en/contact/")["X-Page-Cache"] == "hit"  # not a miss at once
    assert renders[rendered_before:] == [site_tree.about["ru"].pk, site_tree.homes["ru"].pk]

    # Within the stale window, the other page is re-rendered once, like an expired page.
    clock.advance(3600)
    assert statuses(client, "/en/contact/", 2) == ["miss", "hit"]
    assert renders[-1] == other.pk
    assert len(renders) == rendered_before + 3


def test_a_hard_purge_makes_every_copy_unservable(client, site_tree, shared_cache, renders):
    client.get("/ru/about/")
    generation.next_generation(hard=True)
    hot_pages.clear()
    assert client.get("/ru/about/")["X-Page-Cache"] == "miss"


@pytest.fixture
def database_down():
    """Every query fails as when PostgreSQL refuses connections (undone before the rollback)."""
    from django.db import OperationalError
    from django.db.backends.postgresql.base import DatabaseWrapper

    def refuse(self, name=None):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    def go_down():
        patch.setattr(DatabaseWrapper, "create_cursor", refuse)

    with pytest.MonkeyPatch.context() as patch:
        yield go_down


@pytest.mark.parametrize("later", [LIFETIME + 1, 6 * 3600], ids=["stale", "hours-old"])
def test_while_the_database_is_down_cached_pages_are_served_not_503(
    client, site_tree, shared_cache, clock, database_down, later
):
    client.raise_request_exception = False
    cached = client.get("/ru/about/")
    clock.advance(later)
    database_down()
    for _ in range(2):
        response = client.get("/ru/about/")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "stale"
        assert response.content == cached.content
    assert client.get("/en/").status_code == 503  # never cached: nothing to serve


def test_copies_older_than_the_maximum_stale_age_are_not_served(
    client, site_tree, shared_cache, clock, database_down
):
    client.raise_request_exception = False
    client.get("/ru/about/")
    clock.advance(LIFETIME + 86_400 + 1)
    database_down()
    assert client.get("/ru/about/").status_code == 503


def test_a_page_that_is_gone_is_never_served_stale(
    client, site_tree, shared_cache, clock, database_down, renders
):
    client.raise_request_exception = False
    client.get("/ru/about/")
    clock.advance(LIFETIME + 1)
    site_tree.about["ru"].live = False
    site_tree.about["ru"].save()  # unpublished without a purge (as if the signal were lost)
    assert client.get("/ru/about/").status_code == 404
    database_down()
    assert client.get("/ru/about/").status_code == 503


def held_elsewhere(url):
    """Take the render lock of ``url`` as another process rendering it would hold it."""
    request = types.SimpleNamespace(get_host=lambda: "testserver", get_full_path=lambda: url, headers={})
    assert cache.add(middleware.lock_key(middleware.cache_key(request)), "elsewhere", timeout=30)


def test_while_a_published_page_is_rendered_its_other_visitors_get_the_previous_copy_briefly(
    client, site_tree, shared_cache, clock, renders, publish, settings
):
    """No queue behind the render of a page that was just published (the 3-minute benchmark's
    p99), and the previous version no longer than one render lock."""
    settings.PAGE_CACHE_LOCK_SECONDS = 1
    url = "/ru/about/"
    before = client.get(url).content
    publish(site_tree.about["ru"], title="О нас")
    held_elsewhere(url)  # another process is rendering the new version
    for _ in range(2):
        response = client.get(url)
        assert response["X-Page-Cache"] == "stale"
        assert response.content == before
    assert len(renders) == 1
    clock.advance(1.5)  # longer than a render may take: the previous version is not served again
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "<h1>О нас</h1>" in response.content.decode()


def test_an_unpublished_page_is_never_served_meanwhile_not_even_while_another_request_renders(
    client, site_tree, shared_cache, clock, renders, django_capture_on_commit_callbacks, settings
):
    settings.PAGE_CACHE_LOCK_SECONDS = 1
    url = "/ru/about/"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.about["ru"].unpublish()
    held_elsewhere(url)
    assert client.get(url).status_code == 404  # after waiting for the other render, not stale
