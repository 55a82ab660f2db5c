"""The mirrors' Ed25519 signing key.

The server signs each export's manifest with the private key (MIRROR_SIGNING_KEY, kept only in the
server's environment); readers and partners check a copy with the public key, which the mirrors
page, the About page and the README show with its fingerprint.
"""

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def generate_private_key() -> str:
    """A new private key in the form MIRROR_SIGNING_KEY takes (base64 of the 32 raw bytes)."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode("ascii")


def is_configured() -> bool:
    return bool(getattr(settings, "MIRROR_SIGNING_KEY", ""))


def private_key() -> Ed25519PrivateKey:
    value = getattr(settings, "MIRROR_SIGNING_KEY", "")
    if not value:
        raise ImproperlyConfigured(
            "MIRROR_SIGNING_KEY is not set: create one with `manage.py mirror_key` (docs/configuration.md)."
        )
    try:
        raw = base64.b64decode(value, validate=True)
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (binascii.Error, ValueError) as error:
        raise ImproperlyConfigured(
            "MIRROR_SIGNING_KEY must be the base64 of a 32-byte Ed25519 private key "
            "(`manage.py mirror_key` makes one)."
        ) from error


def public_key_bytes() -> bytes:
    return private_key().public_key().public_bytes(*_RAW)


def public_key_text() -> str:
    """The public key as readers copy it: base64 of the 32 raw bytes."""
    return base64.b64encode(public_key_bytes()).decode("ascii")


def fingerprint(public_key: bytes | None = None) -> str:
    """SHA-256 of the raw public key, in groups of four hex digits, easy to read aloud."""
    digest = hashlib.sha256(public_key if public_key is not None else public_key_bytes()).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4)).upper()


def sign(data: bytes) -> bytes:
    return private_key().sign(data)


def verify(public_key: bytes, data: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True
