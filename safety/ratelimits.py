"""Rate limits shared between processes through the cache (Redis in production).

Keys hold a keyed digest of the IP address or e-mail, never the value itself. A fixed
window counter whose window starts at the subject's first hit: ``cache.add`` starts it (and
notes when, for Retry-After), ``cache.incr`` counts atomically (one Redis INCR, which keeps the
key's expiry). Windows aligned to the clock would let a burst that straddles a boundary through
twice. When the shared cache is unreachable the limits never switch off: each process
counts in its own memory instead, with the same limits. A visitor whose requests reach
several processes may then get up to that many times the limit in all; one who keeps a
connection open (most clients) stays on one process and meets the limit as before.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.template.response import TemplateResponse

from hhd_site.circuit import ThrottledWarning
from safety.digests import keyed_digest

logger = logging.getLogger(__name__)
# Counters of this process, used while the shared cache does not answer.
_process_counters = LocMemCache("safety-ratelimits-fallback", {"OPTIONS": {"MAX_ENTRIES": 100_000}})
_fallback_warning = ThrottledWarning(logger)


def _count(key: str, timeout: int, now: float) -> tuple[int, object]:
    """One more hit on ``key`` in the shared cache, or in this process's memory without it.

    Returns the count and the cache that holds it.
    """
    store = cache
    try:
        if cache.add(key, 0, timeout=timeout):
            cache.set(f"{key}:start", now, timeout=timeout)
        count = cache.incr(key)
    except Exception:  # an unreachable cache raises with some backends
        count = None
    if count is None:  # django-redis with IGNORE_EXCEPTIONS answers None when Redis is down
        _fallback_warning.warn("rate limits counted per process: the shared cache is unavailable")
        store = _process_counters
        if _process_counters.add(key, 0, timeout=timeout):
            _process_counters.set(f"{key}:start", now, timeout=timeout)
        count = _process_counters.incr(key)
    return count, store


class RateLimited(Exception):
    """Raised when a limit is exceeded; carries the seconds until the window ends."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` hits per ``window`` seconds for one subject of one ``name``."""

    name: str
    limit: int
    window: int

    @classmethod
    def from_settings(cls, name: str) -> "RateLimit":
        limit, window = settings.RATE_LIMITS[name]
        return cls(name, limit, window)

    def hit(self, subject: str) -> None:
        """Count one hit for ``subject`` (an IP or address); raise RateLimited past the limit."""
        now = time.time()
        key = f"ratelimit:{self.name}:{keyed_digest('ratelimit', subject)[:32]}"
        count, store = _count(key, timeout=self.window, now=now)
        if count > self.limit:
            try:
                started = store.get(f"{key}:start") or now
            except Exception:  # the cache went away between the two calls
                started = now
            retry_after = max(1, int(started + self.window - now) + 1)
            raise RateLimited(retry_after)


def over_limit(request, name: str, subject: str):
    """None while ``subject`` (an IP or address) is within the limit ``name``; past it, the 429 answer."""
    try:
        RateLimit.from_settings(name).hit(subject)
    except RateLimited as limited:
        return too_many_attempts(request, limited.retry_after)
    return None


def too_many_attempts(request, retry_after: int):
    """The translated "too many attempts" page: 429 with Retry-After, never cached."""
    minutes = max(1, -(-retry_after // 60))
    response = TemplateResponse(
        request, "safety/too_many_attempts.html", {"retry_after_minutes": minutes}, status=429
    )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store, private"
    return response


def forbidden_cross_site(request):
    """The translated answer to a POST that a browser says came from another site."""
    response = TemplateResponse(request, "safety/cross_site.html", {}, status=403)
    response["Cache-Control"] = "no-store, private"
    return response
