"""The mirror list wherever the site shows it: the footer and the newsletter issues.

Use inside a cached fragment (the footer's): two queries when the fragment is rebuilt, the
addresses and the mirrors page, none on the page views in between.
"""

from django import template

from hhd_site.public_url import public_url
from mirrorlist.models import MirrorAddress, mirrors_page_url, onion_address

register = template.Library()


@register.inclusion_tag("mirrorlist/includes/footer_mirrors.html")
def footer_mirrors():
    return {
        "mirrors": MirrorAddress.current(),
        "mirrors_page_url": mirrors_page_url(),
        "onion_address": onion_address(),
    }


@register.simple_tag
def mirror_list():
    """``{"mirrors": [...], "onion_address": ..., "page_url": ...}`` for a newsletter issue."""
    page_url = mirrors_page_url()
    return {
        "mirrors": MirrorAddress.current(),
        "onion_address": onion_address(),
        "page_url": public_url(page_url) if page_url else "",
    }
