"""Serve anonymous visitors' page views from the shared cache.

Placed under SecurityMiddleware (so HTTPS redirects and security headers still
apply to every hit) and whitenoise (static files never reach it), and above
GZipMiddleware (so the compressed body is what is cached, once per encoding).
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers

from .generation import current_generation

logger = logging.getLogger(__name__)


class HotPages:
    """The most requested pages of this process, in memory, so that a hit during a flood
    does not even need a round trip to Redis. Keys contain the generation, so a purge
    reaches these copies as soon as this process sees it (within REMEMBER_SECONDS)."""

    def __init__(self, size=256):
        self.size = size
        self.pages = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            frozen = self.pages.get(key)
            if frozen is not None:
                self.pages.move_to_end(key)
            return frozen

    def put(self, key, frozen):
        with self.lock:
            self.pages[key] = frozen
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self):
        with self.lock:
            self.pages.clear()


hot_pages = HotPages()

CACHED_HEADERS = ("Content-Type", "Content-Encoding", "Content-Language", "Vary", "Last-Modified")
# Pages for people, not robots of the admin: never cached.
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/readyz")


def _accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def cache_key(request, generation):
    """The key of a page view: generation, encoding, host and full path, hashed.

    Hashed so that whatever a query string holds never appears in the cache's key space.
    """
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{generation}:{'gzip' if _accepts_gzip(request) else 'identity'}:{digest}"


def is_cacheable_request(request):
    """Anonymous GET or HEAD of a public page: no session cookie, not the admin, not search."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # may be logged in: never share what this visitor sees
    path = request.path_info
    if path.startswith(UNCACHED_PREFIXES):
        return False
    # Search results: one entry per query would let anyone fill the cache.
    return "/search/" not in path


def is_cacheable_response(response):
    """A complete, public, cookie-free 200 that does not depend on the visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return "cookie" not in response.get("Vary", "").lower()


class PageCacheMiddleware:
    """Answer from the cache when a page is there; otherwise render it and keep it.

    ``PAGE_CACHE_SECONDS`` (0 turns the server-side cache off) is also the
    ``s-maxage`` that tells a CDN how long it may keep the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not is_cacheable_request(request):
            response = self.get_response(request)
            if seconds > 0 and response.status_code == 200 and "Cache-Control" not in response:
                # Logged-in views, search and the admin: never in a shared cache.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        try:
            key = cache_key(request, current_generation())
            cached = hot_pages.get(key)
            if cached is None:
                cached = cache.get(key)
                if cached is not None:
                    hot_pages.put(key, cached)
        except Exception:  # the cache is down: serve from the database instead
            logger.warning("page cache unavailable", exc_info=True)
            key = cached = None
        if cached is not None and cached.get("expires", 0) > time.time():
            return self.rebuild(cached, request)

        response = self.get_response(request)
        if is_cacheable_response(response):
            # A page may ask for a shorter life (a campaign's live counter: a minute).
            lifetime = min(seconds, getattr(response, "page_cache_seconds", seconds))
            patch_cache_control(response, public=True, max_age=min(60, lifetime), s_maxage=lifetime)
            patch_vary_headers(response, ("Accept-Encoding",))
            if key is not None:
                try:
                    cache.set(key, self.freeze(response, lifetime), lifetime)
                    if settings.PAGE_CACHE_STATUS_HEADER:
                        response["X-Page-Cache"] = "miss"
                except Exception:
                    logger.warning("page cache unavailable", exc_info=True)
        return response

    @staticmethod
    def freeze(response, lifetime):
        headers = {name: response[name] for name in CACHED_HEADERS if name in response}
        headers["Cache-Control"] = response["Cache-Control"]
        # The in-process copy (hot_pages) has no TTL of its own: it checks this.
        return {
            "status": response.status_code,
            "headers": headers,
            "content": response.content,
            "expires": time.time() + lifetime,
        }

    @staticmethod
    def rebuild(frozen, request):
        from django.http import HttpResponse

        response = HttpResponse(
            b"" if request.method == "HEAD" else frozen["content"], status=frozen["status"]
        )
        for name, value in frozen["headers"].items():
            response[name] = value
        response["Content-Length"] = str(len(frozen["content"]))
        if settings.PAGE_CACHE_STATUS_HEADER:
            response["X-Page-Cache"] = "hit"
        return response
