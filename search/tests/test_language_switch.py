"""The language switcher on search results keeps the search words and the page, nothing else."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from .pages import text_page

pytestmark = pytest.mark.django_db


def switcher_links(client, url):
    response = client.get(url)
    assert response.status_code == 200
    switcher = BeautifulSoup(response.content, "html.parser").find("nav", class_="language-switcher")
    links = {}
    for link in switcher.find_all("a"):
        parts = urlsplit(link["href"])
        links[link["hreflang"]] = (parts.path, parse_qs(parts.query))
    return links


def test_switching_language_on_search_results_keeps_the_words_and_the_page(client, site_tree):
    text_page(site_tree.homes["ru"], "Паспорта", "Продление паспортов.")
    links = switcher_links(client, "/ru/search/?q=паспорт+продление&page=2&utm_source=x&evil=<b>")
    for code in ("tk", "ru", "tr", "en"):
        assert links[code] == (f"/{code}/search/", {"q": ["паспорт продление"], "page": ["2"]})


def test_a_page_parameter_that_is_no_page_number_is_not_carried_over(client, site_tree):
    links = switcher_links(client, "/tk/search/?q=pasport&page=-1%3Cscript%3E")
    assert links["ru"] == ("/ru/search/", {"q": ["pasport"]})
