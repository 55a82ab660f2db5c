"""The counting address of a page, for site.js's beacon and the <noscript> image (templates/base.html)."""

from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


def count_url(context):
    page = context.get("page")
    request = context.get("request")
    if page is None or not getattr(page, "pk", None) or getattr(request, "is_preview", False):
        return ""  # not a page (search, forms' answers) or the editor's preview: not counted
    # The language being served is the page's (Wagtail activates it): no query for page.locale.
    return f"/count/{page.pk}/{translation.get_language()}/"


@register.simple_tag(takes_context=True)
def reading_count_attribute(context):
    """`` data-count-url="/count/3/tk/"`` on <body>: site.js sends the beacon there."""
    url = count_url(context)
    return format_html(' data-count-url="{}"', url) if url else ""


@register.simple_tag(takes_context=True)
def reading_count_fallback(context):
    """Without JavaScript: a 1×1 image from this same site, inside <noscript>."""
    url = count_url(context)
    if not url:
        return ""
    return format_html(
        '<noscript><img src="{}" alt="" width="1" height="1" class="count-pixel"></noscript>', url
    )
