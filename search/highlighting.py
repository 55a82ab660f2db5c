"""Highlighted snippets: PostgreSQL's ts_headline output turned into safe HTML."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

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
