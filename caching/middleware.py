"""Serve anonymous visitors' page views from the shared cache.

Placed under SecurityMiddleware (so HTTPS redirects and security headers still
apply to every hit) and whitenoise (static files never reach it), and above
GZipMiddleware (so the compressed body is what is cached, once per encoding).

A copy of a page goes through these states (``freshness``):

* **fresh** for ``PAGE_CACHE_SECONDS`` (or the shorter life a page asks for): served as is
  (``X-Page-Cache: hit``). After a publish, a copy of an older generation stays fresh only
  until its moment in the spread (caching.generation).
* **stale** for ``PAGE_CACHE_STALE_SECONDS`` more: the first request to find it so takes a
  short lock in the shared cache (``cache.add``, ``PAGE_CACHE_LOCK_SECONDS``) and re-renders
  the page (``miss``); every other request, in any process, meanwhile gets the stale copy
  (``stale``). So a page is rendered once per lifetime, not once per waiting visitor.
* **old** for up to ``PAGE_CACHE_MAX_STALE_SECONDS`` more (query-less URLs only): rendered
  like a miss, but served when rendering fails with a server error (the database is down):
  the site stays readable instead of answering 503.

Copies of a path that a change marked (caching.generation.invalidate_paths) are never fresh
again. After a publish (a CHANGED mark) such a copy is **superseded**: for
``PAGE_CACHE_LOCK_SECONDS`` after the mark it is served like a stale one while one request
renders the new page, so a busy page does not queue its visitors behind that render; after an
unpublish, a deletion or a move it is never served. Copies under the floor of a hard purge are
never served. Visitors with a session cookie (editors)
neither get nor make cached copies.
"""

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers

from .generation import CHANGED, REMEMBER_SECONDS, current_state, path_mark_key

logger = logging.getLogger(__name__)

FRESH, STALE, OLD = "fresh", "stale", "old"
# The value of a lock whose render failed: nobody waits for it.
FAILED = "failed"


def stale_seconds():
    return getattr(settings, "PAGE_CACHE_STALE_SECONDS", 60)


def max_stale_seconds():
    return getattr(settings, "PAGE_CACHE_MAX_STALE_SECONDS", 86_400)


def lock_seconds():
    return getattr(settings, "PAGE_CACHE_LOCK_SECONDS", 10)


class HotPages:
    """The most requested pages of this process, in memory, so that a hit during a flood
    does not even need a round trip to Redis. A copy is kept here for REMEMBER_SECONDS at
    most, then checked against the shared cache again (a purge or a fresher copy made by
    another process is seen within that time), and it is only served while fresh."""

    def __init__(self, size=256):
        self.size = size
        self.pages = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            item = self.pages.get(key)
            if item is None:
                return None
            frozen, checked_until = item
            if time.monotonic() >= checked_until:
                del self.pages[key]  # time to ask the shared cache again
                return None
            self.pages.move_to_end(key)
            return frozen

    def put(self, key, frozen):
        with self.lock:
            self.pages[key] = (frozen, time.monotonic() + REMEMBER_SECONDS)
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def discard(self, key):
        with self.lock:
            self.pages.pop(key, None)

    def clear(self):
        with self.lock:
            self.pages.clear()


hot_pages = HotPages()

CACHED_HEADERS = ("Content-Type", "Content-Encoding", "Content-Language", "Vary", "Last-Modified")
# Pages for people, not robots of the admin: never cached.
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/readyz")


def _accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def cache_key(request):
    """The key of a page view: encoding, host and full path, hashed.

    Hashed so that whatever a query string holds never appears in the cache's key space.
    The generation is not in the key: it is in the copy (see ``freshness``), so that a copy
    of an older generation can still be served while the page is re-rendered.
    """
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{'gzip' if _accepts_gzip(request) else 'identity'}:{digest}"


def lock_key(key):
    return f"pagelock:{key.removeprefix('page:')}"


def spread(key):
    """A fixed fraction in [0, 1) per key: when, within the stale window after a publish,
    this copy of an older generation stops being fresh (so pages re-render one after another)."""
    return int(key[-8:], 16) / 16**8


def bridges(mark, now):
    """True while a copy made before ``mark`` may still be served during the new render: the
    mark is a publish's (CHANGED) and younger than the render lock."""
    if not isinstance(mark, tuple) or len(mark) != 2 or mark[1] != CHANGED:
        return False
    return now < mark[0] / 1e9 + lock_seconds()


