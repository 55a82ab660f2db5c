"""Test databases: migrated once per checkout and set of migrations, copied for each test process.

The first process that needs it migrates a template database named after a digest of the
checkout's path (hhd_site/settings/test.py) and of every installed app's migration files; each
test process then gets its own copy (``CREATE DATABASE ... TEMPLATE``), made in about a second
and dropped at the end. A changed migration, or a package upgrade that brings migrations, makes
a new template; ``pytest --create-db`` makes it again.
"""

import hashlib
import os
from pathlib import Path

import pytest


def migrations_digest() -> str:
    """A digest of every migration file of every installed app, and of the test settings."""
    from django.apps import apps
    from django.conf import settings

    digest = hashlib.sha256()
    files = [Path(settings.BASE_DIR) / "hhd_site" / "settings" / name for name in ("base.py", "test.py")]
    for app in apps.get_app_configs():
        files += sorted((Path(app.path) / "migrations").glob("*.py"))
    for path in files:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _pid_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _build_template(connection, template: str, prefix: str, cursor) -> None:
    """Migrate a new database and rename it to ``template`` once it is complete, so that a run
    killed half-way never leaves a template behind; drop this checkout's older templates."""
    building = f"{template}_new"
    connection.settings_dict["TEST"]["NAME"] = building
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    connection.close()
    cursor.execute(f"DROP DATABASE IF EXISTS {_quote(template)}")
    cursor.execute(f"ALTER DATABASE {_quote(building)} RENAME TO {_quote(template)}")
    cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{prefix}\\_m%"])
    for (name,) in cursor.fetchall():
        if name != template:
            cursor.execute(f"DROP DATABASE IF EXISTS {_quote(name)}")


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_createdb):
    """This process's test database, copied from the migrated template (pytest-django's own
    fixture would migrate it from scratch in every process of every run)."""
    from django.conf import settings
    from django.db import DEFAULT_DB_ALIAS, connection, connections

    clone = connection.settings_dict["TEST"]["NAME"]  # test_<db>_<checkout>_<pid>
    prefix = clone.removesuffix(f"_{os.getpid()}")
    template = f"{prefix}_m{migrations_digest()}"
    original_name = connection.settings_dict["NAME"]

    with django_db_blocker.unblock():
        with connection.creation._nodb_cursor() as cursor:  # noqa: SLF001 - Django's own way in
            # One process at a time, across runs and checkouts of this server.
            cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [prefix])
            try:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
                if django_db_createdb or cursor.fetchone() is None:
                    _build_template(connection, template, prefix, cursor)
                # Copies left by processes that were killed before they could drop theirs.
                cursor.execute("SELECT datname FROM pg_database WHERE datname ~ %s", [f"^{prefix}_[0-9]+$"])
                for (name,) in cursor.fetchall():
                    if not _pid_is_alive(int(name.rsplit("_", 1)[1])):
                        cursor.execute(f"DROP DATABASE IF EXISTS {_quote(name)}")
                cursor.execute(f"DROP DATABASE IF EXISTS {_quote(clone)}")
                cursor.execute(f"CREATE DATABASE {_quote(clone)} TEMPLATE {_quote(template)}")
                # A commit here need not wait for the disk: a crash of the server loses a test
                # database, which the next run makes again. Every connection to it (live servers,
                # gunicorn and worker processes) takes this setting.
                cursor.execute(f"ALTER DATABASE {_quote(clone)} SET synchronous_commit = off")
            finally:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [prefix])
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = clone
        connection.settings_dict["NAME"] = clone
        connection.settings_dict["TEST"]["NAME"] = clone
        # What serialized_rollback puts back: the rows migrations made. Kept on every connection
        # object of the default database this process makes: Django keeps one per context, and
        # the browser tests' Playwright (an event loop in this thread) leaves the tests after
        # them in a new one, whose connection would have none, and a transactional test after
        # them would start from empty tables.
        contents = connection.creation.serialize_db_to_string()
        connection._test_serialized_contents = contents  # noqa: SLF001
        make_connection = connections.create_connection

        def create_connection(alias):
            made = make_connection(alias)
            if alias == DEFAULT_DB_ALIAS:
                made._test_serialized_contents = contents  # noqa: SLF001
            return made

        connections.create_connection = create_connection
        # Remember the content types, as migrate leaves them remembered: putting the rows back
        # after a flush must not make a content type anew (with another id) before its own row.
        from django.contrib.contenttypes.models import ContentType

        for content_type in ContentType.objects.all():
            ContentType.objects._add_to_cache(connection.alias, content_type)  # noqa: SLF001

    yield

    with django_db_blocker.unblock():
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = original_name
        connection.settings_dict["NAME"] = original_name
        with connection.creation._nodb_cursor() as cursor:  # noqa: SLF001
            # This process's own copy: the live server's threads may still hold a connection.
            cursor.execute(f"DROP DATABASE IF EXISTS {_quote(clone)} WITH (FORCE)")


def _table_reads():
    """For every table of a model: the query that reads its rows in a stable order. The rows of
    many-to-many tables Django made are compared without their ids, which change each time
    serialized_rollback puts them back."""
    from django.apps import apps
    from psycopg import sql

    reads = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta  # noqa: SLF001
        if meta.proxy or not meta.managed:
            continue
        table = sql.Identifier(meta.db_table)
        if meta.auto_created:
            links = [field.column for field in meta.local_fields if field.is_relation]
            columns = sql.SQL(", ").join(sql.Identifier(column) for column in links)
            reads[meta.db_table] = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(columns, table, columns)
        else:
            order = sql.Identifier(meta.pk.column)
            reads[meta.db_table] = sql.SQL("SELECT * FROM {} ORDER BY {}").format(table, order)
    return reads


