"""``/robots.txt``: crawlers may read every public page, but not the admin or search results."""

from contextlib import suppress

from django.conf import settings
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from hhd_site.public_url import public_url


def disallowed_paths():
    """The admin, and each language's search page: its results are endless combinations
    of words and page numbers (a crawl trap) that repeat what the pages themselves say."""
    paths = ["/admin/"]
    for code, _name in settings.LANGUAGES:
        # A deployment without the search page simply has no such rule.
        with translation.override(code), suppress(NoReverseMatch):
            paths.append(reverse("search"))
    return paths


@require_safe
@cache_control(public=True, max_age=300)
def robots_txt(request):
    """The rules for crawlers and the absolute address of the sitemap (text/plain)."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallowed_paths()]
    lines += ["", f"Sitemap: {public_url(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
