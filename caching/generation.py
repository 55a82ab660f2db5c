"""The cache generation: one number that every cached page and fragment key contains.

Publishing, unpublishing, moving or deleting a page, or changing a snippet that
pages show, moves the generation on: every page that was cached before is then
unreachable at once, in every process, and expires from the cache by itself.
A whole-site purge is right for this site: publishing is rare and reading is
constant, and it can never leave an index, a home page, a feed or the sitemap
showing something stale because a dependency was missed.
"""

import time

from django.core.cache import cache

GENERATION_KEY = "pagecache:generation"
# Each process remembers the generation this long instead of asking the cache on
# every request (one cache round trip less per page view): a purge made by another
# process is seen within this time; one made by this process at once.
REMEMBER_SECONDS = 1.0
_remembered = {"generation": None, "until": 0.0}


def _remember(generation):
    _remembered.update(generation=generation, until=time.monotonic() + REMEMBER_SECONDS)
    return generation


def _fresh_generation():
    # Started from the clock, not from 0: if the cache ever loses this key, the
    # new generation cannot meet pages cached under an old one.
    return time.time_ns() // 1_000_000


def current_generation():
    """The current generation."""
    if _remembered["generation"] is not None and time.monotonic() < _remembered["until"]:
        return _remembered["generation"]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return _remember(generation)


def next_generation():
    """Invalidate every cached page and fragment; returns the new generation."""
    try:
        return _remember(cache.incr(GENERATION_KEY))
    except ValueError:  # the key is not there (never set, or evicted)
        generation = _fresh_generation()
        cache.set(GENERATION_KEY, generation, timeout=None)
        return _remember(generation)


def cached_fragment(name, build, timeout=600):
    """``build()``'s value, cached per generation under ``name`` (which must hold no personal data)."""
    key = f"fragment:{current_generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
