"""Rate limits shared between processes through the cache (Redis in production).

Keys hold a keyed digest of the IP address or e-mail, never the value itself. A fixed
window counter: ``cache.add`` starts a window and ``cache.incr`` counts atomically (one
Redis INCR). When the cache is unreachable the limit lets the request through: the site
stays usable, and double opt-in still stops fake signatures.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

from safety.digests import keyed_digest

logger = logging.getLogger(__name__)


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
        window_index = int(now // self.window)
        key = f"ratelimit:{self.name}:{keyed_digest('ratelimit', subject)[:32]}:{window_index}"
        try:
            cache.add(key, 0, timeout=self.window + 1)
            count = cache.incr(key)
        except Exception:  # an unreachable cache must not take the forms down
            logger.warning("rate limit %s not counted: cache unavailable", self.name)
            return
        if count is None:  # django-redis with IGNORE_EXCEPTIONS answers None when Redis is down
            return
        if count > self.limit:
            retry_after = int((window_index + 1) * self.window - now) + 1
            raise RateLimited(retry_after)


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
