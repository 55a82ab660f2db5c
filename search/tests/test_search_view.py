"""The search page, as a visitor's browser sees it over HTTP."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsIndexPage

from .pages import text_page

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def result_titles(response):
    results = soup_of(response).find("ol", class_="search-results")
    return [h2.get_text(strip=True) for h2 in results.find_all("h2")] if results else []


@pytest.fixture
def documents(site_tree):
    """Pages about documents in Russian and Turkmen (each also quoting the other language)."""
    return {
        "ru": text_page(
            site_tree.homes["ru"],
            "Паспорта",
            "Продление паспортов за рубежом. По-туркменски: ýaşaýyş ygtyýarnama.",
            intro="Как продлить паспорт.",
        ),
        "tk": text_page(
            site_tree.homes["tk"],
            "Pasportlar",
            "Daşary ýurtda ýaşaýyş ygtyýarnama almak we raýatlaryň hukuklaryň goragy. паспорта",
            intro="Resminamalar barada.",
        ),
    }


@pytest.mark.parametrize("query", ["паспорт", "паспорта", "паспортов", "ПАСПОРТОВ"])
def test_any_form_of_a_russian_word_finds_the_russian_page(client, documents, query):
    response = client.get("/ru/search/", {"q": query})
    assert response.status_code == 200
    assert result_titles(response) == ["Паспорта"]


def test_a_russian_page_is_found_by_forms_that_only_share_the_stem(client, site_tree):
    text_page(site_tree.homes["ru"], "Справка", "Нам нужен ваш паспорт.")
    assert result_titles(client.get("/ru/search/", {"q": "паспортов"})) == ["Справка"]


@pytest.mark.parametrize("query", ["ýaşaýyş", "ygtyýarnama", "hukuklaryň", "ÝAŞAÝYŞ", "Hukuklaryň"])
def test_turkmen_words_find_the_turkmen_page_in_any_case(client, documents, query):
    assert result_titles(client.get("/tk/search/", {"q": query})) == ["Pasportlar"]


def test_results_are_only_in_the_visitors_language(client, documents):
    # Both pages contain "ýaşaýyş" and a form of "паспорт"; each language sees its own page.
    assert result_titles(client.get("/tk/search/", {"q": "ýaşaýyş"})) == ["Pasportlar"]
    assert result_titles(client.get("/ru/search/", {"q": "ýaşaýyş"})) == ["Паспорта"]
    assert result_titles(client.get("/tk/search/", {"q": "паспорта"})) == ["Pasportlar"]
    assert result_titles(client.get("/en/search/", {"q": "ýaşaýyş"})) == []


def test_turkish_and_english_words_are_stemmed(client, site_tree):
    text_page(site_tree.homes["tr"], "Belgeler", "Pasaportları yenilemek.")
    text_page(site_tree.homes["en"], "Documents", "Renewing passports.")
    assert result_titles(client.get("/tr/search/", {"q": "pasaport"})) == ["Belgeler"]
    assert result_titles(client.get("/en/search/", {"q": "passport renewal"})) == ["Documents"]


def test_unpublished_pages_never_appear(client, site_tree):
    text_page(site_tree.homes["ru"], "Черновик", "Паспорта для черновика.", live=False)
    withdrawn = text_page(site_tree.homes["ru"], "Снятая", "Паспорта для снятой страницы.")
    withdrawn.unpublish()
    assert result_titles(client.get("/ru/search/", {"q": "паспорт"})) == []


def test_a_result_links_to_the_page_and_shows_its_intro_and_a_highlighted_snippet(client, documents):
    results = soup_of(client.get("/ru/search/", {"q": "паспорт"})).find("ol", class_="search-results")
    (result,) = results.find_all("li")
    assert result.h2.a["href"] == documents["ru"].url
    assert result.find(class_="search-result__summary").get_text() == "Как продлить паспорт."
    snippet = result.find(class_="search-result__snippet")
    assert [mark.get_text() for mark in snippet.find_all("mark")] == ["паспорт", "паспортов"]


def test_the_snippet_escapes_markup_from_the_page_text(client, site_tree):
    text_page(
        site_tree.homes["en"],
        "Markup <script>alert(1)</script>",
        'Passports <script>alert("owned")</script> and <img src=x onerror=alert(2)> passports.',
        intro="<b>Intro</b> <script>alert(3)</script>",
    )
    response = client.get("/en/search/", {"q": "passport"})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>Intro" not in html
    # ts_headline drops what its parser takes for tags; what it keeps is escaped.
    snippet = soup_of(response).find(class_="search-result__snippet")
    assert "&lt;img src=x onerror=alert(2)&gt; <mark>passports</mark>" in snippet.decode_contents()
    assert [tag.name for tag in snippet.find_all(True)] == ["mark", "mark"]
    assert [mark.get_text() for mark in snippet.find_all("mark")] == ["Passports", "passports"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the title
    assert "&lt;b&gt;Intro&lt;/b&gt; &lt;script&gt;alert(3)&lt;/script&gt;" in html  # the intro


def test_the_query_is_escaped_everywhere_it_is_shown(client, documents):
    response = client.get("/en/search/", {"q": '"><script>alert(1)</script>'})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    assert soup_of(response).find("input", id="search-query")["value"] == '"><script>alert(1)</script>'


@pytest.mark.parametrize(
    "query",
    [
        "'",
        "\\",
        "a & b | !c",
        ":*",
        "паспорт:*",
        "(паспорт",
        "--",
        "'); DROP TABLE x; --",
        "и",
        "паспорт\x00",
        "\x00",
        "\ue000паспорт\ue001",
    ],
)
def test_odd_queries_answer_normally(client, documents, query):
    assert client.get("/ru/search/", {"q": query}).status_code == 200


def without_form_tokens(response):
    return re.sub(rb'name="form_token" value="[^"]*"', b"", response.content)


def test_the_empty_query_shows_a_prompt_and_the_form(client, site_tree):
    response = client.get("/en/search/")
    assert response.status_code == 200
    page = soup_of(response)
    form = page.find("main").find("form", attrs={"role": "search"})
    assert form["method"] == "get"
    assert form["action"] == "/en/search/"
    field = form.find("input", id="search-query")
    assert page.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert "Type one or more words" in page.find(class_="search__message").get_text()
    assert page.find("ol") is None
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # The same page but for the footer forms' timing tokens, which name the second of rendering.
    assert without_form_tokens(client.get("/en/search/", {"q": "   "})) == without_form_tokens(response)


def test_no_results_suggest_checking_spelling_fewer_words_and_the_news(client, site_tree):
    news = NewsIndexPage(title="News", slug="news")
    site_tree.homes["en"].add_child(instance=news)
    response = client.get("/en/search/", {"q": "xyzzy"})
    assert response.status_code == 200
    message = soup_of(response).find(class_="search__message")
    text = message.get_text(" ", strip=True)
    assert "No pages in this language match “xyzzy”" in text
    assert "spelling" in text
    assert "fewer words" in text
    assert message.find("a", href="/en/news/").get_text(strip=True) == "Browse the news"
    assert soup_of(response).find("ol", class_="search-results") is None


def test_a_query_over_200_characters_is_refused_with_a_clear_message(client, documents):
    response = client.get("/en/search/", {"q": "a" * 201})
    assert response.status_code == 200
    page = soup_of(response)
    assert "at most 200 characters" in page.find(id="search-error").get_text()
    assert page.find("input", id="search-query")["aria-invalid"] == "true"
    assert page.find("ol", class_="search-results") is None
    # 200 characters are searched.
    response = client.get("/ru/search/", {"q": ("паспорт " * 25)[:200]})
    assert soup_of(response).find(id="search-error") is None
    assert result_titles(response) == ["Паспорта"]


@pytest.fixture
def twenty_five_matches(site_tree):
    return [
        text_page(site_tree.homes["ru"], f"Страница {number:02}", f"Паспорта, страница {number}.")
        for number in range(25)
    ]


def page_links(response):
    """The numbered links of the pagination: {href: is the current page}."""
    pagination = soup_of(response).find("nav", class_="pagination")
    return {
        a["href"]: a.get("aria-current") == "page"
        for a in pagination.find_all("a")
        if a.get_text(strip=True)[-1].isdigit()
    }


def test_results_come_ten_to_a_page_with_links_to_every_page(client, twenty_five_matches):
    passport = "%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82"
    first = client.get("/ru/search/", {"q": "паспорт"})
    assert len(result_titles(first)) == 10
    assert page_links(first) == {
        f"?q={passport}&page=1": True,
        f"?q={passport}&page=2": False,
        f"?q={passport}&page=3": False,
    }
    assert soup_of(first).find("a", rel="next")["href"] == f"?q={passport}&page=2"

    third = client.get("/ru/search/", {"q": "паспорт", "page": 3})
    assert len(result_titles(third)) == 5
    assert soup_of(third).find("ol", class_="search-results")["start"] == "21"
    assert page_links(third)[f"?q={passport}&page=3"] is True
    assert soup_of(third).find("a", rel="prev")["href"] == f"?q={passport}&page=2"
    assert soup_of(third).find("a", rel="next") is None

    every_title = [
        title
        for number in (1, 2, 3)
        for title in result_titles(client.get("/ru/search/", {"q": "паспорт", "page": number}))
    ]
    assert sorted(every_title) == sorted(page.title for page in twenty_five_matches)


def test_the_query_is_kept_safely_in_the_page_links(client, site_tree):
    for number in range(11):
        text_page(site_tree.homes["en"], f"Page {number}", "Passports & visas/permits.")
    response = client.get("/en/search/", {"q": "passports & visas/permits"})
    assert "?q=passports%20%26%20visas%2Fpermits&page=2" in page_links(response)


def test_a_page_number_past_the_end_shows_the_last_page_and_a_bad_one_the_first(client, twenty_five_matches):
    past_the_end = client.get("/ru/search/", {"q": "паспорт", "page": 99})
    assert past_the_end.status_code == 200
    assert result_titles(past_the_end) == result_titles(
        client.get("/ru/search/", {"q": "паспорт", "page": 3})
    )
    malformed = client.get("/ru/search/", {"q": "паспорт", "page": "x"})
    assert result_titles(malformed) == result_titles(client.get("/ru/search/", {"q": "паспорт"}))


# Locale, view restrictions (public()), count, results, specific pages of the one page type.
QUERIES_OF_A_SEARCH = 5


@pytest.mark.parametrize("matching_pages", [5, 25])
def test_a_search_takes_the_same_number_of_queries_however_many_pages_match(
    client, site_tree, matching_pages, django_assert_num_queries
):
    for number in range(matching_pages):
        text_page(site_tree.homes["ru"], f"Страница {number}", f"Паспорта, страница {number}.")
    client.get("/ru/search/", {"q": "справка"})  # warms the per-process caches (site, content types)
    # The layout (header, menu, footer) queries as much as on the search page without a query.
    with CaptureQueriesContext(connection) as layout:
        client.get("/ru/search/")
    # At the time of writing: 4 for the layout (site, organisation details, language home,
    # menu) + 5 for the search = 9 queries, for 5 matching pages as for 25.

    with django_assert_num_queries(len(layout) + QUERIES_OF_A_SEARCH):
        response = client.get("/ru/search/", {"q": "паспорт"})
    assert len(result_titles(response)) == min(matching_pages, 10)


@pytest.mark.parametrize(
    "params", [{}, {"q": "паспорт"}, {"q": "xyzzy"}, {"q": "a" * 201}, {"q": "паспорт", "page": 2}]
)
def test_the_search_page_sets_no_cookie(client, documents, params):
    response = client.get("/ru/search/", params)
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
