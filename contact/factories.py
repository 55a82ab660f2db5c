"""factory_boy factories and test helpers of the contact app.

``make_caseworker_key(user, passphrase)`` does in Python exactly what the caseworker's
browser does (contact/static/contact/js/caseworker.js): it makes an ECDH P-256 key pair,
wraps the private key under PBKDF2-SHA256 of the passphrase and under a recovery key, and
registers the public key. It returns the private key too, which the real server never has.
"""

import os
import unicodedata
from dataclasses import dataclass

import factory
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from news.factories import PublishedPageFactory
from safety import sealing

from .models import CaseworkerKey, ContactMessage, ContactPage, HelpRequestPage, b64

KEY_AAD = b"hhd caseworker key v1"
BROWSER_ITERATIONS = 600_000


class ContactPageFactory(PublishedPageFactory):
    title = "Habarlaşmak"
    slug = "contact"
    intro = "Metbugat, hyzmatdaş aklawçylar we guramalar üçin."
    thank_you_text = "Hatyňyz üçin sag boluň."

    class Meta:
        model = ContactPage


class HelpRequestPageFactory(PublishedPageFactory):
    title = "Kömek soraň"
    slug = "help"
    intro = "Pasportyňyz, ýaşaýyş rugsadyňyz ýa-da saklanan garyndaşyňyz barada bize ýazyň."
    next_steps = "Işgärimiz siziň bilen saýlan ýoluňyz arkaly habarlaşar."

    class Meta:
        model = HelpRequestPage


class ContactMessageFactory(factory.django.DjangoModelFactory):
    name = "Leyla Demir"
    email = "leyla@example.org"
    subject = "Röportaj isteği"
    message = "Merhaba, HHD ile bir röportaj yapmak istiyoruz."
    consent_version = "tr-0000000000000000"
    language = "tr"

    class Meta:
        model = ContactMessage


@dataclass
class KeyMaterial:
    """A registered caseworker key and what only its owner has: the private key and the secrets."""

    key: CaseworkerKey
    private_key: ec.EllipticCurvePrivateKey
    passphrase: str
    recovery: bytes


def passphrase_key(passphrase: str, salt: bytes, iterations: int) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    return kdf.derive(unicodedata.normalize("NFC", passphrase).encode())  # as caseworker.js does


def make_caseworker_key(user, passphrase="correct horse battery staple", iterations=BROWSER_ITERATIONS):  # noqa: S107 - a test passphrase
    """Make, wrap and register a key as the browser would; returns the KeyMaterial."""
    private_key = ec.generate_private_key(ec.SECP256R1())
    spki = private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    pkcs8 = private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    salt, nonce, recovery, recovery_nonce = os.urandom(16), os.urandom(12), os.urandom(32), os.urandom(12)
    wrapped = AESGCM(passphrase_key(passphrase, salt, iterations)).encrypt(nonce, pkcs8, KEY_AAD)
    recovery_wrapped = AESGCM(recovery).encrypt(recovery_nonce, pkcs8, KEY_AAD)
    key = CaseworkerKey.objects.create(
        user=user,
        public_key=b64(spki),
        fingerprint=sealing.fingerprint(spki),
        wrapped_private_key=b64(wrapped),
        passphrase_salt=b64(salt),
        passphrase_nonce=b64(nonce),
        passphrase_iterations=iterations,
        recovery_wrapped_private_key=b64(recovery_wrapped),
        recovery_nonce=b64(recovery_nonce),
    )
    return KeyMaterial(key, private_key, passphrase, recovery)
