"""Sealing to caseworkers' public keys: data that the server itself cannot open (docs/security.md).

A help request is encrypted once with a fresh random content key and that key is wrapped
for every recipient, the way SecureDrop and Hush Line protect their sources: a stolen
server (database, environment, every setting) holds ciphertexts and public keys only.
Caseworkers open their copy in the browser with WebCrypto, where their private key lives.

Every primitive exists in both ``cryptography`` and WebCrypto:

- content: AES-256-GCM under a random 256-bit key K, random 96-bit nonce, optional
  associated data (the case's reference, so that a ciphertext cannot be moved to
  another case unnoticed);
- per recipient (an ECDH P-256 public key, SPKI DER): a fresh ephemeral P-256 key,
  ``shared = ECDH(ephemeral, recipient)`` (the 32-byte x coordinate, what WebCrypto's
  ``deriveBits(…, 256)`` returns), ``KEK = HKDF-SHA256(shared, salt = the ephemeral public
  key as an uncompressed point, info = INFO)``, and ``wrapped = AES-GCM(KEK, K)`` with its
  own random nonce.

K and the plaintext are never stored; the functions return bytes and forget them. The
server never holds a private key: :func:`open_sealed` and :func:`unwrap_content_key` exist
for tests and offline tools that are given a caseworker's private key.
"""

import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

INFO = b"hhd help request v1"
KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # 96 bits, GCM's standard nonce
TAG_BYTES = 16
POINT_BYTES = 65  # an uncompressed P-256 point: 0x04 || x || y
MAX_PUBLIC_KEY_BYTES = 200  # a P-256 SPKI is 91 bytes


class SealingError(ValueError):
    """A key or sealed value that cannot be used; the message never contains the data."""


@dataclass(frozen=True)
class Recipient:
    """Someone to seal for: an identifier the caller chooses and an ECDH P-256 public key (SPKI DER)."""

    key_id: object
    public_key: bytes


@dataclass(frozen=True)
class Envelope:
    """The content key wrapped for one recipient."""

    key_id: object
    ephemeral_public: bytes  # uncompressed point, also the HKDF salt
    nonce: bytes
    wrapped_key: bytes  # AES-GCM(KEK, K): 32 bytes of key and 16 of tag


@dataclass(frozen=True)
class Sealed:
    """A sealed document: its ciphertext and one envelope per recipient."""

    nonce: bytes
    ciphertext: bytes
    envelopes: tuple


def load_public_key(spki: bytes) -> ec.EllipticCurvePublicKey:
    """The P-256 public key in ``spki`` (DER SubjectPublicKeyInfo, as WebCrypto exports it)."""
    if not spki or len(spki) > MAX_PUBLIC_KEY_BYTES:
        raise SealingError("not a public key")
    try:
        key = serialization.load_der_public_key(spki)
    except ValueError as error:
        raise SealingError("not a public key") from error
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise SealingError("not an ECDH P-256 public key")
    return key


def fingerprint(spki: bytes) -> str:
    """SHA-256 of the public key, hexadecimal: what two people compare to know it is the same key."""
    return hashlib.sha256(spki).hexdigest()


def _kek(shared: bytes, ephemeral_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=ephemeral_public, info=INFO).derive(shared)


def wrap_content_key(content_key: bytes, recipient: Recipient) -> Envelope:
    """Wrap ``content_key`` for one recipient with a fresh ephemeral key (ECDH + HKDF + AES-GCM)."""
    public_key = load_public_key(recipient.public_key)
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    ephemeral_public = ephemeral.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    kek = _kek(ephemeral.exchange(ec.ECDH(), public_key), ephemeral_public)
    nonce = os.urandom(NONCE_BYTES)
    wrapped = AESGCM(kek).encrypt(nonce, content_key, None)
    return Envelope(recipient.key_id, ephemeral_public, nonce, wrapped)


def seal(plaintext: bytes, recipients, associated_data: bytes = b"") -> Sealed:
    """Encrypt ``plaintext`` under a fresh content key and wrap that key for every recipient.

    Refuses to seal for nobody: a document no one can open is a lost document.
    """
    recipients = list(recipients)
    if not recipients:
        raise SealingError("no recipient to seal for")
    content_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(content_key).encrypt(nonce, plaintext, associated_data or None)
    envelopes = tuple(wrap_content_key(content_key, recipient) for recipient in recipients)
    del content_key  # only the wrapped copies remain
    return Sealed(nonce, ciphertext, envelopes)


def unwrap_content_key(envelope: Envelope, private_key: ec.EllipticCurvePrivateKey) -> bytes:
    """The content key of an envelope, for the holder of the recipient's private key (tests, tools)."""
    if len(envelope.ephemeral_public) != POINT_BYTES:
        raise SealingError("not an ephemeral public key")
    try:
        ephemeral = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), envelope.ephemeral_public)
        kek = _kek(private_key.exchange(ec.ECDH(), ephemeral), envelope.ephemeral_public)
        return AESGCM(kek).decrypt(envelope.nonce, envelope.wrapped_key, None)
    except (InvalidTag, ValueError) as error:
        raise SealingError("this key cannot open the envelope") from error


def open_with_content_key(content_key: bytes, nonce: bytes, ciphertext: bytes, associated_data=b"") -> bytes:
    """Decrypt a sealed ciphertext with its content key."""
    try:
        return AESGCM(content_key).decrypt(nonce, ciphertext, associated_data or None)
    except (InvalidTag, ValueError) as error:
        raise SealingError("the content key does not open this ciphertext") from error


def open_sealed(sealed: Sealed, envelope: Envelope, private_key, associated_data: bytes = b"") -> bytes:
    """The plaintext of ``sealed`` for the holder of ``envelope``'s private key (tests, tools)."""
    content_key = unwrap_content_key(envelope, private_key)
    return open_with_content_key(content_key, sealed.nonce, sealed.ciphertext, associated_data)


def check_envelope_shape(ephemeral_public: bytes, nonce: bytes, wrapped_key: bytes) -> None:
    """Refuse an envelope that a browser sent (sharing a case) unless it has the right shape.

    The server cannot check that it opens (it has no key to try): only that the ephemeral key
    is a point on P-256 and the sizes are those of a wrapped 256-bit key.
    """
    if len(ephemeral_public) != POINT_BYTES or len(nonce) != NONCE_BYTES:
        raise SealingError("malformed envelope")
    if len(wrapped_key) != KEY_BYTES + TAG_BYTES:
        raise SealingError("malformed envelope")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), ephemeral_public)
    except ValueError as error:
        raise SealingError("malformed envelope") from error
