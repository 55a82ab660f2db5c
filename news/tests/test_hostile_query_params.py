"""Random and hostile query parameters on the news index (type, topic, page, and stray ones).

The index must always answer 200 with the articles the valid part of the query asks for,
never echo an unknown filter value back into the page, and keep its links to known values.
"""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from news.factories import NewsIndexPageFactory, NewsPageFactory, StatementPageFactory, TopicFactory
from tests.hostile_input import hostile_text

pytestmark = pytest.mark.django_db

PER_PAGE = 10
INDEX = "/tk/news/"


@pytest.fixture
def archive(site_tree):
    """14 articles (every third a statement) under the Turkmen news index, some with topics."""
    passports = TopicFactory(name="Pasportlar", slug="pasportlar")
    deportation = TopicFactory(name="Deportasiýa", slug="deportasiya")
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    articles = []
    for number in range(14):
        topics = [passports] if number % 2 == 0 else ([deportation] if number % 5 == 0 else [])
        factory = StatementPageFactory if number % 3 == 0 else NewsPageFactory
        page = factory(
            parent=index,
            title=f"Makala {number:02}",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
            topics=topics,
        )
        articles.append(
            {"title": page.title, "kind": "statements" if number % 3 == 0 else "news", "topics": topics}
        )
    articles.reverse()  # newest first, as the index lists them
    return {"articles": articles, "topics": {"pasportlar": passports, "deportasiya": deportation}}


def expected(archive, params):
    """The titles, page number, type and topic the index must show for these parameters (the
    last of repeated ones counts)."""

    def last(name):
        value = params.get(name)
        return value[-1] if isinstance(value, list) else value

    kind, slug, page = last("type"), last("topic"), last("page")
    kind = kind if kind in ("news", "statements") else None
    slug = slug if slug in archive["topics"] else None
    rows = archive["articles"]
    if kind:
        rows = [row for row in rows if row["kind"] == kind]
    if slug:
        rows = [row for row in rows if archive["topics"][slug] in row["topics"]]
    pages = max(1, -(-len(rows) // PER_PAGE))
    try:
        number = 1 if page is None else int(page)  # Django's Paginator reads the number with int()
    except ValueError:
        number = 1
    if not 1 <= number <= pages:
        number = pages
    return [row["title"] for row in rows[(number - 1) * PER_PAGE : number * PER_PAGE]], number, kind, slug


def card_titles(html):
    return [h.get_text(strip=True) for h in BeautifulSoup(html, "html.parser").select(".cards .card__title")]


KNOWN_VALUES = ["news", "statements", "pasportlar", "deportasiya", "1", "2", "3", "99", "0", "-1", " 2 "]
param_value = st.one_of(st.sampled_from(KNOWN_VALUES), st.sampled_from(KNOWN_VALUES), hostile_text)
query_params = st.dictionaries(
    st.sampled_from(["type", "topic", "page", "q", "utm_source", "type[]"]),
    st.one_of(param_value, st.lists(param_value, min_size=2, max_size=3)),
    max_size=4,
)


def without_form_token(html):
    """The page without the footer form's timing token (it changes every second)."""
    return re.sub(r'name="form_token" value="[^"]*"', "", html)


@pytest.fixture
def canonical_pages(client):
    """The index as the known filters alone show it, fetched once per combination."""
    pages = {}

    def page_for(kind, slug, number):
        key = (kind, slug, number)
        if key not in pages:
            params = {"type": kind, "topic": slug, "page": number if number > 1 else None}
            response = client.get(INDEX, {name: value for name, value in params.items() if value})
            pages[key] = without_form_token(response.content.decode())
        return pages[key]

    return page_for


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=query_params)
def test_hostile_query_parameters_give_the_right_articles_and_are_never_echoed(
    client, archive, canonical_pages, params
):
    response = client.get(INDEX, params)
    assert response.status_code == 200
    html = response.content.decode()
    titles, number, kind, slug = expected(archive, params)
    event(f"{len(titles)} articles shown")
    assert card_titles(html) == titles
    current = re.search(r'<a href="\?[^"]*page=(\d+)" aria-current="page">', html)
    assert (int(current.group(1)) if current else 1) == number
    # Every link the page builds from the query holds known values only.
    for link in re.findall(r'href="\?([^"]*)"', html):
        for pair in link.replace("&amp;", "&").split("&"):
            name, _sep, value = pair.partition("=")
            assert name in ("type", "topic", "page"), link
            if name == "type":
                assert value in ("news", "statements"), link
            elif name == "topic":
                assert value in archive["topics"], link
            else:
                assert value.isdigit(), link
    # Unknown values change nothing: the page is the one the known filters alone give, so
    # nothing that was typed is echoed, escaped or not.
    assert without_form_token(html) == canonical_pages(kind, slug, number)


MALFORMED_QUERY_STRINGS = [
    "type=%ZZ&topic=%",
    "page=%FF%FE&type=%C0%AF",
    "topic=%00&page=%00",
    "page=1e3",
    "page=" + "9" * 5000,
    "page=%D9%A2",  # an Arabic-Indic two: Python's int() reads it as 2
    "type=news&type=statements&type=%3Cscript%3E",
    ";;;&&&==",
    "type",
    "topic=pasportlar%00",
    "page=2.0",
]


def test_malformed_query_strings_answer_normally_and_a_script_in_the_filters_is_not_shown(client, archive):
    for query_string in MALFORMED_QUERY_STRINGS:
        response = client.get(f"{INDEX}?{query_string}")
        assert response.status_code == 200, query_string
        html = response.content.decode()
        assert "<script>" not in html, query_string
        assert 1 <= len(card_titles(html)) <= PER_PAGE, query_string

    payload = '"><script>alert(1)</script>'
    response = client.get(INDEX, {"topic": payload, "type": payload, "page": payload})
    html = response.content.decode()
    assert payload not in html and escape(payload) not in html
    assert card_titles(html) == [row["title"] for row in archive["articles"][:PER_PAGE]]
