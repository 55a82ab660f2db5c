"""Menu, language switcher and hreflang alternates for every public page."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from caching.generation import cached_fragment
from hhd_site.public_url import public_url
from home.calls_to_action import calls_to_action

register = template.Library()


def _site(request):
    return Site.find_for_request(request) if request is not None else None


def _language_homes(request):
    """The live home page of every language, keyed by language code (one query)."""
    cached = getattr(request, "_hhd_language_homes", None)
    if cached is not None:
        return cached
    site = _site(request)
    homes = {}
    if site is not None:

        def build():
            pages = (
                Page.objects.live()
                .filter(translation_key=site.root_page.translation_key)
                .select_related("locale")
            )
            return {page.locale.language_code: page for page in pages}

        homes = cached_fragment(f"language-homes:{site.root_page_id}", build)
    request._hhd_language_homes = homes
    return homes


@register.simple_tag(takes_context=True)
def language_home(context):
    """The home page of the active language (falls back to the default language)."""
    homes = _language_homes(context.get("request"))
    return homes.get(translation.get_language()) or homes.get(settings.LANGUAGE_CODE)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Pages marked 'show in menus' directly under the home page of the active language."""
    request = context.get("request")
    home = language_home(context)
    items = []
    if home is not None:
        items = cached_fragment(f"menu:{home.pk}", lambda: list(home.get_children().live().in_menu()))
    current = context.get("page")
    return {
        "request": request,
        "home": home,
        "items": items,
        "current_path": getattr(current, "url_path", ""),
    }


@register.simple_tag(takes_context=True)
def home_calls_to_action(context):
    """The home page's calls to action in the page's language (home.calls_to_action). Used
    inside a ``{% fragment %}``: found once per generation."""
    page = context.get("page")
    return calls_to_action(page.locale_id) if page is not None else []


def language_versions(context):
    """For each site language: its name, the URL to go to, and whether it is this page's translation.

    The switcher goes to the translation of the current page when one is live,
    otherwise to the home page of that language. A view that is no Wagtail page (search)
    goes to the same view in the other language.
    """
    request = context.get("request")
    page = context.get("page")
    homes = _language_homes(request)
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    versions = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        is_translation = target is not None
        own_view = not is_translation and _is_own_view(request, page)
        if target is None and not own_view:
            target = homes.get(code)
        if own_view:
            url = translate_url(request.path, code)
        else:
            url = target.get_url(request) if target is not None else f"/{code}/"
        versions.append(
            {
                "code": code,
                "name": name,
                "url": url,
                # Absolute on the public address, as in the sitemap and the feeds.
                "full_url": public_url(url) if is_translation else "",
                "is_translation": is_translation,
                # The same list or view in that language: what the visitor asked for may follow.
                "same_view": is_translation or own_view,
                "is_current": code == translation.get_language(),
            }
        )
    return versions


# The site's own views (no Wagtail page) whose address may follow the visitor into another
# language. Not the others: a confirmation or withdrawal link carries its signed token in the
# path, and the switcher must never repeat it (their pages offer the home pages instead).
SWITCHABLE_VIEWS = frozenset({"search"})


def _is_own_view(request, page):
    """Whether the request is for one of the site's own switchable views (search), not a page."""
    match = getattr(request, "resolver_match", None)
    return not isinstance(page, Page) and match is not None and match.url_name in SWITCHABLE_VIEWS


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """The languages, each link keeping what the view says may follow the visitor
    (``language_query``: ``{language code: {parameter: value}}``, e.g. the search words or
    the news filters translated into that language). Nothing else of the query string is
    carried over."""
    carried = context.get("language_query") or {}
    versions = []
    for version in _cached_versions(context):
        params = {name: value for name, value in carried.get(version["code"], {}).items() if value}
        if params and version["same_view"]:
            version = {**version, "url": f"{version['url']}?{urlencode(params)}"}
        versions.append(version)
    return {"versions": versions}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    """<link rel=alternate hreflang> for each live translation, plus x-default."""
    request = context.get("request")
    versions = [v for v in _cached_versions(context) if v["is_translation"]]
    default = next(
        (v for v in versions if v["code"] == settings.LANGUAGE_CODE), versions[0] if versions else None
    )
    return {"request": request, "versions": versions, "default": default}


def _cached_versions(context):
    """``language_versions``, once per request, and per generation in the shared cache for a page
    that is saved (its translations change only when a page is published or unpublished)."""
    request = context.get("request")
    cached = getattr(request, "_hhd_language_versions", None)
    if cached is None:
        page = context.get("page")
        site = _site(request)
        if isinstance(page, Page) and page.pk and site is not None:
            name = f"language-versions:{site.pk}:{page.pk}:{translation.get_language()}"
            cached = cached_fragment(name, lambda: language_versions(context))
        else:
            cached = language_versions(context)
        if request is not None:
            request._hhd_language_versions = cached
    return cached
