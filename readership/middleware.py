"""Answers the counting beacon before anything else reads the request (README "Reading counts").

``POST /count/<page id>/<language>/`` (navigator.sendBeacon from static/js/site.js) answers 204;
``GET`` of the same address (the 1×1 image in <noscript>, for browsers without JavaScript)
answers a transparent GIF. Both are ``no-store``, so no cache or CDN keeps them and every view
reaches the site, whether the page itself came from the page cache or a CDN.

Placed under the security headers and above static files, the page cache, sessions and
everything else: no session, cookie, CSRF token, database query or log line is involved. The
view is added to this process's counters (readership.buffer) when the rules of
readership.rules say it is a person reading; the rate limit is per process (readership.ratelimit).
"""

import base64

from django.http import HttpResponse, HttpResponseNotAllowed

from . import ratelimit, rules
from .buffer import counts

PREFIX = "/count/"
# The smallest transparent GIF (43 bytes).
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


class ReadingCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        target = rules.parse_path(request.path_info)
        if target is None:
            return _no_store(HttpResponse(status=404))
        if request.method not in ("GET", "HEAD", "POST"):
            return _no_store(HttpResponseNotAllowed(["GET", "HEAD", "POST"]))
        if rules.is_countable(request):
            if not ratelimit.limit.allow(request.META.get("REMOTE_ADDR", "")):
                response = HttpResponse(status=429)
                response["Retry-After"] = "60"
                return _no_store(response)
            counts.add(*target)
        if request.method == "POST":
            return _no_store(HttpResponse(status=204))
        return _no_store(HttpResponse(PIXEL, content_type="image/gif"))
