"""Production: environment only, PostgreSQL only, refuses to start half-configured."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    AWS_STORAGE_BUCKET_NAME,
    CSP_ADMIN,
    CSP_MEDIA_ORIGIN,
    CSP_PUBLIC,
    DATABASES,
    FIELD_ENCRYPTION_KEYS,
    FIELD_HMAC_KEY,
    SECRET_KEY,
    STORAGES,
    TWO_FACTOR_EXEMPT_USERNAMES,
    env,
)

DEBUG = False

_required = (
    ("SECRET_KEY", SECRET_KEY),
    ("ALLOWED_HOSTS", ALLOWED_HOSTS),
    ("FIELD_ENCRYPTION_KEYS", FIELD_ENCRYPTION_KEYS),
    ("FIELD_HMAC_KEY", FIELD_HMAC_KEY),
)
_missing = [name for name, value in _required if not value]
if _missing:
    raise ImproperlyConfigured("Production settings need these environment variables: " + ", ".join(_missing))
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
if len(FIELD_HMAC_KEY) < 32 or FIELD_HMAC_KEY == SECRET_KEY or SECRET_KEY in FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "FIELD_HMAC_KEY must be at least 32 characters, and neither it nor FIELD_ENCRYPTION_KEYS may "
        "reuse SECRET_KEY."
    )
if TWO_FACTOR_EXEMPT_USERNAMES or env.list("TWO_FACTOR_EXEMPT_USERNAMES", default=[]):
    raise ImproperlyConfigured(
        "TWO_FACTOR_EXEMPT_USERNAMES must be empty in production: every admin user signs in in two steps."
    )
if not env.str("DATABASE_URL", default="") or (
    DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
):
    raise ImproperlyConfigured(
        "Production settings need DATABASE_URL pointing at PostgreSQL (postgres://...)."
    )

# HTTPS everywhere; the site sits behind a TLS-terminating proxy that sets this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 63_072_000  # two years
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_NAME = "__Host-language"

# Media on S3-compatible object storage when a bucket is configured, so that no
# web server keeps state on its own disk.
if AWS_STORAGE_BUCKET_NAME:
    STORAGES = {
        **STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    # Images come from the bucket's public domain: the only other origin pages may load from.
    if AWS_S3_CUSTOM_DOMAIN and not CSP_MEDIA_ORIGIN:
        CSP_MEDIA_ORIGIN = f"https://{AWS_S3_CUSTOM_DOMAIN}"
        CSP_PUBLIC = {**CSP_PUBLIC, "img-src": [*CSP_PUBLIC["img-src"], CSP_MEDIA_ORIGIN]}
        CSP_ADMIN = {**CSP_ADMIN, "img-src": [*CSP_ADMIN["img-src"], CSP_MEDIA_ORIGIN]}
