"""Bounded waits: PostgreSQL and Redis that refuse or hang, through a TCP proxy on loopback
(tests/fault_proxy.py). The machine's own servers are never stopped."""

import logging
import time

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection

from hhd_site.circuit import redis_breaker
from hhd_site.postgres.base import DatabaseWrapper
from safety.ratelimits import RateLimit, RateLimited
from tests.fault_proxy import FaultProxy

# Far above what each case needs (one deadline or one socket timeout), far below "for ever":
# these bound a wait, they do not measure speed.
NEVER_LONGER = 6.0


@pytest.fixture
def postgres_proxy():
    proxy = FaultProxy(int(connection.settings_dict.get("PORT") or 5432))
    yield proxy
    proxy.close()


@pytest.fixture
def redis_proxy(settings):
    proxy = FaultProxy(6379)
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{proxy.port}/13",
            "KEY_PREFIX": f"faults-{proxy.port}",
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }
    redis_breaker.reset()
    yield proxy
    redis_breaker.reset()
    proxy.close()


def database_through(proxy, **options):
    """A second connection to the test database, through the proxy."""
    settings_dict = {**connection.settings_dict, "PORT": proxy.port, "CONN_HEALTH_CHECKS": False}
    settings_dict["OPTIONS"] = {**settings_dict.get("OPTIONS", {}), **options}
    return DatabaseWrapper(settings_dict, alias="through-proxy")


@pytest.mark.django_db
def test_a_query_on_a_hung_database_is_cut_off_at_its_deadline(postgres_proxy, settings):
    settings.DB_STATEMENT_TIMEOUT_SECONDS = 1
    database = database_through(postgres_proxy)
    try:
        with database.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
            postgres_proxy.mode = "hang"
            started = time.monotonic()
            with pytest.raises(OperationalError):
                cursor.execute("SELECT 2")
        assert time.monotonic() - started < NEVER_LONGER
    finally:
        database.close()


@pytest.mark.django_db
def test_the_health_check_of_a_kept_connection_does_not_hang_either(postgres_proxy, settings):
    settings.DB_STATEMENT_TIMEOUT_SECONDS = 1
    database = database_through(postgres_proxy)
    try:
        database.ensure_connection()
        postgres_proxy.mode = "hang"
        started = time.monotonic()
        assert database.is_usable() is False
        assert time.monotonic() - started < NEVER_LONGER
    finally:
        database.close()


@pytest.mark.django_db
def test_connecting_to_a_hung_database_gives_up_after_the_connect_timeout(postgres_proxy):
    postgres_proxy.mode = "hang"
    database = database_through(postgres_proxy, connect_timeout=1)
    started = time.monotonic()
    with pytest.raises(OperationalError):
        database.ensure_connection()
    assert time.monotonic() - started < NEVER_LONGER


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_hangs_and_healthz_answers_200(
    client, postgres_proxy, settings, monkeypatch
):
    from hhd_site import health

    settings.DB_STATEMENT_TIMEOUT_SECONDS = 1
    database = database_through(postgres_proxy)
    monkeypatch.setattr(health, "connection", database)
    try:
        database.ensure_connection()
        postgres_proxy.mode = "hang"
        started = time.monotonic()
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert b"database: unreachable" in ready.content
        assert time.monotonic() - started < NEVER_LONGER
        assert client.get("/healthz").status_code == 200
    finally:
        database.close()


@pytest.mark.django_db
def test_a_hung_redis_costs_one_timeout_then_nothing_until_it_is_tried_again(
    client, site_tree, redis_proxy, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    assert client.get("/tk/").status_code == 200  # Redis answers: the page is cached
    redis_proxy.mode = "hang"
    before = redis_proxy.accepted
    answers = [client.get("/tk/about/").status_code for _ in range(5)]
    assert answers == [200] * 5  # rendered from the database
    assert redis_breaker.is_open
    # Only the connection that met the hang was tried; the other operations failed at once.
    assert redis_proxy.accepted - before <= 1


@pytest.mark.django_db
def test_with_redis_down_rate_limits_count_in_the_process_never_switch_off(redis_proxy, caplog):
    redis_proxy.mode = "refuse"
    limit = RateLimit("faults", 3, 600)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            limit.hit("198.51.100.7")
        with pytest.raises(RateLimited):
            limit.hit("198.51.100.7")
        limit_for_someone_else = RateLimit("faults", 3, 600)
        limit_for_someone_else.hit("198.51.100.8")  # another visitor has a count of their own
    warnings = [record for record in caplog.records if record.levelno >= logging.WARNING]
    # One line per dependency and minute, not a traceback per operation.
    assert len(warnings) <= 2
    assert all(record.exc_info is None for record in warnings)


def test_when_redis_recovers_the_cache_is_used_again(redis_proxy, settings):
    redis_breaker.open_seconds = 0.2
    try:
        redis_proxy.mode = "refuse"
        cache.set("faults-key", "value")
        assert redis_breaker.is_open
        redis_proxy.mode = "pass"
        time.sleep(0.3)
        cache.set("faults-key", "value")
        assert cache.get("faults-key") == "value"
    finally:
        redis_breaker.open_seconds = 5.0
