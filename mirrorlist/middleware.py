"""``Onion-Location`` on the public pages when the site has an onion service (ONION_ADDRESS).

Tor Browser offers the reader the onion copy of the page they are on. Only public HTML pages
that a GET or HEAD answered with 200 carry it: not the admin, not a form's answer to a POST,
not search results, nothing private (a visitor's own page, a response that sets a cookie) and
no static or media file, feed or sitemap (not HTML). Placed right under
hhd_site.headers.SecurityHeadersMiddleware, above the page cache and the static files, so a page
served from the cache carries it too.
"""

from django.conf import settings

from hhd_site.headers import is_admin_path

from . import onion


def onion_location(request, response):
    """The Onion-Location value for this response, or None."""
    address = getattr(settings, "ONION_ADDRESS", "")
    if not address or request.method not in ("GET", "HEAD") or response.status_code != 200:
        return None
    if is_admin_path(request.path_info):
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    if "/search/" in request.path_info:
        return None  # the copies have no search results: search there is a link to this site
    # What belongs to one visitor (private, a cookie set) is not a page the copies have.
    cache_control = response.get("Cache-Control", "").lower()
    if response.cookies or any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return None
    return f"http://{onion.normalise(address)}{request.get_full_path()}"


class OnionLocationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        location = onion_location(request, response)
        if location is not None:
            response["Onion-Location"] = location
        return response
