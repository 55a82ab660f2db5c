"""Pages of a news list numbered from the oldest article, as the mirrors' static copy shows them.

The live site numbers its pages from the newest article (``?page=2`` is the second ten), so one new
article moves every article one place and changes every page. A static copy that must be updated
by re-exporting only what changed (issue 19) numbers them the other way: page 1 holds the oldest
``per_page`` articles, page 2 the next, and so on; only full pages are numbered, and the list's
first page (no number) holds the rest, the newest ``per_page`` to ``2 × per_page - 1``. A new
article then changes the first page, and once every ``per_page`` articles adds a numbered page and
changes the link of the one below it; the other numbered pages stay as they were.

``oldest_first_numbering()`` switches a request's rendering to this numbering (mirrors.export
renders the copy inside it); ``archive_page()`` is what the index shows and links to.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

_OLDEST_FIRST = ContextVar("news_oldest_first_numbering", default=False)


@contextmanager
def oldest_first_numbering():
    token = _OLDEST_FIRST.set(True)
    try:
        yield
    finally:
        _OLDEST_FIRST.reset(token)


def numbered_from_oldest() -> bool:
    return _OLDEST_FIRST.get()


def numbered_pages(total: int, per_page: int) -> int:
    """How many numbered (full, older) pages a list of ``total`` articles has."""
    return max(total // per_page - 1, 0)


@dataclass
class ArchivePage:
    """One page of a list in oldest-first numbering. ``number`` is None for the list's first page;
    ``newer`` is the number of the next newer page (None: the first page), ``older`` of the next
    older one (None: there is none); ``rows`` are the page's rows, newest first."""

    number: int | None
    rows: list
    newer: int | None
    older: int | None
    has_newer: bool


def archive_page(rows, number, per_page: int) -> ArchivePage | None:
    """Page ``number`` (None: the first page) of ``rows`` (a newest-first sequence), or None when
    there is no such page."""
    total = len(rows)
    numbered = numbered_pages(total, per_page)
    if number is None:
        return ArchivePage(None, list(rows[: total - numbered * per_page]), None, numbered or None, False)
    if not 1 <= number <= numbered:
        return None
    end = total - (number - 1) * per_page
    return ArchivePage(
        number,
        list(rows[end - per_page : end]),
        number + 1 if number < numbered else None,
        number - 1 if number > 1 else None,
        True,
    )
