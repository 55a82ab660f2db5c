"""Validation and presentation of bank account numbers (IBAN) and bank codes (SWIFT/BIC).

python-stdnum checks the IBAN's length for its country and its ISO 13616 check digits, so
a mistyped account number on the donation page is refused before a donor copies it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import bic, iban
from stdnum.exceptions import ValidationError as NumberError


def validate_iban(value: str) -> None:
    """Refuse an IBAN whose length, format or check digits are wrong."""
    try:
        iban.validate(value)
    except NumberError as error:
        raise ValidationError(
            _("This is not a valid IBAN: please check it against the bank's documents."), code="iban"
        ) from error


def validate_bic(value: str) -> None:
    """Refuse a SWIFT/BIC code that is not 8 or 11 characters of the right kinds."""
    try:
        bic.validate(value)
    except NumberError as error:
        raise ValidationError(
            _("This is not a valid SWIFT/BIC code (8 or 11 letters and digits)."), code="bic"
        ) from error


def compact_iban(value: str) -> str:
    """The IBAN without spaces, upper-case: how it is stored."""
    return iban.compact(value)


def format_iban(value: str) -> str:
    """The IBAN in groups of four, as banks print it."""
    return iban.format(value)


def compact_bic(value: str) -> str:
    """The SWIFT/BIC code without spaces, upper-case."""
    return bic.compact(value)
