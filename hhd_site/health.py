"""Liveness and readiness endpoints for the container orchestrator and the load balancer."""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

logger = logging.getLogger(__name__)


def database_reachable():
    """True when a trivial query on the default database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as error:  # any failure means "not ready"; the class name is enough to log
        logger.warning("readiness: database unreachable (%s)", type(error).__name__)
        return False


def cache_reachable():
    """True when a value written to the shared cache can be read back.

    django-redis is configured to ignore errors (pages keep being served when Redis is
    down), so a failed write does not raise: reading the value back is what tells.
    """
    token = secrets.token_hex(8)
    try:
        cache.set("readyz", token, timeout=10)
        return cache.get("readyz") == token
    except Exception as error:
        logger.warning("readiness: cache unreachable (%s)", type(error).__name__)
        return False


def _plain(body, status):
    response = HttpResponse(body, content_type="text/plain", status=status)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answer ``/healthz`` and ``/readyz`` before host validation and the HTTPS redirect.

    Health checks come from inside the deployment with an internal Host header over plain
    HTTP. ``/healthz`` touches neither the database nor the cache: it says the process is
    alive. ``/readyz`` says whether it can serve: 200 when the database and the cache both
    answer, 503 naming the one that does not (no error details: they could name hosts).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return _plain("ok\n", 200)
        if request.path == "/readyz":
            checks = {"database": database_reachable(), "cache": cache_reachable()}
            body = "".join(f"{name}: {'ok' if ok else 'unreachable'}\n" for name, ok in checks.items())
            return _plain(body, 200 if all(checks.values()) else 503)
        return self.get_response(request)
