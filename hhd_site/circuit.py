"""Circuit breakers for the shared services a request may wait on (Redis today).

A service that hangs costs every operation its full timeout, and a request makes many cache
operations: a hung Redis made every page take seconds. A breaker remembers, per process, that
the service just failed and makes the next operations fail at once for a short while, so that a
request pays at most one timeout and the following ones none until the service is tried again.
It also keeps the logs readable: one warning per service per minute instead of a traceback per
operation.
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)


class ThrottledWarning:
    """A warning logged at most once per ``every`` seconds in this process."""

    def __init__(self, log: logging.Logger, every: float = 60.0):
        self.log = log
        self.every = every
        self._last = -every
        self._lock = threading.Lock()

    def warn(self, message: str, *args) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._last < self.every:
                return
            self._last = now
        self.log.warning(message, *args)


class CircuitBreaker:
    """Open for ``open_seconds`` after a failure; then the next caller tries the service again."""

    def __init__(self, name: str, open_seconds: float = 5.0):
        self.name = name
        self.open_seconds = open_seconds
        self._open_until = 0.0
        self._warning = ThrottledWarning(logger)
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self, error: BaseException) -> None:
        """The service failed: fail fast for a while, and say so at most once a minute."""
        with self._lock:
            self._open_until = time.monotonic() + self.open_seconds
        # The class name only: messages of connection errors name hosts and ports.
        self._warning.warn(
            "%s unavailable (%s): failing fast for %.0f s at a time",
            self.name,
            type(error).__name__,
            self.open_seconds,
        )

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0


redis_breaker = CircuitBreaker("redis")
