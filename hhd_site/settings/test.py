"""Tests: always real PostgreSQL (DATABASE_URL, default the local server).

The suite must fail, not skip, when PostgreSQL is unreachable: the root conftest.py
checks the connection before any test runs.
"""

import hashlib
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Django's test client talks to http://testserver; tests with a live server set their own.
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL

DATABASES = {
    "default": env.db_url("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/hhd_site"),
}
# One test database per test process, copied from a template migrated once per checkout and set
# of migrations (tests/databases.py). The digest of the checkout's path keeps the checkouts that
# share one server apart; the process id, the processes of one checkout.
_checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_checkout}_{os.getpid()}"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "hhd_site.postgres"  # with the query deadline (base.py)
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
if DATABASES["default"]["ENGINE"] != "hhd_site.postgres":
    raise ImproperlyConfigured(
        "The test suite runs on PostgreSQL only; set DATABASE_URL to a postgres:// URL."
    )

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks run at once; a test that starts real worker processes sets TASKS_BACKEND for them.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")
    }
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"
HHD_DEMO_ADMIN_ALLOWED = True
# Serve static files from the finders: tests don't run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Off unless a test turns it on (caching/tests).
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_STATUS_HEADER = True

# Fixed test-only keys for personal fields (production reads its own from the environment).
_TEST_FIELD_KEY = "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3QtZm9yLXVzZSE="  # noqa: S105
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[_TEST_FIELD_KEY])
FIELD_HMAC_KEY = env.str("FIELD_HMAC_KEY", default="test-only-hmac-key")
MIRROR_SIGNING_KEY = "dGVzdC1vbmx5LW1pcnJvci1zaWduaW5nLWtleS4uLiE="  # noqa: S105

# aiosmtpd (the tests' loopback mail server) logs every connection's end at INFO: noise between
# the test results.
LOGGING["loggers"]["mail.log"] = {"level": "WARNING"}  # noqa: F405
