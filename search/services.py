"""Site search for visitors: live pages of the visitor's language, with highlighted snippets."""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from modelsearch.backends import get_search_backend
from modelsearch.backends.base import EmptySearchResults
from wagtail.models import Locale, Page

from search.highlighting import snippet_html
from search.languages import search_config_for_language

MAX_QUERY_LENGTH = 200


@dataclass
class SearchHit:
    """One page in the results, ready for the template."""

    page: Page
    url: str | None
    summary: str
    snippet: SafeString | str


def search_pages(query, language_code):
    """Search the live, public pages of one language, best match first.

    The query is stemmed with the language's text-search configuration, as the pages of that
    language were when they were indexed. Returns lazy results (slice them to paginate); on
    PostgreSQL each page carries ``search_headline``, the passages that match.
    """
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return EmptySearchResults()
    backend = search_backend(language_code)
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gt=1)  # depth 1 is Wagtail's root, which is no page of the site
        .defer_streamfields()
        .specific()
    )
    if hasattr(backend, "search_headline"):  # PostgreSQL and SQLite; other databases go without
        pages = pages.annotate(search_headline=backend.search_headline(query))
    return backend.search(query, pages)


def search_backend(language_code):
    """The search backend for queries in one language: PostgreSQL's text-search configuration
    (``SEARCH_CONFIG``) or, on SQLite, the Snowball stemmer (``LANGUAGE``) of that language."""
    return get_search_backend(
        "default", SEARCH_CONFIG=search_config_for_language(language_code), LANGUAGE=language_code
    )


def summary_of(page):
    """The page's own short description: its summary, intro or search description."""
    for attribute in ("summary", "intro", "search_description"):
        value = getattr(page, attribute, "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def search_hits(results, request, query="", language_code=""):
    """The evaluated results of one page of search, as ``SearchHit``s.

    PostgreSQL marks the matched words itself (ts_headline); a backend that cannot
    (SQLite) marks them here, through its ``highlight``.
    """
    highlight = getattr(search_backend(language_code), "highlight", None)

    def headline(page):
        text = getattr(page, "search_headline", "")
        return highlight(text, query) if highlight is not None and text else text

    return [
        SearchHit(
            page=page,
            url=page.get_url(request),
            summary=summary_of(page),
            snippet=snippet_html(headline(page)),
        )
        for page in results
    ]
