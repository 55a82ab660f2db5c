"""CDN purge through Wagtail's frontend cache, when WAGTAILFRONTENDCACHE is configured."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site


def purge_cdn_for(page):
    """Purge what a change can show up on: the page and its translations, their parents
    (indexes), every language's home page, the feeds and the sitemap.
    """
    batch = PurgeBatch()
    if page is not None:
        translations = list(page.get_translations(inclusive=True))
        batch.add_pages(translations)
        batch.add_pages([parent for parent in (p.get_parent() for p in translations) if parent is not None])
    for site in Site.objects.select_related("root_page"):
        batch.add_pages(Page.objects.filter(translation_key=site.root_page.translation_key))
        root_url = site.root_url
        batch.add_url(root_url + reverse("sitemap"))
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                batch.add_url(root_url + reverse("news:feed_rss"))
                batch.add_url(root_url + reverse("news:feed_atom"))
    batch.purge()
