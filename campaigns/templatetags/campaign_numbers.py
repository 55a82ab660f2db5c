"""Numbers as each language writes them: 12 345 (ru), 12.345 (tr), 12,345 (en)."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def grouped(value):
    """An integer with the active language's thousands separator."""
    return number_format(value, decimal_pos=0, force_grouping=True)
