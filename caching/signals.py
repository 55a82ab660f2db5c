"""Purge the page cache (and a CDN, when one is configured) whenever public content changes."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generation import CHANGED, REMOVED, invalidate_paths, next_generation

logger = logging.getLogger(__name__)


def purge(signal=None, **kwargs):
    """Purge what the change shows up on once it is committed; purge the CDN too."""
    page = kwargs.get("instance")
    page = page if isinstance(page, Page) else None
    moved = _moved_from(page, kwargs) if page is not None and "url_path_before" in kwargs else ()
    # A page published again, or a snippet, image or site saved: the previous copies may bridge
    # the render of the new ones (caching.generation). Anything else took something away.
    kind = CHANGED if signal is page_published or (page is None and signal is post_save) else REMOVED
    transaction.on_commit(lambda: _purge_now(page, moved, kind))


def _moved_from(page, kwargs):
    """A moved page's previous parent and URL path (its old copies are dropped too)."""
    extra = [kwargs["parent_page_before"]] if kwargs.get("parent_page_before") else []
    try:
        now, after, before = page.get_url(), kwargs["url_path_after"], kwargs["url_path_before"]
        # The site's URL of the page ends with the part of url_path below the site's root.
        start = next(k for k in range(len(after)) if after[k] == "/" and now.endswith(after[k:]))
        if before.startswith(after[:start] + "/"):
            extra.append(urlsplit(now[: len(now) - len(after) + start] + before[start:]).path)
    except (StopIteration, TypeError, KeyError):
        pass
    return extra


def _purge_now(page, moved=(), kind=REMOVED):
    """The changed page, its translations, parents, the home pages, feeds and sitemap are
    re-rendered at once; every other page within the stale window, one after another
    (caching.generation). If what changed cannot be worked out, every page at once."""
    from .frontend import purge_batch_for, purge_cdn_for
    from .middleware import hot_pages

    batch = None
    try:
        batch = purge_batch_for(page)
        batch.add_pages(extra for extra in moved if isinstance(extra, Page))
        paths = {urlsplit(url).path for url in batch.urls}
        invalidate_paths(paths | {extra for extra in moved if isinstance(extra, str)}, kind)
        next_generation()
    except Exception:
        logger.exception("page cache: could not work out what a change shows up on; purging every page")
        next_generation(hard=True)
    hot_pages.clear()  # other processes check theirs against the shared cache within a second
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        try:
            purge_cdn_for(page, batch)
        except Exception:  # a CDN outage must not break publishing; the s-maxage bounds staleness
            logger.exception("CDN purge failed")


page_published.connect(purge, dispatch_uid="caching.page_published")
page_unpublished.connect(purge, dispatch_uid="caching.page_unpublished")
post_page_move.connect(purge, dispatch_uid="caching.post_page_move")
post_delete.connect(
    lambda sender, **kwargs: purge(**kwargs) if issubclass(sender, Page) else None,
    dispatch_uid="caching.page_deleted",
    weak=False,
)


def restriction_changed(instance, **kwargs):
    """A page (and the pages under it) became private or public again: no cached copy of any
    page is served again (the page cache and the remembered routes, caching.routes), and the
    CDN drops the subtree."""
    page_id = instance.page_id
    transaction.on_commit(lambda: _purge_subtree(page_id))


def _purge_subtree(page_id):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from .middleware import hot_pages

    next_generation(hard=True)
    hot_pages.clear()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        try:
            batch = PurgeBatch()
            page = Page.objects.filter(pk=page_id).first()
            if page is not None:
                batch.add_pages(page.get_descendants(inclusive=True).specific())
            batch.purge()
        except Exception:
            logger.exception("CDN purge failed")


def purge_on_change_of(*models):
    """Purge whenever an instance of one of these (snippet) models is saved or deleted.

    Apps call it from their ``ready()`` for the snippets their pages show: caching knows no app."""
    for model in models:
        post_save.connect(purge, sender=model, dispatch_uid=f"caching.save.{model._meta.label}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"caching.delete.{model._meta.label}")


def _connect_snippets():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site

    # Images and documents too: a cached article text links their files, and a replaced
    # file's old renditions are deleted. (Home and news register their own snippets.)
    purge_on_change_of(Site, get_image_model(), get_document_model())
    for signal, kind in ((post_save, "save"), (post_delete, "delete")):
        uid = f"caching.{kind}.restriction"
        signal.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid=uid)


_connect_snippets()
