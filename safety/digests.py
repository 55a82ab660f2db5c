"""Keyed digests (HMAC-SHA256) for look-ups and duplicate checks on personal values.

An e-mail address is never stored or compared in plaintext: its HMAC, made with
``FIELD_HMAC_KEY`` (its own key, not SECRET_KEY nor an encryption key), is what a unique
constraint or a rate limit uses. Without the key the digest cannot be tested against a
list of guessed addresses.
"""

import hashlib
import hmac
import unicodedata

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def normalise_email(address: str) -> str:
    """The form of an address used for duplicate detection: trimmed, NFC, lower-case."""
    return unicodedata.normalize("NFC", address.strip()).lower()


def keyed_digest(purpose: str, value: str) -> str:
    """Hex HMAC-SHA256 of ``value`` for one ``purpose`` (so digests of different uses never match)."""
    key = settings.FIELD_HMAC_KEY
    if not key:
        raise ImproperlyConfigured("FIELD_HMAC_KEY is empty: personal values cannot be looked up.")
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def email_digest(address: str) -> str:
    """The digest that identifies an e-mail address across the site (signatures, subscribers)."""
    return keyed_digest("email", normalise_email(address))
