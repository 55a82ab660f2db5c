"""Development: SQLite file, local media, console e-mail, debug pages."""

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# The address the README's first command serves (scripts/run), so mailed links open.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

# Background tasks run inline in development, so no worker needs to be started.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")
    }
}

# The demo content command creates an admin account only when this is on.
HHD_DEMO_ADMIN_ALLOWED = True
# The printed demo admin (README) signs in without a second step, in development only:
# production refuses to start with anyone listed here.
# Only on the embedded SQLite file, where seed_demo makes that account: development settings
# pointed at another database (DATABASE_URL) exempt nobody.
_ON_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
TWO_FACTOR_EXEMPT_USERNAMES = env.list("TWO_FACTOR_EXEMPT_USERNAMES", default=["admin"] if _ON_SQLITE else [])
# With DEBUG on, serve static files straight from the source folders; with it off
# (bench/page_weight.py), from the collected, compressed files as in production.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# Pages are rendered afresh in development; set PAGE_CACHE_SECONDS to try the cache.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
PAGE_CACHE_STATUS_HEADER = env.bool("PAGE_CACHE_STATUS_HEADER", default=True)

# Fixed dev-only keys for personal fields (production reads its own from the environment).
_DEV_FIELD_KEY = "ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItdXNlISE="  # noqa: S105
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[_DEV_FIELD_KEY])
FIELD_HMAC_KEY = env.str("FIELD_HMAC_KEY", default="dev-only-hmac-key")
# Fixed dev-only mirror signing key (hhd_site/settings/production.py refuses it).
DEV_MIRROR_SIGNING_KEY = "ZGV2LW9ubHktbWlycm9yLXNpZ25pbmcta2V5LW5vISE="  # noqa: S105
MIRROR_SIGNING_KEY = env.str("MIRROR_SIGNING_KEY", default=DEV_MIRROR_SIGNING_KEY)
