"""What a post says: the title in bold, the summary, the public link; every text escaped; within
Telegram's limits, shortening the summary and never the link."""

import html
import re

import pytest

from telegram.services import CAPTION_LIMIT, MESSAGE_LIMIT, format_post, telegram_length

LINK = "https://hhd.example/tk/news/pasport-amnistiýasy/"


def visible_text(post):
    """The text a reader sees: Telegram's HTML without its tags, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", post))


def test_turkmen_and_russian_texts_with_quotes_angle_brackets_and_ampersands_are_escaped():
    title = 'Türkmenistanyň "raýatlary" <we> Türkiýe & ş.m.'
    summary = "Паспорта «не выдают» <b>никому</b> & 'никогда'"
    post = format_post(title, summary, LINK, limit=MESSAGE_LIMIT)
    assert post == (
        "<b>Türkmenistanyň &quot;raýatlary&quot; &lt;we&gt; Türkiýe &amp; ş.m.</b>\n\n"
        "Паспорта «не выдают» &lt;b&gt;никому&lt;/b&gt; &amp; &#x27;никогда&#x27;\n\n"
        f'<a href="{LINK}">{LINK}</a>'
    )
    # Only the tags the post itself writes: the reader's text cannot add or close one.
    assert re.findall(r"<(/?\w+)", post) == ["b", "/b", "a", "/a"]
    assert visible_text(post).startswith(title)


def test_a_link_with_a_quote_cannot_break_out_of_its_attribute():
    post = format_post("Habar", "", 'https://hhd.example/tk/a"onclick="x/', limit=MESSAGE_LIMIT)
    assert 'href="https://hhd.example/tk/a&quot;onclick=&quot;x/"' in post


@pytest.mark.parametrize("limit", [CAPTION_LIMIT, MESSAGE_LIMIT])
def test_a_long_summary_is_shortened_to_the_limit_and_the_link_stays_whole(limit):
    summary = "Migrantlaryň hukuklary & pasportlar barada <möhüm> habar. " * 200
    post = format_post("Pasport amnistiýasy", summary, LINK, limit=limit)
    assert telegram_length(post) <= limit
    assert telegram_length(post) > limit - 80  # the room is used, not thrown away
    assert post.endswith(f'\n\n<a href="{LINK}">{LINK}</a>')
    assert post.startswith("<b>Pasport amnistiýasy</b>\n\n")
    summary_part = post.split("\n\n")[1]
    assert summary_part.endswith("…")
    # Cut between entities, never inside one.
    assert not re.search(r"&[#\w]*…", summary_part)


def test_the_limit_counts_as_telegram_does_in_utf16_units():
    summary = "😀" * 2000  # two UTF-16 units each
    post = format_post("Habar", summary, LINK, limit=CAPTION_LIMIT)
    assert telegram_length(post) <= CAPTION_LIMIT
    assert len(post) < CAPTION_LIMIT  # by code points it would have looked shorter


def test_a_summary_that_fits_is_not_touched():
    post = format_post("Habar", "Gysga mazmun.", LINK, limit=CAPTION_LIMIT)
    assert post.split("\n\n")[1] == "Gysga mazmun."


def test_a_post_without_summary_has_the_title_and_the_link():
    assert (
        format_post("Habar", "  ", LINK, limit=CAPTION_LIMIT)
        == f'<b>Habar</b>\n\n<a href="{LINK}">{LINK}</a>'
    )
