"""Numbers as each language writes them: 12 345 (ru), 12.345 (tr), 12,345 (en)."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def grouped(value):
    """An integer with the active language's thousands separator."""
    return number_format(value, decimal_pos=0, force_grouping=True)


# Below this share of the goal a bar would look empty: the count is said in words instead.
SMALL_SHARE_OF_GOAL = 0.01


@register.filter
def is_small_against(count, goal):
    """Whether ``count`` signatures are too few against ``goal`` to show as progress on a bar."""
    try:
        return int(count) < float(goal) * SMALL_SHARE_OF_GOAL
    except (TypeError, ValueError):
        return False
