"""Canonical URL, OpenGraph/Twitter cards and JSON-LD for public pages."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from hhd_site.public_url import canonical_url, public_url

register = template.Library()

# Characters that could end the <script> element or start markup, escaped as in
# Django's json_script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"


def page_description(page):
    """The text shown by search engines and link previews."""
    for attribute in ("search_description", "summary", "intro"):
        value = getattr(page, attribute, "")
        if value:
            return value
    return ""


def share_image_url(request, page):
    image = getattr(page, "image", None)
    if image is None:
        return ""
    return public_url(image.get_rendition(SHARE_IMAGE_SPEC).url)


def json_ld(data):
    """A <script type="application/ld+json"> data block (not executed, so no CSP exception)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    # Safe to mark: <, > and & are escaped to \u003c etc. above (_JSON_ESCAPES), so the data
    # cannot close the script element (bandit B308/B703 justified).
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 # nosec B308, B703


def structured_data(request, page, organisation, url, description, image_url):
    """NewsArticle for articles and statements, Organization for the home page, else nothing."""
    kind = getattr(page, "kind", None)
    publisher = {"@type": "Organization", "name": getattr(organisation, "name", "Hak Hukuga Daýanç")}
    if kind in ("news", "statement"):
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page.title[:110],
            "description": description,
            "inLanguage": get_language(),
            "datePublished": page.date.isoformat(),
            "dateModified": (page.last_published_at or page.latest_revision_created_at).isoformat()
            if (page.last_published_at or page.latest_revision_created_at)
            else page.date.isoformat(),
            "mainEntityOfPage": url,
            "publisher": publisher,
        }
        if image_url:
            data["image"] = [image_url]
        if page.source:
            data["author"] = {"@type": "Organization", "name": page.source}
        return json_ld(data)
    if page.depth == 2 and organisation:
        same_as = [link for link in (organisation.youtube_url, organisation.tiktok_url) if link]
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": organisation.name,
            "url": url,
            "email": organisation.email,
            "sameAs": same_as,
        }
        if organisation.address:
            data["address"] = organisation.address
        return json_ld(data)
    return ""


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context):
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or not getattr(page, "pk", None):
        return {}
    url = canonical_url(request, page)
    description = page_description(page)
    image_url = share_image_url(request, page)
    organisation = context.get("organisation")
    return {
        "url": url,
        "title": page.seo_title or page.title,
        "description": description,
        "image_url": image_url,
        "image_alt": getattr(page, "image_alt", ""),
        "og_type": "article" if getattr(page, "kind", None) else "website",
        "locale": get_language(),
        "site_name": getattr(organisation, "name", "Hak Hukuga Daýanç"),
        "structured_data": structured_data(request, page, organisation, url, description, image_url),
    }
