"""/readyz tells the load balancer whether this process can serve: database and cache."""

import pytest

from hhd_site import health


def test_ready_when_database_and_cache_answer(client, db):
    response = client.get("/readyz", headers={"host": "10.0.0.7:8000"})
    assert response.status_code == 200
    assert response.content == b"database: ok\ncache: ok\n"
    assert response["Cache-Control"] == "no-store"


def test_not_ready_when_the_database_is_unreachable(client, db):
    from django.db import OperationalError
    from django.db.backends.postgresql.base import DatabaseWrapper

    def refuse(self, name=None):
        raise OperationalError("connection refused")

    # Undone before the test's transaction is rolled back (that needs a cursor).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseWrapper, "create_cursor", refuse)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"database: unreachable\ncache: ok\n"


def test_not_ready_when_the_cache_loses_what_it_was_given(client, db, monkeypatch):
    # django-redis with IGNORE_EXCEPTIONS: a write to a dead Redis "succeeds", a read gives None.
    monkeypatch.setattr(health.cache, "get", lambda *args, **kwargs: None)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"database: ok\ncache: unreachable\n"


def test_not_ready_when_the_cache_raises(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(health.cache, "set", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert b"redis" not in response.content


def test_readiness_is_never_redirected_to_https_nor_cached(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/readyz")
    assert first.status_code == 200
    assert "X-Page-Cache" not in first
