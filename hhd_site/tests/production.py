"""A production-like environment for tests that load the production settings in a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hhd_site.settings.production",
    "SECRET_KEY": "x" * 30 + "-production-like-secret-key-for-checks-only",
    "ALLOWED_HOSTS": "hhd.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "FIELD_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi1saWtlLWtleS1mb3ItY2hlY2tzISE=",
    "FIELD_HMAC_KEY": "production-like-hmac-key-for-checks-only",
    "SITE_URL": "https://hhd.example.org",
    "EMAIL_URL": "smtp+tls://mailer:password@smtp.example.org:587",
    "TRUSTED_PROXIES": "172.30.80.10/32",  # the compose file's front
}


def run_manage(env_overrides, *args):
    # Only the machine's basics: nothing a test run set (settings module, async flags) leaks in.
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG", "PYTHONPATH")}
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
