"""What a stolen server holds: no personal field in plaintext, and no key that opens a help request.

The database (every table, read raw) and every setting and key of the server are put to the
test; only the caseworker's passphrase, which never reaches the server, opens the request.
"""

import base64
import hashlib
import json

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import connection

from contact.factories import KEY_AAD, make_caseworker_key, passphrase_key
from contact.models import CaseEnvelope, ContactMessage, HelpRequest, unb64
from safety import sealing
from safety.tests.secrets_in_settings import candidate_keys, every_secret_in_the_settings

from .conftest import contact_data, help_data

pytestmark = pytest.mark.django_db

# What the person and the sender typed: none of it may be readable anywhere in the database.
HELP_VALUES = {
    "name": "Gurbanjemal Orazowa",
    "location": "Mersin, Tarsus",
    "contact_value": "gurbanjemal.orazowa@example.org",
    "account": "Ýanwar aýyndan bäri ýaşaýyş rugsadym ýok, polisiýa öýümize geldi.",
}
MESSAGE_VALUES = {
    "name": "Selim Yıldırımoğlu",
    "email": "selim.yildirimoglu@example.org",
    "subject": "Basın talebi Kıyıköy",
    "message": "Kıyıköy haberimiz için bir görüşme rica ediyoruz.",
}


def every_row_as_text():
    """Every row of every table of the database, each as its JSON text (a raw SELECT * of everything)."""
    rows = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = [name for (name,) in cursor.fetchall()]
        for table in tables:
            cursor.execute(f'SELECT row_to_json(t)::text FROM "{table}" t')  # noqa: S608 - names from the catalogue
            rows += [text for (text,) in cursor.fetchall()]
    return tables, rows


def strings_in(value, found):
    if isinstance(value, str):
        found.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            strings_in(item, found)
    elif isinstance(value, list):
        for item in value:
            strings_in(item, found)
    return found


@pytest.fixture
def stored(client, help_page, contact_page, caseworker_key, settings, smtp_server):
    """A help request and a contact message sent through the real forms, with the database task queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.post(
        f"/tk/contact/help/{help_page.pk}/",
        help_data(contact_channel="email", **HELP_VALUES),
    )
    assert response.status_code == 200
    response = client.post(f"/tk/contact/message/{contact_page.pk}/", contact_data(**MESSAGE_VALUES))
    assert response.status_code == 303
    return HelpRequest.objects.get(), ContactMessage.objects.get()


def test_a_raw_select_of_every_table_shows_no_personal_field_in_plaintext(stored):
    tables, rows = every_row_as_text()
    assert {"contact_helprequest", "contact_caseenvelope", "contact_contactmessage"} <= set(tables)
    assert "django_tasks_database_dbtaskresult" in tables  # the queued notifications are searched too
    everything = "\n".join(rows)
    assert "request:" not in everything  # not even the associated data is stored
    for value in [*HELP_VALUES.values(), *MESSAGE_VALUES.values()]:
        for fragment in (value, value.split()[0], value.split("@")[0]):
            assert fragment not in everything, fragment
            assert fragment.encode().hex() not in everything, fragment
    # The readable part of a help request is its triage metadata.
    case = stored[0]
    assert (case.category, case.urgent, case.language) == ("detention", True, "tk")


def test_the_database_and_every_setting_and_key_of_the_server_cannot_open_a_help_request(
    stored, caseworker_key
):
    case, _message = stored
    [envelope] = CaseEnvelope.objects.filter(help_request=case).select_related("key")
    key = envelope.key
    _tables, rows = every_row_as_text()
    candidates = set(every_secret_in_the_settings())
    for row in rows:
        candidates |= {text.encode() for text in strings_in(json.loads(row), set()) if len(text) <= 200}
    assert len(candidates) > 200

    document_nonce, document = unb64(case.sealed_nonce), unb64(case.sealed_document)
    wrapped_key, wrapped_nonce = unb64(envelope.wrapped_key), unb64(envelope.nonce)
    wrapped_private = unb64(key.wrapped_private_key)
    salt, private_nonce = unb64(key.passphrase_salt), unb64(key.passphrase_nonce)
    recovery_wrapped, recovery_nonce = unb64(key.recovery_wrapped_private_key), unb64(key.recovery_nonce)
    for candidate in candidates:
        for aes_key in candidate_keys(candidate):
            for nonce, blob, aad in (
                (document_nonce, document, case.document_aad()),
                (wrapped_nonce, wrapped_key, None),
                (recovery_nonce, recovery_wrapped, KEY_AAD),
            ):
                with pytest.raises(InvalidTag):
                    AESGCM(aes_key).decrypt(nonce, blob, aad)
        # Every stored string tried as the passphrase that wraps the private key.
        text = candidate.decode(errors="ignore")
        with pytest.raises(InvalidTag):
            AESGCM(passphrase_key(text, salt, key.passphrase_iterations)).decrypt(
                private_nonce, wrapped_private, KEY_AAD
            )

    # The caseworker's passphrase, which only they know, unwraps the private key, which opens it.
    caseworker = key.user
    assert caseworker.username == "aylar"
    pkcs8 = AESGCM(passphrase_key(caseworker_key.passphrase, salt, key.passphrase_iterations)).decrypt(
        private_nonce, wrapped_private, KEY_AAD
    )
    private_key = serialization.load_der_private_key(pkcs8, password=None)
    content_key = sealing.unwrap_content_key(
        sealing.Envelope(key.pk, unb64(envelope.ephemeral_public), wrapped_nonce, wrapped_key), private_key
    )
    opened = json.loads(
        sealing.open_with_content_key(content_key, document_nonce, document, case.document_aad())
    )
    assert {name: opened[name] for name in HELP_VALUES} == HELP_VALUES
    # ... and so does the printed recovery key.
    recovered = AESGCM(caseworker_key.recovery).decrypt(recovery_nonce, recovery_wrapped, KEY_AAD)
    assert recovered == pkcs8


def test_no_private_key_is_ever_stored_in_plaintext(stored, caseworker_key):
    pkcs8 = caseworker_key.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    _tables, rows = every_row_as_text()
    everything = "\n".join(rows)
    assert base64.b64encode(pkcs8).decode() not in everything
    assert pkcs8.hex() not in everything
    assert hashlib.sha256(pkcs8).hexdigest() not in everything


def test_a_key_registered_later_cannot_open_earlier_requests_until_shared(stored, second_caseworker):
    case, _message = stored
    late = make_caseworker_key(second_caseworker, iterations=1000)
    assert not CaseEnvelope.objects.filter(help_request=case, key=late.key).exists()
