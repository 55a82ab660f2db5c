"""Sealing to caseworkers' keys: only the holder of a private key opens it, never the server."""

import base64
import hashlib
import itertools
import json

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from safety import sealing

from .secrets_in_settings import candidate_keys, every_secret_in_the_settings

DOCUMENT = json.dumps(
    {"name": "Merdan Ataýew", "contact_value": "+90 555 123 45 67", "account": "Pasportym gutardy."}
).encode()
REFERENCE = b"7KQM4XPZ"


def caseworker_key():
    """A caseworker's key pair as the browser makes it: the private key stays with the test."""
    private_key = ec.generate_private_key(ec.SECP256R1())
    spki = private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_key, spki


def test_each_recipient_opens_the_document_with_their_own_private_key():
    (alice, alice_public), (bahar, bahar_public) = caseworker_key(), caseworker_key()
    sealed = sealing.seal(
        DOCUMENT,
        [sealing.Recipient("alice", alice_public), sealing.Recipient("bahar", bahar_public)],
        associated_data=REFERENCE,
    )
    envelopes = {envelope.key_id: envelope for envelope in sealed.envelopes}
    assert sealing.open_sealed(sealed, envelopes["alice"], alice, REFERENCE) == DOCUMENT
    assert sealing.open_sealed(sealed, envelopes["bahar"], bahar, REFERENCE) == DOCUMENT
    # Each envelope has its own ephemeral key and nonce.
    assert envelopes["alice"].ephemeral_public != envelopes["bahar"].ephemeral_public
    assert envelopes["alice"].nonce != envelopes["bahar"].nonce


def test_the_steps_are_exactly_the_ones_webcrypto_repeats():
    """ECDH x coordinate, HKDF-SHA256 salted with the ephemeral point, AES-GCM: written out by hand."""
    private_key, spki = caseworker_key()
    sealed = sealing.seal(DOCUMENT, [sealing.Recipient(1, spki)], associated_data=REFERENCE)
    [envelope] = sealed.envelopes
    assert len(envelope.ephemeral_public) == 65 and envelope.ephemeral_public[0] == 4
    assert len(envelope.nonce) == 12 and len(sealed.nonce) == 12
    assert len(envelope.wrapped_key) == 48
    ephemeral = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), envelope.ephemeral_public)
    shared = private_key.exchange(ec.ECDH(), ephemeral)
    kek = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=envelope.ephemeral_public, info=b"hhd help request v1"
    ).derive(shared)
    content_key = AESGCM(kek).decrypt(envelope.nonce, envelope.wrapped_key, None)
    assert AESGCM(content_key).decrypt(sealed.nonce, sealed.ciphertext, REFERENCE) == DOCUMENT


def test_another_private_key_cannot_open_an_envelope():
    _owner, owner_public = caseworker_key()
    stranger, _stranger_public = caseworker_key()
    sealed = sealing.seal(DOCUMENT, [sealing.Recipient(1, owner_public)])
    with pytest.raises(sealing.SealingError):
        sealing.open_sealed(sealed, sealed.envelopes[0], stranger)


def test_a_ciphertext_moved_to_another_case_or_altered_does_not_open():
    private_key, spki = caseworker_key()
    sealed = sealing.seal(DOCUMENT, [sealing.Recipient(1, spki)], associated_data=REFERENCE)
    with pytest.raises(sealing.SealingError):
        sealing.open_sealed(sealed, sealed.envelopes[0], private_key, b"OTHERREF")
    altered = sealing.Sealed(sealed.nonce, bytes([sealed.ciphertext[0] ^ 1]) + sealed.ciphertext[1:], ())
    with pytest.raises(sealing.SealingError):
        sealing.open_sealed(altered, sealed.envelopes[0], private_key, REFERENCE)


def test_the_plaintext_appears_nowhere_in_the_sealed_bytes():
    _private_key, spki = caseworker_key()
    sealed = sealing.seal(DOCUMENT, [sealing.Recipient(1, spki)])
    stored = (
        sealed.nonce
        + sealed.ciphertext
        + b"".join(
            envelope.ephemeral_public + envelope.nonce + envelope.wrapped_key for envelope in sealed.envelopes
        )
    )
    for secret in (b"Merdan", b"555 123", b"Pasport"):
        assert secret not in stored
        assert base64.b64encode(secret)[:6] not in base64.b64encode(stored)


def test_sealing_for_nobody_is_refused():
    with pytest.raises(sealing.SealingError):
        sealing.seal(DOCUMENT, [])


@pytest.mark.parametrize(
    "spki",
    [
        b"",
        b"not a key",
        ec.generate_private_key(ec.SECP384R1())
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo),
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo),
    ],
    ids=["empty", "garbage", "p384", "rsa"],
)
def test_only_p256_public_keys_are_accepted(spki):
    with pytest.raises(sealing.SealingError):
        sealing.load_public_key(spki)


def test_a_fingerprint_is_the_sha256_of_the_public_key():
    _private_key, spki = caseworker_key()
    assert sealing.fingerprint(spki) == hashlib.sha256(spki).hexdigest()


def test_the_shape_of_an_envelope_from_a_browser_is_checked():
    _private_key, spki = caseworker_key()
    [good] = sealing.seal(b"x", [sealing.Recipient(1, spki)]).envelopes
    sealing.check_envelope_shape(good.ephemeral_public, good.nonce, good.wrapped_key)
    for bad in (
        (good.ephemeral_public[:-1], good.nonce, good.wrapped_key),
        (b"\x04" + b"\x00" * 64, good.nonce, good.wrapped_key),  # not a point on the curve
        (good.ephemeral_public, good.nonce[:8], good.wrapped_key),
        (good.ephemeral_public, good.nonce, good.wrapped_key + b"x"),
    ):
        with pytest.raises(sealing.SealingError):
            sealing.check_envelope_shape(*bad)


# --- What a stolen server holds cannot open it ---------------------------------------


def test_every_setting_and_key_of_the_server_fails_to_open_a_sealed_request():
    private_key, spki = caseworker_key()
    sealed = sealing.seal(DOCUMENT, [sealing.Recipient(1, spki)], associated_data=REFERENCE)
    [envelope] = sealed.envelopes
    secrets_ = every_secret_in_the_settings()
    assert settings.SECRET_KEY.encode() in secrets_
    assert all(key.encode() in secrets_ for key in settings.FIELD_ENCRYPTION_KEYS)
    assert settings.FIELD_HMAC_KEY.encode() in secrets_

    tried = 0
    for secret in secrets_:
        # The server's field cipher and anything shaped like a Fernet key.
        try:
            Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret).digest())).decrypt(sealed.ciphertext)
            pytest.fail("a Fernet key derived from the settings opened the ciphertext")
        except InvalidToken:
            pass
        for key, (nonce, blob, aad) in itertools.product(
            candidate_keys(secret),
            [(sealed.nonce, sealed.ciphertext, REFERENCE), (envelope.nonce, envelope.wrapped_key, None)],
        ):
            tried += 1
            with pytest.raises(InvalidTag):
                AESGCM(key).decrypt(nonce, blob, aad)
        # A private key made from a secret (as if one had been derived from the settings).
        scalar = int.from_bytes(hashlib.sha256(secret).digest(), "big") % (2**255)
        with pytest.raises(sealing.SealingError):
            sealing.open_sealed(sealed, envelope, ec.derive_private_key(scalar or 1, ec.SECP256R1()))
    assert tried > 50
    # ... while the caseworker's private key, which never reaches the server, opens it.
    assert sealing.open_sealed(sealed, envelope, private_key, REFERENCE) == DOCUMENT
