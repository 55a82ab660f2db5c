"""On databases other than PostgreSQL (SQLite in development) Wagtail's own backend is used."""

import sys
from types import SimpleNamespace
from unittest import mock

from modelsearch.backends.database.fallback import DatabaseSearchBackend

from search import backends
from search.backends.postgres import LanguagePostgresSearchBackend


def test_postgresql_gets_the_per_language_backend():
    with mock.patch.object(backends.connection, "vendor", "postgresql"):
        assert isinstance(backends.SearchBackend({}), LanguagePostgresSearchBackend)


def test_sqlite_gets_wagtails_sqlite_backend_when_full_text_search_is_available():
    from modelsearch.backends import database

    from_wagtail = mock.Mock(name="SQLiteSearchBackend")
    # The real module defines SQLite-only models, which cannot load on the test database.
    sqlite_module = SimpleNamespace(SQLiteSearchBackend=from_wagtail)
    with (
        mock.patch.object(backends.connection, "vendor", "sqlite"),
        mock.patch.object(database, "connection", mock.Mock(vendor="sqlite")),
        mock.patch.object(database, "USE_SQLITE_FTS", True),
        mock.patch.dict(sys.modules, {"modelsearch.backends.database.sqlite.sqlite": sqlite_module}),
    ):
        backend = backends.SearchBackend({"ATOMIC_REBUILD": True})
    from_wagtail.assert_called_once_with({"ATOMIC_REBUILD": True})
    assert backend is from_wagtail.return_value


def test_other_databases_get_wagtails_fallback_backend():
    from modelsearch.backends import database

    with (
        mock.patch.object(backends.connection, "vendor", "mysql-like"),
        mock.patch.object(database, "connection", mock.Mock(vendor="oracle")),
    ):
        backend = backends.SearchBackend({})
    assert isinstance(backend, DatabaseSearchBackend)
    assert not isinstance(backend, LanguagePostgresSearchBackend)


def test_where_wagtail_chooses_sqlite_full_text_search_it_gets_the_stems_of_each_language():
    class SQLiteSearchBackend:  # what Wagtail's choice is called when FTS5 is there
        def __init__(self, params):
            pass

    ours = mock.Mock(name="StemmingSQLiteSearchBackend")
    with (
        mock.patch.object(backends.connection, "vendor", "sqlite"),
        mock.patch.object(backends, "database_search_backend", SQLiteSearchBackend),
        # The real module needs Wagtail's SQLite-only models, which cannot load on the test database.
        mock.patch.dict(
            sys.modules, {"search.backends.sqlite": SimpleNamespace(StemmingSQLiteSearchBackend=ours)}
        ),
    ):
        backend = backends.SearchBackend({"LANGUAGE": "ru"})
    ours.assert_called_once_with({"LANGUAGE": "ru"})
    assert backend is ours.return_value
