"""The language switcher on search results keeps the search words and the page, nothing else."""

import pytest

from tests.fixtures import switcher_links

from .pages import text_page

pytestmark = pytest.mark.django_db


def test_switching_language_on_search_results_keeps_the_words_and_the_page(client, site_tree):
    for number in range(11):  # two pages of results
        text_page(site_tree.homes["ru"], f"Паспорта {number}", "Продление паспортов.")
    links = switcher_links(client, "/ru/search/?q=паспорт+продление&page=2&utm_source=x&evil=<b>")
    for code in ("tk", "ru", "tr", "en"):
        assert links[code] == (f"/{code}/search/", {"q": ["паспорт продление"], "page": ["2"]})


def test_the_page_carried_over_is_the_one_shown_not_what_was_typed(client, site_tree):
    text_page(site_tree.homes["tk"], "Pasport", "Pasport almak.")
    for typed in ("-1%3Cscript%3E", "99", "1", "%D9%A2"):
        links = switcher_links(client, f"/tk/search/?q=pasport&page={typed}")
        assert links["ru"] == ("/ru/search/", {"q": ["pasport"]}), typed
