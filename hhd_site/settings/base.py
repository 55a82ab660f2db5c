"""Settings shared by every environment.

All configuration is read from environment variables here and only here
(through the single ``env`` object); the other modules only choose defaults.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from hhd_site.redis_connection import CircuitBreakerConnection

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

# --- Core -------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "news",
    "campaigns",
    "newsletter",
    "telegram",
    "donations",
    "contact",
    "safety",
    "search",
    "caching",
    "scheduling",
    "translations",
    "mirrors",
    "mirrorlist",  # the mirror addresses, the mirrors page, Onion-Location
    "readership",
    "demo",  # seed_demo and the demo texts (demo/content)
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    # Before staff: its failed-sign-in handler runs first and records the attempt staff logs.
    "axes",
    # After wagtail.admin: staff replaces its workflow e-mail handlers by background tasks.
    "staff",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Before anything reads the client's address or scheme: forwarding headers count only
    # from the deployment's own proxies (TRUSTED_PROXIES).
    "hhd_site.proxies.UntrustedForwardingHeadersMiddleware",
    # First: answers the load balancer before host validation and HTTPS redirects.
    "hhd_site.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CSP, Permissions-Policy and CORP (hhd_site/headers.py), and X-Frame-Options: above the
    # page cache and whitenoise, so cached pages and static files get the same headers.
    "hhd_site.headers.SecurityHeadersMiddleware",
    # Onion-Location on public pages (ONION_ADDRESS): above the page cache and static files, so
    # cached pages carry it too (mirrorlist/middleware.py).
    "mirrorlist.middleware.OnionLocationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The reading-count beacon (readership/middleware.py): answered here, before static files,
    # the page cache and sessions, so it costs no query, cookie or cache lookup.
    "readership.middleware.ReadingCountMiddleware",
    # Static files first: precompressed and immutable, they need nothing below.
    "hhd_site.static_files.StaticFilesMiddleware",
    # Anonymous page views from the shared cache (caching/middleware.py explains the position).
    "caching.middleware.PageCacheMiddleware",
    # Compresses HTML (Django pads it against BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "staff.admin_language.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Which second factor this session passed (django-otp), then the admin's door: session
    # lifetimes and the two-step sign-in (staff/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.AdminSecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hhd_site.urls"
WSGI_APPLICATION = "hhd_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.organisation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL selects the database; without it, a SQLite file beside manage.py
# (development only: production settings refuse anything but PostgreSQL).

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Bounded waits on PostgreSQL: connecting gives up after DB_CONNECT_TIMEOUT seconds, and with
# DB_STATEMENT_TIMEOUT_SECONDS a query is stopped by the server after that long and, should
# the server hang, cut off by the client a second later (hhd_site/postgres/base.py). Web
# processes get 5 s (hhd_site/gunicorn.conf.py); the worker, exports from the command line
# and migrations none unless the environment says so.
DB_STATEMENT_TIMEOUT_SECONDS = env.int("DB_STATEMENT_TIMEOUT_SECONDS", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "hhd_site.postgres"
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options.setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=3))
    if DB_STATEMENT_TIMEOUT_SECONDS:
        _pg_options["options"] = f"-c statement_timeout={DB_STATEMENT_TIMEOUT_SECONDS * 1000}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
# REDIS_URL selects a shared Redis cache (production); otherwise a per-process
# memory cache.

REDIS_URL = env.str("REDIS_URL", default="")
REDIS_CACHE_OPTIONS = {
    # When Redis is down or hangs the site keeps serving from the database: cache errors are
    # treated as misses after at most half a second, and a circuit breaker
    # (hhd_site/redis_connection.py) then fails every cache operation at once for 5 s, so a
    # request waits at most one timeout and the next ones none; one warning a minute is logged.
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": 0.5,
    "SOCKET_TIMEOUT": 0.5,
    "CONNECTION_POOL_KWARGS": {"connection_class": CircuitBreakerConnection},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hhd",
            "TIMEOUT": 300,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
    # The breaker logs one warning a minute; django-redis would log a traceback per operation.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hhd",
        }
    }

# How long anonymous page views stay fresh in the shared cache, and the s-maxage a CDN
# is given; 0 turns the page cache off. A publish re-renders the pages it changed at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# After that, a copy is served for this long more while one request re-renders it; after a
# publish, other pages are re-rendered one after another within this time (caching/).
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=60)
# While the database is down, copies up to this old are served instead of a 503.
PAGE_CACHE_MAX_STALE_SECONDS = env.int("PAGE_CACHE_MAX_STALE_SECONDS", default=86_400)
# The re-render lock: another request may try again after this long (a render that failed).
PAGE_CACHE_LOCK_SECONDS = env.int("PAGE_CACHE_LOCK_SECONDS", default=10)
# "X-Page-Cache: hit|miss" on public answers, for operators and benchmarks only: the public
# learns nothing from it, and it tells an attacker which URLs make the server render.
PAGE_CACHE_STATUS_HEADER = env.bool("PAGE_CACHE_STATUS_HEADER", default=False)

# A CDN in front (purged on publish by caching.signals): Cloudflare or CloudFront.
WAGTAILFRONTENDCACHE = {}
if env.str("CLOUDFLARE_API_TOKEN", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
    }
if env.str("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
    }

# --- Background tasks (django-tasks; the `worker` process runs them) --------

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# How often the worker's scheduler thread wakes up (scheduling/): heartbeat, scheduled
# publishing (due pages go live within a minute), retention, tasks of killed workers.
WORKER_TICK_SECONDS = env.int("WORKER_TICK_SECONDS", default=15)

# --- Personal data (docs/data-protection.md; safety/) -------------------------
# Fernet keys, comma-separated, newest first: the first encrypts, all decrypt
# (manage.py rotate_field_keys). FIELD_HMAC_KEY keys the digests used for look-ups.
# Both are separate from SECRET_KEY; production refuses to start without them.

FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
FIELD_HMAC_KEY = env.str("FIELD_HMAC_KEY", default="")

# --- Mirrors (mirrors/, docs/mirrors.md) ----------------------------------------
# Ed25519 private key that signs each mirror export's manifest: base64 of the 32 raw bytes, made
# by `manage.py mirror_key`. Kept only in the server's environment; readers get the public key.
MIRROR_SIGNING_KEY = env.str("MIRROR_SIGNING_KEY", default="")
# The onion service's address (56 base32 characters + ".onion"), serving the local-directory
# mirror: pages send Onion-Location for it and the mirrors page lists it. Empty: no onion service.
ONION_ADDRESS = env.str("ONION_ADDRESS", default="")
# The worker's folder for the copies (one per flavour, rebuilt by a full export when lost).
# Empty: no export at all, publishing a page enqueues nothing.
MIRROR_EXPORT_ROOT = env.str("MIRROR_EXPORT_ROOT", default="")
# The origins the copy is published to: a JSON list (docs/configuration.md, docs/mirrors.md), e.g.
# [{"name": "bucket-a", "kind": "s3", "endpoint_url": "...", "bucket": "...", "prefix": "hhd",
#   "access_key": "...", "secret_key": "..."}, {"name": "onion", "kind": "local", "path": "/srv/mirror"}]
MIRROR_ORIGINS = env.json("MIRROR_ORIGINS", default=[])
# The commit the manifest names (set by the image build); empty: `git describe` of the checkout.
SOURCE_COMMIT = env.str("SOURCE_COMMIT", default="")

# The deployment's own proxies (the TLS front, a CDN), as addresses or networks
# (comma-separated, e.g. 172.30.0.0/24): only a request that comes from one of them has its
# X-Forwarded-For / -Proto / -Host believed (hhd_site/proxies.py); everyone else's are dropped
# and the connecting address counts. Production refuses to start without it.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# The header those proxies put the client address in (entries appended left to right).
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="HTTP_X_FORWARDED_FOR")

# Public form guards (safety/guards.py).
FORM_MIN_FILL_SECONDS = env.int("FORM_MIN_FILL_SECONDS", default=3)
FORM_TOKEN_MAX_AGE = env.int("FORM_TOKEN_MAX_AGE", default=24 * 3600)

# (hits, seconds) per subject. Many signers share one mobile carrier address (CGNAT),
# so the per-IP limits are generous; the per-address ones are tight.
RATE_LIMITS = {
    "sign:ip": (env.int("RATE_LIMIT_SIGN_PER_IP", default=30), 600),
    "sign:email": (3, 3600),
    "subscribe:ip": (env.int("RATE_LIMIT_SUBSCRIBE_PER_IP", default=30), 600),
    "subscribe:email": (3, 3600),
    "confirm:ip": (60, 600),
    "pledge:ip": (20, 600),
    "pledge:email": (5, 3600),
    "contact:ip": (10, 600),
    "contact:email": (5, 3600),
    # People in trouble may share one address (a shelter, a carrier); a bot is still slowed.
    "help:ip": (10, 600),
    "search:ip": (env.int("RATE_LIMIT_SEARCH_PER_IP", default=120), 60),
}

# Unconfirmed signatures and subscriptions are deleted after this many days.
UNCONFIRMED_RETENTION_DAYS = 14
# Sender for mail to signers and people asking for help: a neutral name, so that a
# watched inbox does not reveal the cause.
NEUTRAL_FROM_EMAIL = env.str("NEUTRAL_FROM_EMAIL", default="Notifications <noreply@localhost>")
# A mail task whose server fails enqueues itself again after 1, 2, 4 … minutes, at most this
# many, and gives up after this many attempts: about four hours in all (safety.mail_delivery).
MAIL_RETRY_MAX_DELAY_MINUTES = 60
MAIL_RETRY_ATTEMPTS = 8

# --- Telegram channel posts (telegram/) ------------------------------------------
# A news article, statement or campaign that goes live for the first time in a language is
# posted to that language's channel by the worker. Without a token, or without a channel for a
# language, nothing is posted or queued for it. The token is a secret: it is part of every Bot
# API URL (base/bot<token>/method), so no URL of the API is ever logged (telegram/bot_api.py).
TELEGRAM_BOT_TOKEN = env.str("TELEGRAM_BOT_TOKEN", default="")
# "tk=@hhd_tk,ru=@hhd_ru": language code = channel (@username, or the numeric id of a private one).
TELEGRAM_CHANNELS = {
    language.strip(): channel.strip()
    for language, _equals, channel in (
        entry.partition("=") for entry in env.list("TELEGRAM_CHANNELS", default=[]) if entry.strip()
    )
    if channel.strip()
}
TELEGRAM_API_BASE_URL = env.str("TELEGRAM_API_BASE_URL", default="https://api.telegram.org").rstrip("/")
# Seconds to wait for the Bot API (connect and answer).
TELEGRAM_TIMEOUT_SECONDS = env.int("TELEGRAM_TIMEOUT_SECONDS", default=10)
# A post the API refuses for now (5xx, no connection) is tried again after 1, 2, 4 … minutes,
# at most TELEGRAM_RETRY_MAX_DELAY_MINUTES, and shown to moderators as failed after this many attempts.
TELEGRAM_RETRY_ATTEMPTS = env.int("TELEGRAM_RETRY_ATTEMPTS", default=8)
TELEGRAM_RETRY_MAX_DELAY_MINUTES = env.int("TELEGRAM_RETRY_MAX_DELAY_MINUTES", default=60)
# A post left "being sent" this long (its worker was killed) is tried again (it may then appear twice).
TELEGRAM_SENDING_TIMEOUT_SECONDS = env.int("TELEGRAM_SENDING_TIMEOUT_SECONDS", default=300)

# --- Donations (donations/) ---------------------------------------------------
# Column headings of the bank-statement CSV the treasurer uploads for reconciliation, as the
# bank exports them (matched ignoring case); "currency" may be "" when the file has none.
# A Turkish bank, for example: {"date": "Tarih", "description": "Açıklama", "amount": "Tutar", "currency": ""}
DONATIONS_STATEMENT_COLUMNS = {
    "date": "Date",
    "description": "Description",
    "amount": "Amount",
    "currency": "Currency",
}
# Retention periods have their defaults beside their rules (donations/retention.py,
# contact/retention.py); a setting of the same name here would override them.

# --- Admin sign-in (staff/) ---------------------------------------------------
# django-axes checks every sign-in first: after 5 failures for one user name from one
# address, that pair is locked for 15 minutes (a success resets the count).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "hhd_site.proxies.client_ip"  # the same trusted-proxy rule as the forms
AXES_LOCKOUT_CALLABLE = "staff.lockout.lockout_response"  # staff/lockout.html, Retry-After, no-store
AXES_VERBOSE = False  # its log lines name the user and address
# Every admin user passes a second step: a code from an authenticator app (TOTP) or a
# single-use recovery code. Only development may exempt its printed demo admin (dev.py);
# production refuses to start with anyone exempt.
TWO_FACTOR_EXEMPT_USERNAMES: list[str] = []
OTP_TOTP_ISSUER = "HHD"
# Admin sessions end after 30 minutes without a click and after 12 hours in any case.
ADMIN_SESSION_IDLE_SECONDS = 30 * 60
ADMIN_SESSION_MAX_SECONDS = 12 * 3600
SESSION_COOKIE_AGE = ADMIN_SESSION_MAX_SECONDS

# --- Passwords --------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages --------------------------------------------------------------
# Turkmen is the default and the fallback for `/`.

LANGUAGE_CODE = "tk"
LANGUAGES = [
    ("tk", "Türkmençe"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin's own interface. Wagtail ships no Turkmen catalogue: the project ships one
# (admin_locale/, maintained with scripts/admin-catalogue).
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("tk", "Türkmençe"),
    ("en", "English"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
]
# Staff who chose no admin language get this one (staff/admin_language.py): one the admin is
# complete in, so that the site's strings and Wagtail's are in the same language.
ADMIN_DEFAULT_LANGUAGE = env.str("ADMIN_DEFAULT_LANGUAGE", default="en")
if ADMIN_DEFAULT_LANGUAGE not in dict(WAGTAILADMIN_PERMITTED_LANGUAGES):
    raise ImproperlyConfigured(
        f"ADMIN_DEFAULT_LANGUAGE must be one of {', '.join(dict(WAGTAILADMIN_PERMITTED_LANGUAGES))}."
    )
# vendor_locale: the project's corrections of third-party catalogues (Django's Turkmen form
# errors; wagtail-localize's Russian and Turkish, whose editor said "Опубликовать вРусский").
# admin_locale: the Turkmen catalogue of Wagtail's admin and the packages staff see, which ship
# none (built from admin_locale/components/ by scripts/admin-catalogue).
# LOCALE_PATHS win over the catalogues of apps, for templates, Python and the JavaScript
# catalogues (/admin/localize/jsi18n/) alike; the first one that has a msgid wins.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "vendor_locale", BASE_DIR / "admin_locale"]
TIME_ZONE = "Europe/Istanbul"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = env.str("MEDIA_URL", default="/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# S3-compatible object storage for media, switched on by its bucket name.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail -------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="HHD <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail ------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Hak Hukuga Daýanç"
# The site's one public address (scheme, host and port, no path): every absolute URL is built
# from it (hhd_site/public_url.py): links in every mail, feeds, the sitemap, canonical and
# OpenGraph URLs, admin notifications. Production refuses to start without an https:// one.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin calls no outside host
# Pages are indexed with the stemmer of their own language (search.backends).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Uploads (safety/uploads.py): images lose their EXIF, XMP and GPS metadata before they are
# stored, the original included; SVG and HTML are refused whatever their name says.
WAGTAILIMAGES_IMAGE_FORM_BASE = "safety.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "safety.uploads.SafeDocumentForm"
# Every document is a download (Content-Disposition: attachment, nosniff, CSP default-src
# 'none'), never a page that the browser renders inside the site's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# No avatars from gravatar.com: the admin calls no outside host (its CSP allows none).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_FINDERS = []  # no oEmbed calls to outside hosts; videos are click-to-load
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# --- Logging ------------------------------------------------------------------
# One JSON object per line on stderr (hhd_site/structured_logs.py), for the log collector.
# Every record passes PersonalDataFilter first: e-mail addresses, phone numbers and IP
# addresses are masked and request objects dropped, so no visitor's data reaches the logs.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_personal_data": {"()": "hhd_site.structured_logs.PersonalDataFilter"},
    },
    "formatters": {
        "json": {"()": "hhd_site.structured_logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["no_personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request logs carry URLs and headers; keep them at warning level.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}

# --- Security headers and cookies (hardened further in production.py) --------
# SecurityMiddleware sends nosniff, Referrer-Policy and COOP (and HSTS in production);
# hhd_site/headers.py the CSP below, Permissions-Policy and Cross-Origin-Resource-Policy.

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploaded media served from another origin (object storage or a CDN), for img-src: set
# explicitly, or derived from an absolute MEDIA_URL (production.py adds AWS_S3_CUSTOM_DOMAIN).
CSP_MEDIA_ORIGIN = env.str("CSP_MEDIA_ORIGIN", default="")
if not CSP_MEDIA_ORIGIN and MEDIA_URL.startswith(("https://", "http://")):
    _media = MEDIA_URL.split("/", 3)
    CSP_MEDIA_ORIGIN = f"{_media[0]}//{_media[2]}"
YOUTUBE_PRIVACY_ORIGIN = "https://www.youtube-nocookie.com"

# Public pages are shared through the page cache and a CDN, so no nonces: no inline script
# or style anywhere in public templates, only files from this origin.
CSP_PUBLIC = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", CSP_MEDIA_ORIGIN],
    "font-src": ["'self'"],
    "form-action": ["'self'"],
    # navigator.sendBeacon of the reading counts (static/js/site.js, readership/) goes to this
    # origin only. Without it connect-src falls back to 'none' (and Lighthouse cannot fetch
    # robots.txt from the page either).
    "connect-src": ["'self'"],
    # The click-to-load video (static/js/site.js) puts a YouTube player in privacy mode into
    # the page only after the visitor clicks "Play"; without this the browser blocks that frame.
    # Nothing from YouTube loads before the click (tests/browser/test_security.py checks it).
    "frame-src": [YOUTUBE_PRIVACY_ORIGIN],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}

# Wagtail's admin, enforced too: what Wagtail 8's admin needs, found by loading its pages
# in Chromium and recording every violation (tests/browser/test_security.py).
CSP_ADMIN = {
    "default-src": ["'none'"],
    # Wagtail 8's admin still writes inline <script> elements (date and time widgets, inline
    # panels, listing filters, chooser modals that jQuery evaluates) and its focal-point tool
    # (Jcrop) inline event handlers. None carries a nonce and many differ per page, so no
    # hash list can cover them: 'unsafe-inline' is unavoidable here. The admin is behind a
    # login, escapes what editors type, and still loads scripts from this origin only.
    "script-src": ["'self'", "'unsafe-inline'"],
    # Its templates and JavaScript (Draftail, Stimulus controllers, the sidebar) also set
    # style="" attributes and inject <style> elements without nonces.
    "style-src": ["'self'", "'unsafe-inline'"],
    # data: for icons in Wagtail's CSS; blob: for the preview of an image before it is uploaded.
    "img-src": ["'self'", "data:", "blob:", CSP_MEDIA_ORIGIN],
    "font-src": ["'self'"],
    # The admin's own JSON requests (choosers, autosave, the preview panel, search).
    "connect-src": ["'self'"],
    # Wagtail's preview panel shows the page being edited in a frame from the admin itself.
    "frame-src": ["'self'"],
    "form-action": ["'self'"],
    "manifest-src": ["'self'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],  # 'self' for the preview views only (hhd_site/headers.py)
}

# Deny every powerful feature; the privacy-mode video player, once the visitor has clicked to
# load it, may play, go full screen and use picture-in-picture; our own "copy link" button
# may write the page's address to the clipboard.
_VIDEO_FEATURES = ("autoplay", "encrypted-media", "fullscreen", "picture-in-picture")
_DENIED_FEATURES = (
    "accelerometer", "bluetooth", "browsing-topics", "camera", "display-capture", "gamepad",
    "geolocation", "gyroscope", "hid", "identity-credentials-get", "idle-detection", "local-fonts",
    "magnetometer", "microphone", "midi", "otp-credentials", "payment", "publickey-credentials-create",
    "publickey-credentials-get", "screen-wake-lock", "serial", "storage-access", "usb", "web-share",
    "window-management", "xr-spatial-tracking",
)  # fmt: skip
PERMISSIONS_POLICY = ", ".join(
    [f"{feature}=()" for feature in _DENIED_FEATURES]
    + [f'{feature}=("{YOUTUBE_PRIVACY_ORIGIN}")' for feature in _VIDEO_FEATURES]
    + ["clipboard-write=(self)"]
)

# Cookies: anonymous GETs set none (tests check it). The session and CSRF cookies exist only
# for editors in the admin; production.py makes them Secure with __Host- names. Wagtail's
# admin reads the CSRF token from the page, never from the cookie, so it can be HttpOnly.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_NAME = "hhd_language"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Admin messages ("Page published") go in the session, not in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Passkeys (staff/passkeys.py) ----------------------------------------------
# Passkeys (WebAuthn, django-otp-webauthn) as a second factor of the admin. They are bound to
# the relying-party ID, the host of the one public address, and are accepted only from that
# address: a mirror or look-alike host cannot use them (staff/checks.py checks both at start).
# Only as a second factor after the password: no passwordless sign-in (axes, the password
# and the audit log of the first step stay as they are).
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
# Read from SITE_URL when used, so dev.py, test.py and production.py need say nothing more.
OTP_WEBAUTHN_RP_ID_CALLABLE = "staff.passkeys.relying_party_id"
OTP_WEBAUTHN_HELPER_CLASS = "staff.passkeys.PasskeyHelper"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "staff.passkeys"
SILENCED_SYSTEM_CHECKS = [
    # The library wants OTP_WEBAUTHN_ALLOWED_ORIGINS written out; ours come from SITE_URL
    # (staff.passkeys.PasskeyHelper), and staff.E020-E022 check them instead.
    "otp_webauthn.E030",
]
# The admin (and only the admin) may ask the browser for a passkey (hhd_site/headers.py).
PERMISSIONS_POLICY_ADMIN = PERMISSIONS_POLICY.replace(
    "publickey-credentials-create=()", "publickey-credentials-create=(self)"
).replace("publickey-credentials-get=()", "publickey-credentials-get=(self)")

# Reading counts (readership/, README "Reading counts"): counts of this process are flushed to
# Redis every READERSHIP_FLUSH_SECONDS, and the worker moves them into the database every minute.
# Without a Redis URL (development) each process writes its counts to the database at the flush.
READERSHIP_REDIS_URL = env.str("READERSHIP_REDIS_URL", default=REDIS_URL)
READERSHIP_REDIS_KEY = "hhd:readership:counts"
READERSHIP_FLUSH_SECONDS = 2.0
READERSHIP_BEACONS_PER_MINUTE = env.int("READERSHIP_BEACONS_PER_MINUTE", default=60)
# Daily counts are kept this long, then summed per month.
READERSHIP_DAILY_DAYS = 730
