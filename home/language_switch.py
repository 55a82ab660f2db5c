"""What of a list's query string follows the visitor to another language (the language switcher).

A view puts ``language_query`` into its template context: ``{language code: {parameter: value}}``,
built from the parameters it knows and has checked (search words, news filters, a page number),
translated where a value differs by language (a topic's slug). Nothing else of the query string
is ever carried over.
"""

from django.conf import settings


def carried_page_number(request):
    """The ``page`` parameter when it is a page number (1–9999), else None. Another language's
    list may be shorter: the lists show their last page for a number past the end."""
    value = request.GET.get("page", "")
    return value if value.isascii() and value.isdigit() and 0 < int(value) < 10_000 else None


def same_in_every_language(params):
    """``language_query`` for parameters whose values mean the same in every language."""
    return {code: dict(params) for code, _name in settings.LANGUAGES}