class TableSnapshot:
    """What every table holds: a digest of its rows per table, computed by the server in one
    query, and (``rows=True``, for the snapshots that are kept) the rows themselves, copied out
    with COPY. ``restore`` turns the database's rows into these by rewriting only the tables
    whose digest differs: a fraction of a second, where building the rows again takes seconds.
    Equal snapshots: same database, same rows.

    Django makes its foreign keys DEFERRABLE INITIALLY DEFERRED, so the tables can be rewritten
    in any order; the keys are checked at commit (or by the test's own constraint check). No
    restored row can collide with a later one: sequences are only ever moved forward.
    """

    digest_query = None
    names = None

    def __init__(self, connection, rows=False):
        from psycopg import sql

        if TableSnapshot.digest_query is None:
            TableSnapshot.names, TableSnapshot.digest_query = _digest_query(connection)
        self.database = connection.settings_dict["NAME"]
        self.tables = {}  # every column, to write back
        with connection.cursor() as cursor:
            cursor.execute(self.digest_query)
            self.digests = dict(zip(self.names, cursor.fetchone(), strict=True))
            if not rows:
                return
            for table in self.names:
                whole = sql.SQL("COPY {} TO STDOUT (FORMAT BINARY)").format(sql.Identifier(table))
                with cursor.cursor.copy(whole) as copy:
                    self.tables[table] = b"".join(bytes(chunk) for chunk in copy)
            cursor.execute("SELECT schemaname, sequencename, last_value FROM pg_sequences")
            self.sequences = [row for row in cursor.fetchall() if row[2] is not None]

    def __eq__(self, other):
        return isinstance(other, TableSnapshot) and (self.database, self.digests) == (
            other.database,
            other.digests,
        )

    def __hash__(self):
        return hash((self.database, tuple(self.digests.items())))

    def restore(self, connection, current: "TableSnapshot"):
        """Rewrite the tables whose rows differ from ``current``, the database's rows now."""
        from django.db import transaction
        from psycopg import sql

        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for table, rows in self.tables.items():
                if current.digests.get(table) == self.digests[table]:
                    continue
                cursor.execute(
                    sql.SQL("DELETE FROM {}").format(sql.Identifier(table)).as_string(cursor.cursor)
                )
                statement = sql.SQL("COPY {} FROM STDIN (FORMAT BINARY)").format(sql.Identifier(table))
                with cursor.cursor.copy(statement) as copy:
                    copy.write(rows)
            schemas, names, positions = zip(*self.sequences, strict=True) if self.sequences else ((), (), ())
            cursor.execute(
                "SELECT setval(format('%%I.%%I', s.schemaname, s.sequencename)::regclass, v.position)"
                " FROM pg_sequences s"
                " JOIN unnest(%s::text[], %s::text[], %s::bigint[]) AS v(sch, seq, position)"
                " ON s.schemaname = v.sch AND s.sequencename = v.seq"
                " WHERE s.last_value IS NULL OR s.last_value < v.position",
                [list(schemas), list(names), list(positions)],
            )


def _digest_query(connection):
    """The tables, and one query that reads a digest of each one's rows (read as ``_table_reads``
    says, in a stable order) as one row."""
    from psycopg import sql

    reads = _table_reads()
    names = sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
    parts = []
    for table in names:
        read = reads.get(table) or sql.SQL("SELECT * FROM {}").format(sql.Identifier(table))
        parts.append(
            sql.SQL(
                "(SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) FROM ({}) r)"
            ).format(read)
        )
    with connection.cursor() as cursor:
        query = sql.SQL("SELECT {}").format(sql.SQL(", ").join(parts)).as_string(cursor.cursor)
    return names, query


def settings_overrides() -> tuple:
    """The settings a test has overridden so far (pytest-django's ``settings``, override_settings),
    as text; a value without a stable repr makes it differ from every other test's."""
    from django.conf import UserSettingsHolder, settings

    layers = []
    wrapped = settings._wrapped  # noqa: SLF001
    while isinstance(wrapped, UserSettingsHolder):
        changed = {name: value for name, value in vars(wrapped).items() if name != "default_settings"}
        layers.append(repr(sorted(changed.items(), key=lambda item: item[0])))
        wrapped = wrapped.default_settings
    return tuple(layers)


class BuiltOnce:
    """Rows a fixture builds, built once per process for each starting point (the rows already in
    the database, the settings overridden) and put back from a snapshot for later tests that
    start from the same point. ``build`` returns what the fixture needs to find its rows again
    (primary keys, file names); ``usable`` may refuse a snapshot whose outside parts are gone."""

    def __init__(self, build, usable=None, keep=4):
        self.build = build
        self.usable = usable or (lambda found: True)
        self.keep = keep
        self.snapshots = {}

    def __call__(self, connection):
        before = TableSnapshot(connection)
        start = (before, settings_overrides())
        if start in self.snapshots:
            after, found = self.snapshots[start]
            if self.usable(found):
                after.restore(connection, current=before)
                return found
        found = self.build()
        self.snapshots[start] = (TableSnapshot(connection, rows=True), found)
        while len(self.snapshots) > self.keep:
            del self.snapshots[next(iter(self.snapshots))]
        return found
