"""The per-IP limit of the search page (RATE_LIMITS["search:ip"]), counted in the test cache."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safety import ratelimits

from .pages import text_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_searches_a_minute(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search:ip": (3, 60)}


@pytest.fixture
def russian_page(site_tree):
    return text_page(site_tree.homes["ru"], "Паспорта", "Продление паспортов за рубежом.")


def search(client, query="паспорт", ip="203.0.113.7", language="ru", **extra):
    return client.get(f"/{language}/search/", {"q": query}, REMOTE_ADDR=ip, **extra)


def titles(response):
    results = BeautifulSoup(response.content, "html.parser").find("ol", class_="search-results")
    return [h2.get_text(strip=True) for h2 in results.find_all("h2")] if results else []


def test_the_setting_names_a_limit_per_minute():
    from django.conf import settings

    limit, window = settings.RATE_LIMITS["search:ip"]
    assert limit >= 1 and window == 60


def test_searches_past_the_limit_get_the_translated_429_page_with_retry_after(
    client, russian_page, three_searches_a_minute
):
    for _search in range(3):
        response = search(client)
        assert response.status_code == 200
        assert titles(response) == ["Паспорта"]

    blocked = search(client)
    assert blocked.status_code == 429
    assert 1 <= int(blocked["Retry-After"]) <= 61
    assert blocked["Cache-Control"] == "no-store, private"
    page = BeautifulSoup(blocked.content, "html.parser")
    assert page.find("h1").get_text(strip=True) == "Слишком много попыток"
    assert page.find("html")["lang"] == "ru"
    assert page.find("ol", class_="search-results") is None
    # One counter per address whatever the language; each language answers in its own words.
    blocked = search(client, "xyzzy", language="tk")
    assert blocked.status_code == 429
    assert BeautifulSoup(blocked.content, "html.parser").find("h1").get_text(strip=True) == (
        "Gaty köp synanyşyk"
    )


def test_the_limit_counts_each_client_address_on_its_own(client, russian_page, three_searches_a_minute):
    for _search in range(3):
        search(client, ip="203.0.113.7")
    assert search(client, ip="203.0.113.7").status_code == 429
    assert search(client, ip="198.51.100.20").status_code == 200


def test_behind_the_proxy_the_address_our_proxy_appended_is_counted_not_what_the_client_claims(
    client, russian_page, three_searches_a_minute, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.1/32"]  # our own front, the connecting peer
    for number in range(3):
        # A client that makes up a new left-most address each time is still the same visitor.
        response = search(client, ip="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.7")
        assert response.status_code == 200
    assert search(client, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7").status_code == 429
    assert search(client, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 200


def test_the_empty_form_and_a_refused_long_query_run_no_search_and_are_not_counted(
    client, russian_page, three_searches_a_minute
):
    for _visit in range(5):
        assert search(client, "").status_code == 200
        assert search(client, "a" * 201).status_code == 200
    for _search in range(3):
        assert search(client).status_code == 200
    assert search(client).status_code == 429
    # The form itself stays reachable while searches are blocked.
    empty = search(client, "")
    assert empty.status_code == 200
    assert BeautifulSoup(empty.content, "html.parser").find("input", id="search-query") is not None


def test_searching_works_again_once_the_window_is_over(
    client, russian_page, three_searches_a_minute, monkeypatch
):
    for _search in range(3):
        search(client)
    blocked = search(client)
    assert blocked.status_code == 429
    wait = int(blocked["Retry-After"])

    real_time = ratelimits.time.time
    monkeypatch.setattr(ratelimits.time, "time", lambda: real_time() + wait)
    response = search(client)
    assert response.status_code == 200
    assert titles(response) == ["Паспорта"]


def test_the_limit_adds_no_database_query_and_a_blocked_search_runs_none(
    client, russian_page, settings, monkeypatch
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search:ip": (3, 60)}
    search(client)  # warms the per-process caches
    with CaptureQueriesContext(connection) as limited:
        search(client)

    class Unlimited(ratelimits.RateLimit):
        def hit(self, subject):
            return None

    with monkeypatch.context() as patch:
        patch.setattr(
            ratelimits.RateLimit, "from_settings", classmethod(lambda cls, name: Unlimited(name, 1, 60))
        )
        with CaptureQueriesContext(connection) as unlimited:
            search(client)
    assert [query["sql"] for query in limited.captured_queries] == [
        query["sql"] for query in unlimited.captured_queries
    ]
    assert any("indexentry" in query["sql"].lower() for query in limited.captured_queries)

    search(client)  # the third search: the limit is reached
    with CaptureQueriesContext(connection) as layout:
        search(client, "")
    with CaptureQueriesContext(connection) as blocked:
        assert search(client).status_code == 429
    assert len(blocked) <= len(layout)
    assert not any("indexentry" in query["sql"].lower() for query in blocked.captured_queries)
