"""Fail loudly, never skip, when the PostgreSQL server the suite needs is unreachable."""

import pytest

pytest_plugins = ["tests.databases", "tests.fixtures"]


def pytest_sessionstart(session):
    import django
    from django.conf import settings

    django.setup()
    db = settings.DATABASES["default"]
    import psycopg

    try:
        psycopg.connect(
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            dbname="postgres",
            connect_timeout=5,
        ).close()
    except psycopg.OperationalError as error:
        raise pytest.UsageError(
            f"PostgreSQL is required for the test suite and is unreachable "
            f"({db.get('HOST')}:{db.get('PORT')}): {error}"
        ) from error


# Fixtures whose rows are built once per process and put back from a snapshot for each later test
# that starts from the same rows and settings (tests/databases.BuiltOnce).
BUILT_ONCE = ("site_tree", "demo_content")


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering
def pytest_collection_modifyitems(items):
    """Two orders for a quicker run, neither changing what a test sees:

    - The slow tests first within each of pytest-django's groups (tests in a transaction, then
      transactional ones, then those without the database), so that the test processes share out
      the quick ones at the end instead of one running a minute-long test while the other waits.
    - The built-once fixtures set up right after the automatic ones, before the test's other
      fixtures: a user or a setting another fixture made first (a new id, a free port) would make
      every test's starting point new, and the rows would be built again each time.
    """

    def group(item):
        marker = item.get_closest_marker("django_db")
        names = getattr(item, "fixturenames", ())
        options = marker.kwargs if marker else {}
        if options.get("transaction") or options.get("reset_sequences"):
            return 1
        if "transactional_db" in names or "live_server" in names:
            return 1
        return 0 if marker or "db" in names else 2

    items.sort(key=lambda item: (group(item), item.get_closest_marker("slow") is None))
    for item in items:
        names = getattr(item, "fixturenames", None)
        wanted = [name for name in BUILT_ONCE if names and name in names]
        if not wanted:
            continue
        automatic = set(item.session._fixturemanager._getautousenames(item))  # noqa: SLF001
        rest = [name for name in names if name not in wanted]
        position = max((index + 1 for index, name in enumerate(rest) if name in automatic), default=0)
        names[:] = rest[:position] + wanted + rest[position:]


@pytest.fixture(scope="session", autouse=True)
def serialized_database(django_db_setup, django_db_blocker):
    """The database contents serialized at set-up (for serialized_rollback), or None.

    Autouse, so it is captured in the context where the test database was made.
    """
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: cached fragments hold database rows that the
    previous test's rollback removed."""
    from django.core.cache import cache

    from caching import generation, routes
    from caching.middleware import hot_pages
    from safety import consent

    cache.clear()
    hot_pages.clear()
    routes.clear()
    consent._known_versions.clear()  # noqa: SLF001 - rows of ConsentWording roll back with each test
    generation._remembered.update(generation=None, until=0.0)  # noqa: SLF001


@pytest.fixture(autouse=True)
def force_login_passes_second_factor(monkeypatch):
    """``client.force_login`` stands for a complete sign-in, second step included
    (staff/testing.py); the sign-in itself is tested through its real views in staff/tests."""
    from django.test import Client

    from staff.testing import pass_second_factor

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def migration_rows_are_present(request, serialized_database):
    """A test in a transaction starts with the rows migrations made (locales, the root page,
    the role groups), even if a transactional test ran before it in the same process and its
    flush emptied the tables (pytest-django restores them only at the start of the next
    transactional test). Put back from the copy serialized at set-up, inside this test's
    transaction, so they roll back with it."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:  # no database, or only through a fixture
        return
    if (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(
        request.fixturenames
    ):
        return
    if not serialized_database:
        return
    request.getfixturevalue("db")
    from django.db import connection
    from wagtail.models import Locale

    if not Locale.objects.exists():
        connection.creation.deserialize_db_from_string(serialized_database)
