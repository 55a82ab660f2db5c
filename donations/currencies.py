"""The currencies HHD accepts by bank transfer, and how amounts are shown."""

from decimal import Decimal

from django.db import models
from django.utils import formats, numberformat
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    """ISO 4217 codes of the currencies HHD holds accounts in."""

    TRY = "TRY", _("Turkish lira (TRY)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")


def format_amount(amount: Decimal) -> str:
    """An amount with the active language's separators, without ",00" for whole amounts."""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    return numberformat.format(
        amount,
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=3,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def format_money(amount: Decimal, currency: str) -> str:
    """``1.250 TRY``, ``25 USD``: the amount and the currency's code, which every bank uses."""
    return f"{format_amount(amount)}\N{NO-BREAK SPACE}{currency}"


# How Turkish and other banks' exports name currencies besides the ISO code.
STATEMENT_CURRENCY_NAMES = {"TL": "TRY", "YTL": "TRY", "₺": "TRY", "EURO": "EUR", "€": "EUR", "$": "USD"}


def statement_currency(text: str) -> str:
    """The ISO code of a bank statement's currency cell (``TL`` → ``TRY``); "" when empty."""
    code = (text or "").strip().upper()
    return STATEMENT_CURRENCY_NAMES.get(code, code)
