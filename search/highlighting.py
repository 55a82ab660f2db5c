"""Highlighted snippets: PostgreSQL's ts_headline output turned into safe HTML."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.stemming import WORD, own_text, query_stems, stem, words

# ts_headline marks matched words with these two private-use characters. The snippet is
# escaped as a whole and only then are the markers turned into <mark> tags, so no markup
# from the page's text can reach the browser.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_STOP = "\ue001"
_MARKED = re.compile(f"{HIGHLIGHT_START}([^{HIGHLIGHT_START}{HIGHLIGHT_STOP}]*){HIGHLIGHT_STOP}")


def snippet_html(headline):
    """The ts_headline text as safe HTML: escaped, with <mark> around the matched words only.

    Empty when no word is marked (the match was in the title): the summary then says enough.
    """
    if not headline or HIGHLIGHT_START not in headline:
        return ""
    escaped = escape(headline)  # leaves the two marker characters alone
    marked = _MARKED.sub(r"<mark>\1</mark>", escaped)
    # Unpaired markers (from the page's own text) are dropped, never turned into tags.
    unpaired = marked.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, "")
    # Escaped above; the only tags are ours (bandit B308/B703 justified).
    return mark_safe(unpaired)  # noqa: S308 # nosec B308, B703


SNIPPET_WORDS = 18


def highlighted(indexed, query, language):
    """For databases without ts_headline (SQLite): a passage of the indexed text around its
    first word that matches ``query`` (by stem, search.stemming), each matched word between
    HIGHLIGHT_START and HIGHLIGHT_STOP, ready for ``snippet_html``; "" when no word matches
    (the match was in the title)."""
    wanted = set().union(*(query_stems(word, language) for word in words(query)))

    def matches(word):
        return stem(word, language) in wanted

    tokens = own_text(indexed).split()
    first = next((index for index, token in enumerate(tokens) if any(map(matches, words(token)))), None)
    if first is None:
        return ""
    start = max(0, first - SNIPPET_WORDS // 3)
    passage = " ".join(tokens[start : start + SNIPPET_WORDS])
    marked = WORD.sub(
        lambda found: f"{HIGHLIGHT_START}{found[0]}{HIGHLIGHT_STOP}" if matches(found[0]) else found[0],
        passage,
    )
    return ("… " if start else "") + marked + (" …" if start + SNIPPET_WORDS < len(tokens) else "")
