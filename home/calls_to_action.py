"""The calls to action on the home page's first screen (sign the current appeal, ask for help,
donate), registered by the apps that own those pages.

Home knows no feature app: each app says in its ``ready()`` how to find its live page in a
language and what the call says (``offer``), and the home page asks this registry. The pages are
found in the visitor's language, never linked by a fixed address, and the home page caches the
result per generation with its other fragments (``{% fragment "home-actions" %}``).
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import PageViewRestriction

_offers = []


@dataclass(frozen=True)
class CallToAction:
    """One call on the home page: what it says and the page it leads to."""

    kind: str
    label: str
    page: object


def offer(kind: str, label, pages_of, position: int) -> None:
    """Offer a call on the home page: ``label`` (translatable) leading to the first of
    ``pages_of(locale_id)``, a queryset of that language's live pages in order (no page: the call
    is left out). Calls are shown by ``position``, the smallest first (the most prominent)."""
    if kind not in {existing for _position, existing, _label, _pages in _offers}:
        _offers.append((position, kind, label, pages_of))
        _offers.sort(key=lambda each: each[0])


def calls_to_action(locale_id) -> list[CallToAction]:
    """The calls whose page is live and public in the language, in order: one query for the
    view restrictions (a private page is never linked), then one for each call."""
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    private = Q(pk__in=[])
    for path in restricted:
        private |= Q(path__startswith=path)
    calls = []
    for _position, kind, label, pages_of in _offers:
        page = pages_of(locale_id).exclude(private).first()
        if page is not None:
            calls.append(CallToAction(kind, str(label), page))
    return calls
