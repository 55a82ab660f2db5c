"""PostgreSQL, with a deadline on every query that holds even when the server hangs.

``statement_timeout`` (set per connection from DB_STATEMENT_TIMEOUT_SECONDS) stops slow
queries on a server that answers. A server that accepts connections and never answers (a
hung host, a stuck proxy, a full disk) is not stopped by it, and libpq has no client-side
query timeout: a request would wait for the whole outage and take a gunicorn thread with it.
So each query also registers a deadline (a little after the statement timeout) with one
watchdog thread per process; a query still running at its deadline has its socket shut down,
psycopg raises OperationalError at once, and the visitor gets the 503 page (hhd_site/views.py)
or the cached page. Cost per query: a lock and a dict entry.
"""

import logging
import os
import socket
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)


class QueryWatchdog:
    """Shuts down the socket of any connection whose query outlives its deadline."""

    TICK = 0.1

    def __init__(self):
        self._deadlines = {}
        self._lock = threading.Lock()
        self._thread = None

    @contextmanager
    def deadline(self, pg_connection, seconds: float):
        key = object()
        with self._lock:
            self._deadlines[key] = (time.monotonic() + seconds, pg_connection)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._watch, name="db-query-watchdog", daemon=True)
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._deadlines.pop(key, None)

    def _watch(self):
        while True:
            time.sleep(self.TICK)
            now = time.monotonic()
            with self._lock:
                overdue = [key for key, (due, _conn) in self._deadlines.items() if due <= now]
                connections = [self._deadlines.pop(key)[1] for key in overdue]
            for pg_connection in connections:
                self._cut(pg_connection)

    @staticmethod
    def _cut(pg_connection):
        try:
            fd = pg_connection.pgconn.socket
        except Exception:  # already closed: nothing is waiting on it
            return
        # shutdown() acts on the socket itself, so a duplicate descriptor reaches the one
        # psycopg is blocked on; its read returns and psycopg raises OperationalError.
        sock = socket.socket(fileno=os.dup(fd))
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        finally:
            sock.close()
        logger.warning("database query cut off at its deadline: the server did not answer")


watchdog = QueryWatchdog()


def query_deadline_seconds() -> float:
    """The client-side deadline of one query, 0 for none (no statement timeout configured)."""
    statement_timeout = getattr(settings, "DB_STATEMENT_TIMEOUT_SECONDS", 0)
    return statement_timeout + 1.0 if statement_timeout else 0.0


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # First in the list, so it wraps the query as the server sees it, whatever other
        # wrappers (query counting in tests) do around it.
        self.execute_wrappers.insert(0, self._within_deadline)

    def _within_deadline(self, execute, sql, params, many, context):
        seconds = query_deadline_seconds()
        if not seconds or self.connection is None:
            return execute(sql, params, many, context)
        with watchdog.deadline(self.connection, seconds):
            return execute(sql, params, many, context)

    def is_usable(self):
        # The health check before a request's first query (CONN_HEALTH_CHECKS) runs outside
        # execute_wrappers; a hung server must not hang it either.
        seconds = query_deadline_seconds()
        if not seconds or self.connection is None:
            return super().is_usable()
        with watchdog.deadline(self.connection, seconds):
            return super().is_usable()
