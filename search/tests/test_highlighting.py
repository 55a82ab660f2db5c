"""Highlighted snippets carry no markup but the <mark> tags of the search."""

from search.highlighting import HIGHLIGHT_START as START
from search.highlighting import HIGHLIGHT_STOP as STOP
from search.highlighting import snippet_html


def test_matched_words_are_marked():
    assert snippet_html(f"Выдача {START}паспортов{STOP} и {START}паспорта{STOP}") == (
        "Выдача <mark>паспортов</mark> и <mark>паспорта</mark>"
    )


def test_markup_in_the_page_text_is_escaped():
    html = snippet_html(f'<script>alert("x")</script> {START}paspört{STOP} & <b onmouseover=x>')
    assert html == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>paspört</mark> &amp; &lt;b onmouseover=x&gt;"
    )


def test_unpaired_markers_from_the_page_text_are_dropped():
    assert snippet_html(f"a {START}b {START}c{STOP} d{STOP} e{START}") == "a b <mark>c</mark> d e"


def test_a_headline_without_a_marked_word_gives_no_snippet():
    assert snippet_html("The first words of the page") == ""
    assert snippet_html("") == ""
    assert snippet_html(None) == ""
