"""Amounts as donors write them in their own language, read back into numbers.

The site prints amounts with Django's number formats of the page's language (``1 000`` with a
no-break space in Turkmen and Russian, ``1.000,50`` in Turkish, ``1,000.50`` in English:
``donations.currencies.format_amount``), and a donor types them the same way, or as plain digits.
``parse_amount`` reads each language's own grouping and decimal marks from the same format data.
It is strict where a mark could mean two things: groups after the first are exactly three
digits and the decimals at most two, so ``1.000`` is a thousand in Turkish, and refused (not
read as 1) in English and Russian.
"""

import re
from decimal import Decimal

from django import forms
from django.utils import formats
from django.utils.translation import get_language

# Any space a keyboard or a copy from the site gives, where the language groups with a space.
SPACES = " \u00a0\u202f\u2009"


def _marks(language):
    """(grouping characters, decimal characters) of a language."""
    decimal = formats.get_format("DECIMAL_SEPARATOR", lang=language)
    group = formats.get_format("THOUSAND_SEPARATOR", lang=language)
    groups = set(SPACES) if group in SPACES else {group}
    decimals = {decimal}
    if "." not in groups and decimal != ".":
        decimals.add(".")  # a phone's decimal key, where the point cannot mean a thousand
    return "".join(sorted(groups)), "".join(sorted(decimals))


def parse_amount(text: str, language: str) -> Decimal:
    """The amount ``text`` says in ``language``; ValueError when it is no amount written there."""
    groups, decimals = _marks(language)
    pattern = (
        rf"(?P<whole>[0-9]{{1,3}}(?:[{re.escape(groups)}][0-9]{{3}})+|[0-9]+)"
        rf"(?:[{re.escape(decimals)}](?P<fraction>[0-9]{{1,2}}))?"
    )
    found = re.fullmatch(pattern, text.strip(SPACES + "\t\n"))
    if found is None:
        raise ValueError("not an amount in this language")
    whole = re.sub(r"[^0-9]", "", found["whole"])
    return Decimal(f"{whole}.{found['fraction']}" if found["fraction"] else whole)


class AmountField(forms.DecimalField):
    """A DecimalField that reads the amount as the page's language writes it (``parse_amount``)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_amount(str(value), get_language())
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
