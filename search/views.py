"""The search page: a GET form and the results, ten to a page."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from home.language_switch import same_in_every_language, shown_page_number
from news.models import NewsIndexPage
from safety.guards import client_ip
from safety.ratelimits import over_limit
from search.services import MAX_QUERY_LENGTH, search_hits, search_pages

RESULTS_PER_PAGE = 10


def search(request):
    """Search the pages of the visitor's language for the words in ``q``.

    A page number past the end shows the last page and a malformed one the first
    (``Paginator.get_page``): links shared before pages were unpublished keep working.
    Sets no cookie and reads no session, so the answer can be cached like any public page.
    Each search that runs counts against the per-IP limit ``search:ip`` (full-text search is the
    most expensive read of the site); past it the visitor gets the translated 429 page with
    Retry-After. The counter lives in the cache, so the limit adds no database query.
    """
    # Whitespace collapsed; NUL removed (PostgreSQL refuses it in text).
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())
    language_code = get_language()
    context = {"query": query, "max_query_length": MAX_QUERY_LENGTH, "query_too_long": False}

    if len(query) > MAX_QUERY_LENGTH:
        context["query_too_long"] = True
    elif query:
        if limited := over_limit(request, "search:ip", client_ip(request)):
            return limited
        paginator = Paginator(search_pages(query, language_code), RESULTS_PER_PAGE)
        results_page = paginator.get_page(request.GET.get("page"))
        # The search words and the page shown follow a switch of language (nothing else).
        context["language_query"] = same_in_every_language(
            {"q": query, "page": shown_page_number(results_page.number)}
        )
        context.update(
            paginator=paginator,
            results_page=results_page,
            page_range=paginator.get_elided_page_range(results_page.number, on_each_side=2, on_ends=1),
            hits=search_hits(results_page.object_list, request, query, language_code),
        )
        if not paginator.count:
            context["news_index"] = (
                NewsIndexPage.objects.live().filter(locale__language_code=language_code).first()
            )
    return TemplateResponse(request, "search/search.html", context)
