"""The footer's subscribe form, on every public page.

Every page with the footer is cached and shared, so the form holds nothing about the
visitor: the signed form token names only the form and the time (safety.guards), and
the language defaults to the page's. No database query.
"""

from django import template

from newsletter.forms import SubscribeForm

register = template.Library()


@register.simple_tag
def footer_subscribe_form():
    """A fresh subscribe form whose element ids cannot clash with a form in the page's body."""
    return SubscribeForm(auto_id="footer-newsletter-%s")
