import uuid

import pytest

from hhd_site.circuit import redis_breaker
from readership import ratelimit
from readership.buffer import counts
from readership.store import redis_client

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(autouse=True)
def empty_counters(settings):
    """No flush timer (tests flush themselves), nothing left from another test."""
    settings.READERSHIP_FLUSH_SECONDS = 0
    settings.READERSHIP_REDIS_URL = ""
    counts.take()
    ratelimit.limit.clear()
    yield
    counts.take()
    ratelimit.limit.clear()


@pytest.fixture
def real_redis(settings):
    """The real Redis, under a key of this test only (other checkouts share the server)."""
    settings.READERSHIP_REDIS_URL = REDIS_URL
    settings.READERSHIP_REDIS_KEY = f"test:readership:{uuid.uuid4().hex}"
    redis_breaker.reset()  # a test of Redis being down may have opened it
    client = redis_client()
    client.ping()
    yield client
    redis_breaker.reset()
    client.delete(settings.READERSHIP_REDIS_KEY, f"{settings.READERSHIP_REDIS_KEY}:moving")


BROWSER = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


@pytest.fixture
def beacon(client):
    """Send the beacon as Chromium's navigator.sendBeacon does; returns the response."""

    def send(url, address="203.0.113.9", **headers):
        headers = {
            "user-agent": BROWSER,
            "sec-fetch-site": "same-origin",
            "sec-fetch-mode": "no-cors",
            **headers,
        }
        return client.post(url, headers=headers, REMOTE_ADDR=address)

    return send
