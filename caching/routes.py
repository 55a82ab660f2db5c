"""Path → page, remembered per generation, so that a page view does not walk the tree.

Wagtail finds a page by loading the site, the language's home page, and each page on the
way down, then checks the view restrictions of every ancestor: six to eight queries before
the page renders. Which page a path leads to changes only when pages are published,
unpublished, moved or deleted, or a site or a view restriction changes, and each of those
moves the generation on (caching.signals). So the answer is kept, per generation, in the
shared cache and in this process: the site's row, the page's type and id, its URL path, and
whether any view restriction applies. A page view then loads the page itself, one query.

What is remembered is checked against the page's own row before it is trusted: the page
must still be live and still have the URL path it was found at; otherwise Wagtail routes
the request as usual. Only a view restriction added in the last ``REMEMBER_SECONDS`` can
be missed, by other processes, exactly as their in-process page copies can
(caching.generation). Paths that lead nowhere are not remembered (anyone can invent them),
nor routes that carry arguments (a page's sub-paths).
"""

import hashlib
import threading

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from .generation import current_generation

SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")
# Routes are remembered as long as their generation is current, at most this long.
ROUTE_SECONDS = 3600
MEMO_SIZE = 4096
_memo = {}
_memo_lock = threading.Lock()


def route_key(generation, request, path):
    """The key of a path on this host and port, in the active language (``localized`` homes)."""
    host = split_domain_port(request._get_raw_host())[0]  # noqa: SLF001 - as Site.find_for_request
    address = f"{host}:{request.get_port()}:{get_language()}:{path}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"route:{generation}:{digest}"


def _remember_here(key, entry):
    with _memo_lock:
        if len(_memo) >= MEMO_SIZE:
            _memo.clear()  # keys carry the generation: old ones are never asked for again
        _memo[key] = entry


def clear():
    with _memo_lock:
        _memo.clear()


def _entry_for(request, route):
    """What to remember of a route Wagtail found, or None."""
    page, args, kwargs = route
    site = getattr(request, "_wagtail_site", None)
    if site is None or args or kwargs:
        return None
    # Wagtail checks them again before serving: it is given this list rather than asking twice.
    restrictions = list(page.get_view_restrictions())
    page.get_view_restrictions = lambda: restrictions
    return {
        "site": {name: getattr(site, name) for name in SITE_FIELDS},
        "content_type": page.content_type_id,
        "page": page.pk,
        "url_path": page.url_path,
        "restricted": bool(restrictions),
    }


def _unrestricted():
    return PageViewRestriction.objects.none()


def _apply(request, entry):
    """Set the request's site and route from a remembered entry; False if it no longer holds."""
    model = ContentType.objects.get_for_id(entry["content_type"]).model_class()
    if model is None:
        return False
    page = model.objects.filter(pk=entry["page"]).first()
    if page is None or not page.live or page.url_path != entry["url_path"]:
        return False
    if not entry["restricted"]:
        # Known when the route was remembered: no restriction on the page or an ancestor.
        page.get_view_restrictions = _unrestricted
    request._wagtail_site = Site(**entry["site"])
    request._wagtail_route_for_request = RouteResult(page)
    return True


def prepare(request, path):
    """Give the request its site and route from what was remembered, or remember them now."""
    generation = current_generation()
    if generation is None or hasattr(request, "_wagtail_route_for_request"):
        return
    key = route_key(generation, request, path)
    entry = _memo.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is not None:
            _remember_here(key, entry)
    if entry is not None and _apply(request, entry):
        return
    route = Page.route_for_request(request, path)
    entry = _entry_for(request, route) if route is not None else None
    if entry is not None:
        cache.set(key, entry, ROUTE_SECONDS)
        _remember_here(key, entry)


def serve(request, path):
    """Wagtail's page view, with the route found as above."""
    prepare(request, path)
    return wagtail_views.serve(request, path)
