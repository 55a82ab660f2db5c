"""``/sitemap.xml``: every live, public page of the site in every language, with its translations.

Wagtail's own sitemap lists the descendants of the site's root page only, which here is
the Turkmen home page: the other languages' home pages are its siblings (translations),
not its children. So this sitemap walks the root page and all its translations, and
gives each page ``<xhtml:link rel="alternate" hreflang>`` links to its live translations
and to the Turkmen version as ``x-default``, rendered by Django's ``sitemap.xml`` template.
"""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.utils.functional import cached_property
from django.views.decorators.cache import cache_control
from wagtail.models import Page, Site

from hhd_site.public_url import public_url

LANGUAGE_ORDER = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}


class PageSitemap(Sitemap):
    """The pages of the request's Wagtail site (else the default site) in all its languages.

    Left out: drafts, pages in private sections (password, login or group restrictions),
    and aliases (a copy of a page shown at another address, e.g. an untranslated page
    synchronised into another language: it is not a translation).
    A fixed number of queries whatever the number of pages.
    """

    def __init__(self, request):
        self.request = request

    @cached_property
    def pages(self):
        """The pages, by language (in the order of settings.LANGUAGES), then by place in the tree."""
        site = Site.find_for_request(self.request)
        if site is None:
            return []
        roots = list(Page.objects.filter(translation_key=site.root_page.translation_key))
        in_site = reduce(or_, (Page.objects.descendant_of_q(root, inclusive=True) for root in roots))
        pages = (
            Page.objects.live()
            .filter(in_site, alias_of__isnull=True)
            .exclude(Page.objects.private_q())
            .select_related("locale")
        )
        return sorted(
            pages,
            key=lambda page: (LANGUAGE_ORDER.get(page.locale.language_code, len(LANGUAGE_ORDER)), page.path),
        )

    @cached_property
    def urls_by_pk(self):
        """Each page's address, relative to the site (Wagtail's site root paths, cached on the request)."""
        urls = {}
        for page in self.pages:
            url = page.get_url(self.request)
            if url is not None:
                urls[page.pk] = url
        return urls

    @cached_property
    def translations(self):
        """translation key → {language code: page}, of the pages in this sitemap only."""
        by_key = defaultdict(dict)
        for page in self.pages:
            if page.pk in self.urls_by_pk:
                by_key[page.translation_key][page.locale.language_code] = page
        return by_key

    def items(self):
        return [page for page in self.pages if page.pk in self.urls_by_pk]

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at

    def get_urls(self, page=1, site=None, protocol=None):
        def absolute(item):
            return public_url(self.urls_by_pk[item.pk])

        urls = []
        lastmods = []
        for item in self.paginator.page(page).object_list:
            versions = self.translations[item.translation_key]
            alternates = [
                {"lang_code": code, "location": absolute(version)}
                for code, version in sorted(
                    versions.items(), key=lambda pair: LANGUAGE_ORDER.get(pair[0], 99)
                )
            ]
            default = versions.get(settings.LANGUAGE_CODE, item)
            alternates.append({"lang_code": "x-default", "location": absolute(default)})
            lastmod = self.lastmod(item)
            lastmods.append(lastmod)
            urls.append(
                {
                    "item": item,
                    "location": absolute(item),
                    "lastmod": lastmod,
                    "changefreq": None,
                    "priority": "",
                    "alternates": alternates,
                }
            )
        if lastmods and None not in lastmods:
            # Django's view turns it into the Last-Modified header.
            self.latest_lastmod = max(lastmods)
        return urls


@cache_control(public=True, max_age=300)
def sitemap_xml(request):
    """The sitemap of the whole site, all languages in one file (application/xml)."""
    return sitemap_views.sitemap(request, {"pages": PageSitemap(request)})
