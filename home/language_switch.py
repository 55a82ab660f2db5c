"""What of a list's query string follows the visitor to another language (the language switcher).

A view puts ``language_query`` into its template context: ``{language code: {parameter: value}}``,
built from the parameters it knows and has checked (search words, news filters, the page shown),
translated where a value differs by language (a topic's slug). Nothing else of the query string
is ever carried over.
"""

from django.conf import settings


def shown_page_number(number):
    """The number of the page of a list being shown, for the switcher; None for the first.
    Carried as the list shows it (a malformed or too large number has already become the
    first or the last page), never as it was typed. Another language's list may be shorter:
    the lists show their last page for a number past the end."""
    return str(number) if number and number > 1 else None


def same_in_every_language(params):
    """``language_query`` for parameters whose values mean the same in every language."""
    return {code: dict(params) for code, _name in settings.LANGUAGES}
