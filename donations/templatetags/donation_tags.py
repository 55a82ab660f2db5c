"""Template filters of the donations app."""

from django import template
from django.utils import formats

from donations.currencies import format_money

register = template.Library()


@register.filter
def money(amount, currency):
    """``{{ amount|money:currency }}`` → ``1.250 TRY`` in the active language's number format."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)


@register.filter
def amount_input(amount):
    """An amount as the amount field shows it in the active language (``1000``, ``12,50``)."""
    return formats.localize_input(amount)


@register.filter
def iban_groups(formatted):
    """The IBAN's groups of four, the short last group joined to the one before it, so that a
    line never ends with the last two digits alone (each group is kept whole by the CSS)."""
    groups = formatted.split()
    if len(groups) > 1 and len(groups[-1]) < 4:
        groups[-2:] = [f"{groups[-2]} {groups[-1]}"]
    return groups
