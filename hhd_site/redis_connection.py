"""A Redis connection that fails fast while Redis is known to be down or hung (circuit.py).

django-redis answers a failed cache operation with a miss (IGNORE_EXCEPTIONS), but only after
the socket timeout; this connection class (the pool's ``connection_class``) trips the breaker
on the first timeout or refusal and refuses every command at once while it is open.
"""

from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .circuit import redis_breaker

FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


class CircuitBreakerConnection(Connection):
    def _guard(self):
        if redis_breaker.is_open:
            raise RedisConnectionError("Redis circuit open")

    def connect(self):
        self._guard()
        try:
            return super().connect()
        except FAILURES as error:
            redis_breaker.trip(error)
            raise

    def send_packed_command(self, command, check_health=True):
        self._guard()
        try:
            return super().send_packed_command(command, check_health=check_health)
        except FAILURES as error:
            redis_breaker.trip(error)
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except FAILURES as error:
            redis_breaker.trip(error)
            raise
