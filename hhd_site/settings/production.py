"""Production: environment only, PostgreSQL only, refuses to start half-configured."""

import ipaddress
import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    AWS_STORAGE_BUCKET_NAME,
    CSP_ADMIN,
    CSP_MEDIA_ORIGIN,
    CSP_PUBLIC,
    CSRF_TRUSTED_ORIGINS,
    DATABASES,
    EMAIL_BACKEND,
    FIELD_ENCRYPTION_KEYS,
    FIELD_HMAC_KEY,
    LANGUAGES,
    SECRET_KEY,
    SITE_URL,
    STORAGES,
    TELEGRAM_API_BASE_URL,
    TELEGRAM_BOT_TOKEN,
    TELEGRAM_CHANNELS,
    TRUSTED_PROXIES,
    TWO_FACTOR_EXEMPT_USERNAMES,
    env,
)

DEBUG = False

_required = (
    ("SECRET_KEY", SECRET_KEY),
    ("ALLOWED_HOSTS", ALLOWED_HOSTS),
    ("FIELD_ENCRYPTION_KEYS", FIELD_ENCRYPTION_KEYS),
    ("FIELD_HMAC_KEY", FIELD_HMAC_KEY),
    ("SITE_URL", SITE_URL),
    ("EMAIL_URL", env.str("EMAIL_URL", default="")),
    # Without it the front's forwarded address and scheme are dropped: every visitor would
    # share one rate limit and HTTPS redirects would loop (hhd_site/proxies.py).
    ("TRUSTED_PROXIES", TRUSTED_PROXIES),
)
_missing = [name for name, value in _required if not value]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: "
        + ", ".join(_missing)
        + " (docs/configuration.md says what each one holds)."
    )
try:
    [ipaddress.ip_network(entry, strict=False) for entry in TRUSTED_PROXIES]
except ValueError as error:
    raise ImproperlyConfigured(
        f"TRUSTED_PROXIES must list addresses or networks of your own proxies, e.g. "
        f"TRUSTED_PROXIES=172.30.0.0/24: {error}"
    ) from error
if not SITE_URL.startswith("https://") or urlsplit(SITE_URL).path not in ("", "/"):
    raise ImproperlyConfigured(
        f"SITE_URL must be the site's public https:// address without a path, e.g. "
        f"SITE_URL=https://hhd.example.org (it is {SITE_URL!r}): every link in mail, feeds and the "
        "sitemap is built from it."
    )
if not validate_host(urlsplit(SITE_URL).hostname or "", ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        f"The host of SITE_URL ({SITE_URL}) is not in ALLOWED_HOSTS: add it, or every link the "
        "site sends would answer 400."
    )
CSRF_TRUSTED_ORIGINS = [*CSRF_TRUSTED_ORIGINS, SITE_URL]
# Development's mail backends would put recipients and confirmation links into the logs or
# a local file, or drop them: production sends real mail or refuses to start.
_NOT_REAL_MAIL = ("console", "filebased", "locmem", "dummy")
if any(f"backends.{name}." in EMAIL_BACKEND for name in _NOT_REAL_MAIL):
    raise ImproperlyConfigured(
        f"EMAIL_URL selects {EMAIL_BACKEND}, which sends no mail: set EMAIL_URL to your SMTP "
        "server, e.g. EMAIL_URL=smtp+tls://user:password@smtp.example.org:587"
    )
# Telegram: the token goes into every Bot API URL, so the API must be reached over https (a
# plain-http base would send it in the clear), and a malformed token or an unknown language is a
# typo that would only show as failed posts later.
if TELEGRAM_BOT_TOKEN or TELEGRAM_CHANNELS:
    if not TELEGRAM_API_BASE_URL.startswith("https://"):
        raise ImproperlyConfigured("TELEGRAM_API_BASE_URL must be an https:// address.")
    if not re.fullmatch(r"[0-9]+:[A-Za-z0-9_-]{20,}", TELEGRAM_BOT_TOKEN):
        # Never the token itself in the message: it would reach the logs.
        raise ImproperlyConfigured(
            "TELEGRAM_BOT_TOKEN must be the token BotFather gave (digits, a colon, then letters) "
            "when TELEGRAM_CHANNELS is set."
        )
    _unknown = sorted(set(TELEGRAM_CHANNELS) - {code for code, _name in LANGUAGES})
    if _unknown or not TELEGRAM_CHANNELS:
        raise ImproperlyConfigured(
            "TELEGRAM_CHANNELS must name channels of the site's languages, e.g. "
            f"TELEGRAM_CHANNELS=tk=@hhd_tk,ru=@hhd_ru (unknown: {', '.join(_unknown) or 'none given'})."
        )
