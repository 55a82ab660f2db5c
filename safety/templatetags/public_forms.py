"""Where a public form's answer lands: its action carries the fragment of the error summary.

Every answer that refuses a public form (400 with the form again, 409 closed, 429 too many
attempts, 503 not available) puts its message in the element with ``ERROR_SUMMARY_ID``, so a
browser without JavaScript scrolls to it from the address's fragment, and static/js/site.js
moves the focus there.
"""

from django import template
from django.urls import reverse

from safety.public_forms import ERROR_SUMMARY_ID

register = template.Library()


@register.simple_tag
def form_action(view_name, *args):
    """The address a public form posts to, with the fragment of the error summary."""
    return f"{reverse(view_name, args=args)}#{ERROR_SUMMARY_ID}"


@register.simple_tag
def error_summary_id():
    """The id of the element that says why a public form was refused."""
    return ERROR_SUMMARY_ID