def freshness(frozen, key, now, generation, floor):
    """FRESH, STALE, OLD or None (never to be served) for a copy at ``now``."""
    if frozen is None or frozen.get("generation") is None or frozen["generation"] < floor:
        return None
    if "superseded_by" in frozen:  # its path was published again: only while that is rendered
        return STALE if bridges(frozen["superseded_by"], now) else None
    fresh_until = frozen["expires"]
    if frozen["generation"] < generation:
        changed_at = min(generation / 1000, now)
        fresh_until = min(fresh_until, changed_at + stale_seconds() * spread(key))
    if now < fresh_until:
        return FRESH
    if now < fresh_until + stale_seconds():
        return STALE
    if now < frozen["keep_until"]:
        return OLD
    return None


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

        key = cache_key(request)
        try:
            generation, floor = current_state()
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            generation, floor = None, 0
        if generation is None:  # the cache is down: serve from the database instead
            return self.render(request, seconds, key=None)

        frozen = hot_pages.get(key)
        if frozen is not None and freshness(frozen, key, time.time(), generation, floor) == FRESH:
            return self.rebuild(frozen, request, "hit")
        try:
            frozen, mark = self.shared_copy(key, request.path)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            return self.render(request, seconds, key=None)
        state = freshness(frozen, key, time.time(), generation, floor)
        if state == FRESH:
            return self.rebuild(frozen, request, "hit")

        token = self.lock(key)
        if token is None and state == STALE:
            return self.rebuild(frozen, request, "stale")  # another request is re-rendering it
        if token is None:
            # No copy that may be served meanwhile (a changed page, a cold or very old one):
            # wait for the request that is rendering it rather than render it again.
            fresh = self.wait_for_render(key, request.path, generation, floor)
            if fresh is not None:
                return self.rebuild(fresh, request, "hit")
        try:  # the copy about to be made belongs to the latest generation, not a remembered one
            generation, floor = current_state(refresh=True)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
        if generation is None:
            return self.render(request, seconds, key=None)
        return self.render(
            request, seconds, key=key, token=token, previous=frozen if state else None,
            generation=generation, mark=mark,
        )  # fmt: skip

    @staticmethod
    def shared_copy(key, path):
        """(copy or None, the path's current mark) from the shared cache, in one round trip.

        A copy made before its path was marked is dropped, or, while it bridges a publish's
        render, returned as superseded (``freshness``: never fresh); a copy that is neither is
        also kept in this process's hot pages.
        """
        mark_key = path_mark_key(path)
        values = cache.get_many([key, mark_key])
        frozen, mark = values.get(key), values.get(mark_key)
        if frozen is not None and frozen.get("mark") != mark:
            return ({**frozen, "superseded_by": mark} if bridges(mark, time.time()) else None), mark
        if frozen is not None:
            hot_pages.put(key, frozen)
        return frozen, mark

    def wait_for_render(self, key, path, generation, floor):
        """The fresh copy another request is making, once stored; None if it fails or is late."""
        deadline = time.monotonic() + lock_seconds()
        delay = 0.02
        while time.monotonic() < deadline:
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
            try:
                frozen, _mark = self.shared_copy(key, path)
                if freshness(frozen, key, time.time(), generation, floor) == FRESH:
                    return frozen
                if cache.get(lock_key(key)) in (None, FAILED):
                    return None  # the render ended without a copy (an error, a 404): render here
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
                return None
        return None

    @staticmethod
    def lock(key):
        """A token if this request may re-render the page (no other request is doing so)."""
        token = uuid.uuid4().hex
        try:
            return token if cache.add(lock_key(key), token, timeout=lock_seconds()) else None
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            return token

    @staticmethod
    def mark_failed(key, token):
        try:
            if token is not None and cache.get(lock_key(key)) == token:
                cache.set(lock_key(key), FAILED, timeout=lock_seconds())
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)

    @staticmethod
    def unlock(key, token):
        try:
            if cache.get(lock_key(key)) == token:  # not another request's, after ours ran out
                cache.delete(lock_key(key))
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)

    def render(self, request, seconds, *, key, token=None, previous=None, generation=None, mark=None):
        """Render the page; keep it when it may be shared (``key`` None: the cache is down)."""
        response = self.get_response(request)
        if key is not None:
            logger.debug("page cache: rendered %s (%s)", request.path, response.status_code)
            if response.status_code >= 500 and previous is not None:
                # The database is down (or a bug): the previous copy is better than an error.
                # The lock is kept until it runs out (others serve a stale copy meanwhile, and
                # the next attempt waits a little), marked so that nobody waits for it.
                logger.warning("page cache: %s served stale after a %s", request.path, response.status_code)
                self.mark_failed(key, token)
                return self.rebuild(previous, request, "stale")
            if response.status_code in (404, 410) and previous is not None:
                self.forget(key)  # gone: no stale copy of it, ever
        if not is_cacheable_response(response):
            if token is not None:
                self.unlock(key, token)
            return response

        # A page may ask for a shorter life (a campaign's live counter: a minute).
        lifetime = min(seconds, getattr(response, "page_cache_seconds", seconds))
        patch_cache_control(response, public=True, max_age=min(60, lifetime), s_maxage=lifetime)
        patch_vary_headers(response, ("Accept-Encoding",))
        if key is not None:
            # Kept for the database's outages, but not for URLs with a query string: anyone
            # can make those up, and each would hold memory for a day.
            kept = stale_seconds()
            if not request.META.get("QUERY_STRING"):
                kept = max(kept, max_stale_seconds())
            frozen = self.freeze(response, lifetime, kept, generation, mark)
            try:
                cache.set(key, frozen, lifetime + kept)
                hot_pages.put(key, frozen)
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
            if token is not None:
                self.unlock(key, token)
        return self.tag(response, "miss")

    @staticmethod
    def forget(key):
        try:
            cache.delete(key)
            hot_pages.discard(key)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)

    @staticmethod
    def tag(response, status):
        if settings.PAGE_CACHE_STATUS_HEADER:
            response["X-Page-Cache"] = status
        return response

    @staticmethod
    def freeze(response, lifetime, kept, generation, mark):
        headers = {name: response[name] for name in CACHED_HEADERS if name in response}
        headers["Cache-Control"] = response["Cache-Control"]
        now = time.time()
        return {
            "status": response.status_code,
            "headers": headers,
            "content": response.content,
            "expires": now + lifetime,  # fresh until then
            "keep_until": now + lifetime + kept,  # then stale, then old, then never served
            "generation": generation,  # rendered under this generation...
            "mark": mark,  # ...and this mark of its path (caching.generation)
        }

    @classmethod
    def rebuild(cls, frozen, request, status):
        from django.http import HttpResponse

        response = HttpResponse(
            b"" if request.method == "HEAD" else frozen["content"], status=frozen["status"]
        )
        for name, value in frozen["headers"].items():
            response[name] = value
        response["Content-Length"] = str(len(frozen["content"]))
        return cls.tag(response, status)
