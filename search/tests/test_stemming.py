"""The stems and highlighted passages of search on SQLite (search.stemming, search.highlighting)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.highlighting import highlighted, snippet_html
from search.stemming import own_text, query_stems, stem, with_stems


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("ru", ["паспорт", "паспорта", "паспортов", "Паспортами"]),
        ("tr", ["pasaport", "pasaportlar", "pasaportları", "PASAPORTLARI"]),
        ("en", ["passport", "passports", "Passports"]),
        # Turkmen: the light rule (no Snowball stemmer exists): case, possessive, plural.
        ("tk", ["pasport", "pasportlar", "pasportlary", "pasportlaryny", "pasportyň", "Pasportlaryň"]),
    ],
)
def test_the_forms_of_a_word_share_one_stem(language, forms):
    assert {stem(form, language) for form in forms} == {stem(forms[0], language)}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Türkmenistanda", "türkmenistan"),  # the locative, not the n of the name
        ("Türkmenistan", "türkmenistan"),
        ("ygtyýarnamasy", "ygtyýarnama"),  # a final vowel of the word stays
        ("ygtyýarnamany", "ygtyýarnama"),
        ("adamlara", "adam"),
        ("kitabynda", "kitab"),
        ("gol", "gol"),  # short words are left whole
    ],
)
def test_the_turkmen_rule_takes_off_endings_not_the_word(word, expected):
    assert stem(word, "tk") == expected


def test_turkish_capital_i_is_lowered_the_turkish_way():
    assert stem("İSTANBUL", "tr") == stem("istanbul", "tr")
    assert stem("IRMAK", "tr") == stem("ırmak", "tr")


def test_a_query_without_language_matches_the_word_in_every_language():
    assert {"паспорта", "паспорт"} <= query_stems("паспорта", None)


def test_the_snippet_marks_each_inflected_form_of_the_query_words():
    indexed = with_stems("Как продлить паспорт за рубежом? Продление паспортов в консульстве.", "ru")
    assert str(snippet_html(highlighted(indexed, "паспорта", "ru"))) == (
        "Как продлить <mark>паспорт</mark> за рубежом? Продление <mark>паспортов</mark> в консульстве."
    )


def test_a_long_text_gives_a_passage_around_the_first_match():
    text = " ".join(["söz"] * 40 + ["pasportlary"] + ["söz"] * 40)
    passage = highlighted(with_stems(text, "tk"), "pasport", "tk")
    assert passage.startswith("… ") and passage.endswith(" …")
    assert passage.count("\ue000pasportlary\ue001") == 1
    assert len(passage.split()) <= 20


def test_no_passage_when_only_the_title_matched():
    assert highlighted(with_stems("Solnce i dozhd.", "ru"), "паспорт", "ru") == ""


@given(st.text(max_size=200), st.sampled_from(["tk", "ru", "tr", "en", None]))
def test_the_indexed_text_gives_back_the_pages_own_text(text, language):
    assert own_text(with_stems(text, language)) == text


@given(st.text(max_size=120), st.text(max_size=30), st.sampled_from(["tk", "ru", "tr", "en"]))
def test_a_snippet_carries_no_markup_but_its_marks(text, query, language):
    html = str(snippet_html(highlighted(with_stems(text, language), query, language)))
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0
