"""What a change shows up on, for the page cache and for a CDN (WAGTAILFRONTENDCACHE)."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site


def _parent(page):
    try:
        return page.get_parent()
    except ObjectDoesNotExist:  # deleted with it
        return None


def purge_batch_for(page):
    """The URLs a change can show up on: the page and its translations, their parents
    (indexes), every language's home page, the feeds and the sitemap (``page`` None: a
    snippet or a site changed, everything but the page). Nothing is sent until ``.purge()``.
    """
    batch = PurgeBatch()
    if page is not None:
        translations = list(page.get_translations(inclusive=True))
        if page not in translations:  # deleted: it no longer finds itself
            translations.append(page)
        batch.add_pages(translations)
        batch.add_pages([parent for parent in map(_parent, translations) if parent is not None])
    for site in Site.objects.select_related("root_page"):
        batch.add_pages(Page.objects.filter(translation_key=site.root_page.translation_key))
        root_url = site.root_url
        batch.add_url(root_url + reverse("sitemap"))
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                batch.add_url(root_url + reverse("news:feed_rss"))
                batch.add_url(root_url + reverse("news:feed_atom"))
    return batch


def purge_cdn_for(page, batch=None):
    """Ask the CDN to drop what ``purge_batch_for(page)`` lists."""
    (batch or purge_batch_for(page)).purge()
