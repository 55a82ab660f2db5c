"""Random and hostile query parameters on the search page (q, page, type, topic, stray ones).

Always a normal answer (200), at most ten results, and the query shown back only HTML-escaped
(in the search field, the page title and the "no pages match" message) or URL-encoded (in
the pagination links).
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.hostile_input import hostile_text

from .pages import text_page

pytestmark = pytest.mark.django_db

TITLES = {f"Passports {number:02}" for number in range(12)}


@pytest.fixture
def passports(site_tree):
    """Twelve English pages about passports and visas: two pages of results for "passport"."""
    for title in sorted(TITLES):
        text_page(site_tree.homes["en"], title, "Passports & visas <for> “citizens” abroad.")


@pytest.fixture
def unlimited(settings):
    """Hundreds of searches from one test client: the limit has its own tests (test_rate_limit.py)."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search:ip": (10**9, 60)}


def normalised(value: str) -> str:
    """The query as the view reads it: NUL removed, whitespace collapsed."""
    return " ".join(value.replace("\x00", "").split())


def last(value):
    return value[-1] if isinstance(value, list) else value


KNOWN_QUERIES = ["passport", "passports visas", "visa", "citizens abroad", "паспорт", "xyzzy", ""]
query_value = st.one_of(st.sampled_from(KNOWN_QUERIES), st.sampled_from(KNOWN_QUERIES), hostile_text)
page_value = st.one_of(st.sampled_from(["1", "2", "3", "0", "-1", "99", "x", "2.5", " 2 "]), hostile_text)
other_value = st.one_of(st.sampled_from(["news", "statements", "pasportlar"]), hostile_text)
search_params = st.fixed_dictionaries(
    {"q": st.one_of(query_value, st.lists(query_value, min_size=2, max_size=3))},
    optional={
        "page": st.one_of(page_value, st.lists(page_value, min_size=2, max_size=3)),
        "type": other_value,
        "topic": other_value,
        "utm_source": other_value,
    },
)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=search_params)
def test_hostile_search_parameters_answer_normally_and_echo_the_query_escaped(
    client, passports, unlimited, params
):
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    page = BeautifulSoup(html, "html.parser")
    query = normalised(last(params.get("q", "")))

    field = re.search(r'<input class="search-form__input"[^>]*>', html).group(0)
    shown = re.search(r'\bvalue="([^"]*)"', field).group(1)
    assert shown == escape(query)

    message = page.find(class_="search__message")
    results = page.find("ol", class_="search-results")
    titles = [h2.get_text(strip=True) for h2 in results.find_all("h2")] if results else []
    if not query:
        event("empty")
        assert message is not None and not titles
    elif len(query) > 200:
        event("too long")
        assert "at most 200 characters" in page.find(id="search-error").get_text()
        assert not titles
    else:
        assert f"<title>Search results for “{escape(query)}”" in html
        if titles:
            event("results")
            assert 1 <= len(titles) <= 10 and set(titles) <= TITLES
        else:
            event("no results")
            assert f"No pages in this language match “{escape(query)}”." in html
    for link in re.findall(r'<a href="(\?q=[^"]*)"', html):
        assert re.fullmatch(r"\?q=[A-Za-z0-9%._~-]*&amp;page=\d+", link), link


MALFORMED_QUERY_STRINGS = [
    "q=%ZZ",
    "q=%",
    "q=%FF%FE%00",
    "q=%C0%AF&page=%C0%AF",
    "q=passport&page=" + "9" * 5000,
    "q=passport&page=%D9%A2",
    "q=passport&q=%3Cscript%3E",
    "q=" + "%E2%80%AE" * 70,
    ";;;&&&==",
    "q",
    "q=passport:*&page=2",
]


def test_malformed_query_strings_answer_normally(client, passports, unlimited):
    for query_string in MALFORMED_QUERY_STRINGS:
        response = client.get(f"/en/search/?{query_string}")
        assert response.status_code == 200, query_string
        assert "<script>" not in response.content.decode(), query_string


ESCAPING_PAYLOADS = [
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "x' onfocus='alert(1)",
    "&lt;b&gt; &amp;",
]


def test_a_query_without_results_is_shown_escaped_in_the_field_the_title_and_the_message(client, site_tree):
    for typed in ESCAPING_PAYLOADS:
        html = client.get("/en/search/", {"q": typed}).content.decode()
        assert typed not in html, typed
        assert f'value="{escape(typed)}"' in html
        assert f"<title>Search results for “{escape(typed)}”" in html
        assert f"No pages in this language match “{escape(typed)}”." in html
