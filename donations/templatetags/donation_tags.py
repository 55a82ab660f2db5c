"""Template filters of the donations app."""

from django import template

from donations.currencies import format_money

register = template.Library()


@register.filter
def money(amount, currency):
    """``{{ amount|money:currency }}`` → ``1.250 TRY`` in the active language's number format."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)
