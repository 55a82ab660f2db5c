"""Personal fields encrypted at rest with keys from the environment (docs/data-protection.md).

``FIELD_ENCRYPTION_KEYS`` is a list of Fernet keys: the first encrypts, all of them decrypt,
so a new key is put first, ``manage.py rotate_field_keys`` re-encrypts every row with it,
and the old key can then be removed. The keys are separate from ``SECRET_KEY``.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction


@cache
def field_cipher() -> MultiFernet:
    """The MultiFernet built from FIELD_ENCRYPTION_KEYS (first key encrypts)."""
    keys = settings.FIELD_ENCRYPTION_KEYS
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: personal fields cannot be stored.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "Each FIELD_ENCRYPTION_KEYS entry must be a Fernet key (32 url-safe base64 bytes)."
        ) from error


def encrypt(text: str) -> str:
    """A Fernet token for ``text``; the empty string stays empty (an optional field left blank)."""
    if text == "":
        return ""
    return field_cipher().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The plaintext of a token made by :func:`encrypt` with any configured key."""
    if not token:
        return ""
    try:
        return field_cipher().decrypt(token.encode("ascii")).decode()
    except InvalidToken as error:
        # Never include the token or any plaintext in the message: it may reach a log.
        raise ImproperlyConfigured(
            "A personal field could not be decrypted with FIELD_ENCRYPTION_KEYS (was a key removed "
            "before rotate_field_keys ran?)."
        ) from error


class EncryptedTextField(models.TextField):
    """A text field whose value is stored as a Fernet token and read back as plaintext.

    It cannot be filtered or ordered on: look-ups go through a keyed digest
    (safety.digests) stored beside it.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull", "exact"}:
            return None
        return super().get_lookup(lookup_name)


def encrypted_fields():
    """Every (model, [field names]) with encrypted fields, for key rotation and tests."""
    found = []
    for model in apps.get_models():
        names = [field.name for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


def rotate_all() -> int:
    """Re-encrypt every encrypted field of every row with the first key; returns the rows touched.

    Works on the stored tokens themselves (``MultiFernet.rotate``), one row at a time inside one
    transaction per model, so a failure leaves every row readable with the configured keys.
    """
    cipher = field_cipher()
    touched = 0
    for model, names in encrypted_fields():
        with transaction.atomic():
            for pk in model._base_manager.order_by("pk").values_list("pk", flat=True).iterator():
                tokens = _raw_tokens(model, pk, names)
                rotated = {
                    name: cipher.rotate(token.encode()).decode() if token else token
                    for name, token in tokens.items()
                }
                _write_raw_tokens(model, pk, rotated)
                touched += 1
    return touched


def _quoted(model, names):
    quote = connection.ops.quote_name
    return (
        quote(model._meta.db_table),
        [quote(model._meta.get_field(name).column) for name in names],
        quote(model._meta.pk.column),
    )


def _raw_tokens(model, pk, names):
    """The stored tokens of one row, bypassing from_db_value (which would decrypt them)."""
    table, columns, pk_column = _quoted(model, names)
    with connection.cursor() as cursor:
        # Identifiers come from the model's own metadata, never from input.
        query = f"SELECT {', '.join(columns)} FROM {table} WHERE {pk_column} = %s"  # noqa: S608  # nosec B608
        cursor.execute(query, [pk])
        row = cursor.fetchone()
    return dict(zip(names, row, strict=True))


def _write_raw_tokens(model, pk, tokens):
    table, columns, pk_column = _quoted(model, list(tokens))
    assignments = ", ".join(f"{column} = %s" for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {assignments} WHERE {pk_column} = %s",  # noqa: S608  # nosec B608
            [*tokens.values(), pk],
        )
