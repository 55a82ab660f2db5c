"""Purge the page cache (and a CDN, when one is configured) whenever public content changes."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generation import next_generation

logger = logging.getLogger(__name__)


def purge(**kwargs):
    """Invalidate every cached page once the change is committed; purge the CDN too."""
    page = kwargs.get("instance")
    transaction.on_commit(lambda: _purge_now(page if isinstance(page, Page) else None))


def _purge_now(page):
    next_generation()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from .frontend import purge_cdn_for

        try:
            purge_cdn_for(page)
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


def purge_on_change_of(*models):
    """Purge whenever an instance of one of these (snippet) models is saved or deleted."""
    for model in models:
        post_save.connect(purge, sender=model, dispatch_uid=f"caching.save.{model._meta.label}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"caching.delete.{model._meta.label}")


def _connect_snippets():
    from wagtail.models import Site

    from home.models import OrganisationDetails
    from news.models import Topic

    purge_on_change_of(OrganisationDetails, Topic, Site)


_connect_snippets()
