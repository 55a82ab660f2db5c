"""What the page cache may still serve after content changed: the generation, its floor, and
the marks of changed paths.

Three kinds of change, from the narrowest to the widest:

* **A path's mark** (``invalidate_paths``). Publishing a page marks what it shows up on: the
  page and its translations, their parents (indexes), every language's home page, the feeds
  and the sitemap (``caching.frontend.purge_batch_for``, the CDN's list too). A cached copy
  remembers the mark its path had when it was rendered; once the mark moved, the copy is
  never served as fresh again: those pages are re-rendered at once, whatever query string
  follows the path. After a publish (a ``CHANGED`` mark) the previous copy is what the other
  visitors of the path get while one request renders the new one, for
  ``PAGE_CACHE_LOCK_SECONDS`` at most, so that a page under load does not queue every visitor
  behind its render; after an unpublish, a deletion or a move (``REMOVED``) it is never served
  again, not even while the database is down.
* **The generation** (``next_generation()``). Every other page may show the change too (a
  menu, a "latest news" block), so publishing also moves the generation on. That does not
  make every page a miss at once: a copy of an older generation stays fresh until a moment
  spread over ``PAGE_CACHE_STALE_SECONDS`` after the change (fixed per page, from its key),
  then it is re-rendered once, by one request, while the others are served the previous copy
  (caching.middleware). The generation is the time of the change in milliseconds, so the
  middleware knows when the spread began.
* **The floor** (``next_generation(hard=True)``): copies of any generation below it are never
  served again. Only when what a change touched cannot be worked out (caching.signals).

Fragments (``cached_fragment``) are keyed by generation: every change rebuilds them.
"""

import hashlib
import time
from urllib.parse import unquote

from django.core.cache import cache

GENERATION_KEY = "pagecache:generation"
FLOOR_KEY = "pagecache:floor"
PATH_MARK_PREFIX = "pagecache:path:"
# Each process remembers the generation this long instead of asking the cache on
# every request (one cache round trip less per page view): a purge made by another
# process is seen within this time; one made by this process at once. The in-process
# copies of pages (caching.middleware.hot_pages) are checked against the shared cache
# as often.
REMEMBER_SECONDS = 1.0
_remembered = {"generation": None, "floor": 0, "until": 0.0}


def _remember(generation, floor=0):
    _remembered.update(generation=generation, floor=floor or 0, until=time.monotonic() + REMEMBER_SECONDS)
    return generation


def _fresh_generation():
    # The time of the change, in milliseconds: the middleware spreads re-renders from there.
    # Started from the clock, not from 0: if the cache ever loses this key, the new
    # generation cannot meet pages cached under an old one.
    return time.time_ns() // 1_000_000


def current_state(refresh=False):
    """(generation, floor): the current generation and the lowest one that may still be served.

    Remembered for REMEMBER_SECONDS unless ``refresh``. The generation is None when the cache
    cannot be reached.
    """
    if not refresh and _remembered["generation"] is not None and time.monotonic() < _remembered["until"]:
        return _remembered["generation"], _remembered["floor"]
    values = cache.get_many([GENERATION_KEY, FLOOR_KEY])
    generation = values.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    if generation is None:  # the cache is down: ask again next time
        return None, 0
    _remember(generation, values.get(FLOOR_KEY))
    return generation, _remembered["floor"]


def current_generation():
    """The current generation."""
    return current_state()[0]


def next_generation(hard=False):
    """Move the generation on (see the module docstring); returns the new generation.

    ``hard``: copies of every older generation are never served again, stale or not.
    """
    values = cache.get_many([GENERATION_KEY, FLOOR_KEY])
    # Never backwards, even when publishes come within a millisecond or clocks differ a little.
    generation = max(_fresh_generation(), (values.get(GENERATION_KEY) or 0) + 1)
    cache.set(GENERATION_KEY, generation, timeout=None)
    floor = values.get(FLOOR_KEY) or 0
    if hard:
        floor = generation
        cache.set(FLOOR_KEY, floor, timeout=None)
    return _remember(generation, floor)


def path_mark_key(path):
    """The key of a path's mark: the URL path only (no host, no query string), hashed."""
    digest = hashlib.sha256(unquote(path).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{PATH_MARK_PREFIX}{digest}"


# The two kinds of mark. A path whose page was published again (or whose snippet, image or
# site changed) may have its previous copy served to other visitors while one request renders
# the new one, for PAGE_CACHE_LOCK_SECONDS at most (caching.middleware): no queue behind the
# render. A page that was unpublished, deleted or moved is never served again, not for a second.
CHANGED, REMOVED = "changed", "removed"


def invalidate_paths(paths, kind=REMOVED):
    """Cached copies of these URL paths (any host, any query string) are never served again as
    fresh; ``kind`` CHANGED lets the previous copy bridge the one render that replaces it."""
    mark = (time.time_ns(), kind)
    # No expiry: a lost mark would make older copies servable again. One key per changed path.
    keys = {path_mark_key(path): mark for path in set(paths)}
    if keys:
        cache.set_many(keys, timeout=None)


def cached_fragment(name, build, timeout=600):
    """``build()``'s value, cached per generation under ``name`` (which must hold no personal data)."""
    generation = current_generation()
    if generation is None:  # the cache is down: nothing to share, and nothing to keep
        return build()
    key = f"fragment:{generation}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
