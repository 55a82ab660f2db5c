"""Building pages with known text for the search tests."""

from django.utils.html import escape
from wagtail.rich_text import RichText

from home.factories import StandardPageFactory


def text_page(parent, title, text, *, intro="", live=True):
    """A StandardPage under ``parent`` whose body is one paragraph of ``text`` (plain text)."""
    return StandardPageFactory(
        parent=parent,
        title=title,
        intro=intro,
        live=live,
        body=[("paragraph", RichText(f"<p>{escape(text)}</p>"))],
    )