# The development settings' fixed mirror key is public (it is in this repository).
if env.str("MIRROR_SIGNING_KEY", default="") == "ZGV2LW9ubHktbWlycm9yLXNpZ25pbmcta2V5LW5vISE=":
    raise ImproperlyConfigured(
        "MIRROR_SIGNING_KEY is the development key, which anyone can read: make your own with "
        "`manage.py mirror_key`."
    )
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
if not env.str("DATABASE_URL", default="") or (DATABASES["default"]["ENGINE"] != "hhd_site.postgres"):
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
# web server keeps state on its own disk. Browsers load images straight from the bucket (or
# the CDN in front of it) by plain, unsigned URLs. Documents never go out as bucket URLs:
# Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD = "serve_view") streams them from the bucket
# as downloads (attachment, nosniff, CSP default-src 'none') and applies collection privacy,
# so the bucket needs to let the public read renditions (images/) only (docs/operations.md).
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config

    from hhd_site.media_origin import amazon_s3_domain, media_origin

    STORAGES = {
        **STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    # S3-compatible services answer at <endpoint>/<bucket>/<key>; virtual-hosted URLs
    # (<bucket>.<endpoint host>) only when the environment asks for them.
    AWS_S3_ADDRESSING_STYLE = env.str(
        "AWS_S3_ADDRESSING_STYLE", default="path" if AWS_S3_ENDPOINT_URL else None
    )
    if not AWS_S3_CUSTOM_DOMAIN and not AWS_S3_ENDPOINT_URL:
        if not AWS_S3_REGION_NAME:
            raise ImproperlyConfigured(
                "Media on Amazon S3 need AWS_S3_REGION_NAME (or AWS_S3_CUSTOM_DOMAIN for a CDN, "
                "or AWS_S3_ENDPOINT_URL for another S3-compatible service)."
            )
        # Amazon S3 itself: django-storages writes the URLs on the bucket's regional domain
        # (no signing call per URL), so they start with exactly the origin allowed below.
        AWS_S3_CUSTOM_DOMAIN = amazon_s3_domain(AWS_STORAGE_BUCKET_NAME, AWS_S3_REGION_NAME)
    AWS_DEFAULT_ACL = None  # objects get no ACL of their own: the bucket's policy decides
    AWS_QUERYSTRING_AUTH = False  # image URLs are plain and cacheable, not signed and expiring
    AWS_S3_FILE_OVERWRITE = False
    # A storage that hangs must not hold a request for long (uploads, renditions, documents).
    AWS_S3_CLIENT_CONFIG = Config(
        s3={"addressing_style": AWS_S3_ADDRESSING_STYLE},
        connect_timeout=env.float("AWS_S3_CONNECT_TIMEOUT", default=3.0),
        read_timeout=env.float("AWS_S3_READ_TIMEOUT", default=10.0),
        retries={"mode": "standard", "total_max_attempts": 2},
    )
    # Images come from the bucket's public origin: the only other origin pages and the admin
    # may load images from, derived from the same values that build the media URLs.
    _bucket_origin = media_origin(
        AWS_S3_CUSTOM_DOMAIN,
        AWS_S3_ENDPOINT_URL,
        AWS_STORAGE_BUCKET_NAME,
        AWS_S3_REGION_NAME,
        AWS_S3_ADDRESSING_STYLE,
    )
    _explicit_origin = env.str("CSP_MEDIA_ORIGIN", default="").rstrip("/")
    if _explicit_origin and _explicit_origin != _bucket_origin:
        raise ImproperlyConfigured(
            f"CSP_MEDIA_ORIGIN ({_explicit_origin}) differs from the origin of the media URLs "
            f"({_bucket_origin}); leave it unset, or set AWS_S3_CUSTOM_DOMAIN to the CDN's domain."
        )
    CSP_PUBLIC = {
        **CSP_PUBLIC,
        "img-src": [
            *(src for src in CSP_PUBLIC["img-src"] if src and src != CSP_MEDIA_ORIGIN),
            _bucket_origin,
        ],
    }
    CSP_ADMIN = {
        **CSP_ADMIN,
        "img-src": [
            *(src for src in CSP_ADMIN["img-src"] if src and src != CSP_MEDIA_ORIGIN),
            _bucket_origin,
        ],
    }
    CSP_MEDIA_ORIGIN = _bucket_origin
