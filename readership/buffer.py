"""Counts of this process, in memory, flushed every READERSHIP_FLUSH_SECONDS (about 2 s).

A view adds one to a counter in a dict (no I/O). A timer thread then sends all the counters to
Redis in one pipeline of HINCRBY commands (one round trip, whatever the number of views), where
the worker collects them (readership.store). Without Redis (READERSHIP_REDIS_URL empty, as in
development) the flush writes to the database directly instead: one upsert statement per flush,
never one per view. When Redis does not answer, the counts go to the database the same way.

The key of a counter is only ``(day, page id, language)``.
"""

import logging
import threading
from collections import Counter

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from hhd_site.circuit import ThrottledWarning

from . import store

logger = logging.getLogger(__name__)
_warning = ThrottledWarning(logger)

# A flood of made-up page ids cannot grow this process's memory without end: past this many
# different counters before a flush, new ones are dropped (existing ones still count).
MAX_COUNTERS = 50_000


class CountBuffer:
    def __init__(self):
        self.counters = Counter()
        self.lock = threading.Lock()
        self.timer = None

    def add(self, page_id, language):
        key = (timezone.localdate(), page_id, language)
        with self.lock:
            if key in self.counters or len(self.counters) < MAX_COUNTERS:
                self.counters[key] += 1
            if self.timer is None and settings.READERSHIP_FLUSH_SECONDS > 0:
                self.timer = threading.Timer(settings.READERSHIP_FLUSH_SECONDS, self._flush_from_timer)
                self.timer.daemon = True
                self.timer.start()

    def take(self):
        with self.lock:
            counters, self.counters = self.counters, Counter()
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
        return counters

    def _flush_from_timer(self):
        try:
            self.flush()
        finally:
            close_old_connections()  # the timer's own thread: no request closes its connection

    def flush(self):
        """Send this process's counts on (Redis, or the database); returns how many views."""
        counters = self.take()
        if not counters:
            return 0
        if store.redis_client() is not None:
            try:
                store.add_to_redis(counters)
                return sum(counters.values())
            except Exception:  # noqa: BLE001 - Redis down: the database keeps the counts
                _warning.warn("reading counts written to the database: Redis is unavailable")
        try:
            store.add_to_database(counters)
        except Exception:
            logger.exception("Reading counts of this process could not be saved")
            return 0
        return sum(counters.values())


counts = CountBuffer()
