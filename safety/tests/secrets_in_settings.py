"""The secrets a sealed document must not be readable with (shared by tests)."""

import base64
import hashlib

from django.conf import settings


def every_secret_in_the_settings():
    """Every string (and bytes) value reachable from the settings: keys, passwords, URLs, names."""
    found = []

    def collect(value):
        if isinstance(value, (str, bytes)):
            found.append(value.encode() if isinstance(value, str) else value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                collect(item)

    for name in dir(settings):
        if name.isupper():
            collect(getattr(settings, name))
    return found


def candidate_keys(secret: bytes):
    """Every 128- or 256-bit key a secret could be, or be turned into by the usual derivations."""
    keys = {hashlib.sha256(secret).digest(), hashlib.sha256(secret).digest()[:16]}
    if len(secret) in (16, 32):
        keys.add(secret)
    for decode in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            raw = decode(secret + b"=" * (-len(secret) % 4))
        except ValueError:
            continue
        if len(raw) in (16, 32):
            keys.add(raw)
        if len(raw) == 32:
            keys.update({raw[:16], raw[16:]})
    return keys
