"""The beacon and the <noscript> image count a view, and nothing but the date, page, language."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from hhd_site.circuit import redis_breaker
from readership import store
from readership.buffer import counts
from readership.middleware import PIXEL
from readership.models import ReadingCount

from .conftest import BROWSER

pytestmark = pytest.mark.django_db


def stored(page, language=None):
    rows = ReadingCount.objects.filter(page=page, monthly=False)
    if language:
        rows = rows.filter(language=language)
    return sum(rows.values_list("count", flat=True))


def test_a_beacon_answers_204_no_store_without_a_query_cookie_or_body(
    beacon, site_tree, django_assert_num_queries
):
    home = site_tree.homes["tk"]
    with django_assert_num_queries(0):
        response = beacon(f"/count/{home.pk}/tk/")
    assert response.status_code == 204
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies and response.content == b""
    # The security headers are added above the beacon, like on every public answer.
    assert "connect-src 'self'" in response["Content-Security-Policy"]
    assert counts.flush() == 1  # without Redis (development): straight into the database
    assert stored(home, "tk") == 1
    row = ReadingCount.objects.get(page=home)
    assert (row.language, row.day, row.count, row.monthly) == ("tk", timezone.localdate(), 1, False)


def test_the_noscript_image_counts_too_and_answers_a_gif(client, site_tree):
    home = site_tree.homes["ru"]
    response = client.get(
        f"/count/{home.pk}/ru/", headers={"user-agent": BROWSER, "sec-fetch-site": "same-origin"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif" and response.content == PIXEL
    assert response["Cache-Control"] == "no-store"
    counts.flush()
    assert stored(home, "ru") == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"user-agent": ""},
        {"user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"user-agent": "Mozilla/5.0 (compatible; YandexBot/3.0)"},
        {"user-agent": "TelegramBot (like TwitterBot)"},
        {"user-agent": "facebookexternalhit/1.1"},
        {"user-agent": "curl/8.5.0"},
        {"user-agent": "python-requests/2.32"},
        {"user-agent": "Mozilla/5.0 (Linux) Chrome/131.0 Safari/537.36 Chrome-Lighthouse"},
        {"sec-purpose": "prefetch"},
        {"sec-purpose": "prefetch;prerender"},
        {"purpose": "prefetch"},
        {"x-moz": "prefetch"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
    ],
)
def test_robots_prefetches_and_other_sites_are_not_counted(beacon, site_tree, headers):
    home = site_tree.homes["tk"]
    assert beacon(f"/count/{home.pk}/tk/", **headers).status_code == 204
    assert counts.take() == {}


def test_head_is_not_counted_and_other_methods_are_refused(client, site_tree):
    home = site_tree.homes["tk"]
    headers = {"user-agent": BROWSER}
    assert client.head(f"/count/{home.pk}/tk/", headers=headers).status_code == 200
    assert client.put(f"/count/{home.pk}/tk/", headers=headers).status_code == 405
    assert counts.take() == {}


@pytest.mark.parametrize("path", ["/count/1/de/", "/count/0/tk/", "/count/abc/tk/", "/count/1/tk", "/count/"])
def test_unknown_languages_and_malformed_addresses_are_not_found(beacon, path):
    assert beacon(path).status_code == 404
    assert counts.take() == {}


def test_made_up_page_ids_are_dropped_when_written(beacon, site_tree):
    assert beacon("/count/987654321/tk/").status_code == 204  # no query to check it here
    counts.flush()
    assert not ReadingCount.objects.exists()


def test_the_beacon_is_rate_limited_per_address(beacon, site_tree, settings):
    settings.READERSHIP_BEACONS_PER_MINUTE = 3
    home = site_tree.homes["tk"]
    answers = [beacon(f"/count/{home.pk}/tk/").status_code for _ in range(5)]
    assert answers == [204, 204, 204, 429, 429]
    assert beacon(f"/count/{home.pk}/tk/", address="198.51.100.4").status_code == 204  # another reader
    assert counts.take() == {(timezone.localdate(), home.pk, "tk"): 4}


def test_counts_go_through_redis_and_the_worker_writes_one_row_per_page_language_and_day(
    beacon, site_tree, real_redis, settings
):
    home, about = site_tree.homes["tk"], site_tree.about["ru"]
    for address in range(5):
        beacon(f"/count/{home.pk}/tk/", address=f"203.0.113.{address}")
    beacon(f"/count/{about.pk}/ru/")
    assert counts.flush() == 6
    assert not ReadingCount.objects.exists()  # the web process writes to Redis only
    today = timezone.localdate().isoformat()
    assert real_redis.hgetall(settings.READERSHIP_REDIS_KEY) == {
        f"{today}|{home.pk}|tk".encode(): b"5",
        f"{today}|{about.pk}|ru".encode(): b"1",
    }
    assert store.move_to_database() == 6
    assert stored(home, "tk") == 5 and stored(about, "ru") == 1
    assert not real_redis.exists(settings.READERSHIP_REDIS_KEY, store.moving_key())
    # The next minute's counts add to the same rows.
    beacon(f"/count/{home.pk}/tk/")
    counts.flush()
    store.move_to_database()
    assert ReadingCount.objects.count() == 2 and stored(home, "tk") == 6
    assert store.move_to_database() == 0  # nothing new


def test_a_batch_left_by_a_stopped_worker_is_written_by_the_next_run(beacon, site_tree, real_redis, settings):
    home = site_tree.homes["tk"]
    day = timezone.localdate().isoformat()
    real_redis.hset(store.moving_key(), f"{day}|{home.pk}|tk", 7)  # renamed, then the worker died
    real_redis.hset(settings.READERSHIP_REDIS_KEY, f"{day}|{home.pk}|tk", 2)  # counted since
    assert store.move_to_database() == 7
    assert store.move_to_database() == 2
    assert stored(home, "tk") == 9


def test_while_redis_is_down_counts_go_to_the_database(beacon, site_tree, settings):
    settings.READERSHIP_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    home = site_tree.homes["tk"]
    beacon(f"/count/{home.pk}/tk/")
    try:
        assert counts.flush() == 1
    finally:
        redis_breaker.reset()
    assert stored(home, "tk") == 1


@pytest.mark.slow
def test_a_flood_of_ten_thousand_beacons_costs_one_redis_round_trip_and_no_database_write(
    beacon, site_tree, real_redis, settings, django_assert_num_queries, monkeypatch
):
    from hhd_site.redis_connection import CircuitBreakerConnection

    round_trips = []
    send = CircuitBreakerConnection.send_packed_command
    monkeypatch.setattr(
        CircuitBreakerConnection,
        "send_packed_command",
        lambda self, command, check_health=True: round_trips.append(1) or send(self, command, check_health),
    )
    settings.READERSHIP_BEACONS_PER_MINUTE = 10_000
    urls = [f"/count/{site_tree.homes[code].pk}/{code}/" for code in ("tk", "ru", "tr", "en")]
    with django_assert_num_queries(0):
        for number in range(10_000):
            response = beacon(urls[number % 4], address=f"10.0.{number % 200}.1")
            assert response.status_code == 204
        assert round_trips == []  # the views are counted in memory
        assert counts.flush() == 10_000
    assert len(round_trips) == 1  # one pipeline of four HINCRBY
    with django_assert_num_queries(3):  # savepoint, the upsert of four rows, release
        assert store.move_to_database() == 10_000
    assert ReadingCount.objects.count() == 4
    assert {row.count for row in ReadingCount.objects.all()} == {2500}


def test_old_daily_counts_are_summed_per_month_after_two_years(site_tree):
    home = site_tree.homes["tk"]
    today = datetime.date(2026, 12, 6)
    for day, count in [
        (datetime.date(2024, 10, 3), 4),
        (datetime.date(2024, 10, 30), 6),
        (datetime.date(2024, 11, 2), 5),
    ]:
        ReadingCount.objects.create(page=home, language="tk", day=day, count=count)
    recent = ReadingCount.objects.create(page=home, language="tk", day=datetime.date(2025, 1, 9), count=3)
    assert store.first_monthly_day(today) == datetime.date(2024, 12, 1)
    store.roll_up(today)
    rows = {(row.day, row.monthly): row.count for row in ReadingCount.objects.all()}
    assert rows == {
        (datetime.date(2024, 10, 1), True): 10,
        (datetime.date(2024, 11, 1), True): 5,
        (recent.day, False): 3,
    }
    store.roll_up(today)  # again: nothing changes
    assert ReadingCount.objects.count() == 3


def test_the_table_holds_nothing_but_date_page_language_and_count():
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(cursor, ReadingCount._meta.db_table)
        }
    assert columns == {"id", "page_id", "language", "day", "monthly", "count"}
