"""News index, articles, statements and the home page's news, as a visitor gets them."""

import datetime

import pytest
from bs4 import BeautifulSoup

from home.factories import translate_page
from news.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StatementCosignerFactory,
    StatementPageFactory,
    TopicFactory,
    translate_topic,
)

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def card_titles(response):
    return [h.get_text(strip=True) for h in soup_of(response).select(".cards .card__title")]


@pytest.fixture
def news(site_tree):
    """News indexes in tk and ru, a passports topic in both, and a few items in each language."""
    index_tk = NewsIndexPageFactory(parent=site_tree.homes["tk"], title="Habarlar", slug="news")
    index_ru = translate_page(index_tk, "ru", title="Новости")
    passports_tk = TopicFactory(name="Pasportlar", slug="pasportlar")
    passports_ru = translate_topic(passports_tk, "ru", name="Паспорта", slug="pasporta")
    deportation_tk = TopicFactory(name="Deportasiýa", slug="deportasiya")
    old = NewsPageFactory(parent=index_tk, title="Köne habar", date=datetime.date(2025, 1, 5))
    statement = StatementPageFactory(
        parent=index_tk, title="Pasport amnistiýasy", date=datetime.date(2025, 3, 1), topics=[passports_tk]
    )
    newest = NewsPageFactory(
        parent=index_tk, title="Täze habar", date=datetime.date(2025, 4, 1), topics=[deportation_tk]
    )
    statement_ru = translate_page(statement, "ru", title="Паспортная амнистия")  # keeps the tk topic
    russian = NewsPageFactory(
        parent=index_ru, title="Русская новость", date=datetime.date(2025, 2, 1), topics=[passports_ru]
    )
    return {
        "index_tk": index_tk,
        "index_ru": index_ru,
        "passports_ru": passports_ru,
        "old": old,
        "statement": statement,
        "newest": newest,
        "statement_ru": statement_ru,
        "russian": russian,
    }


def test_news_index_lists_news_and_statements_of_its_language_newest_first(client, news):
    assert card_titles(client.get("/tk/news/")) == ["Täze habar", "Pasport amnistiýasy", "Köne habar"]
    assert card_titles(client.get("/ru/news/")) == ["Паспортная амнистия", "Русская новость"]


def test_news_index_filters_by_kind(client, news):
    assert card_titles(client.get("/tk/news/?type=statements")) == ["Pasport amnistiýasy"]
    assert card_titles(client.get("/tk/news/?type=news")) == ["Täze habar", "Köne habar"]
    assert card_titles(client.get("/tk/news/?type=anything")) == [
        "Täze habar",
        "Pasport amnistiýasy",
        "Köne habar",
    ]


def test_topic_filter_finds_translated_pages_that_still_point_at_the_source_topic(client, news):
    response = client.get("/ru/news/?topic=pasporta")
    assert card_titles(response) == ["Паспортная амнистия", "Русская новость"]
    current = soup_of(response).select_one(".filters a[aria-current]:-soup-contains('Паспорта')")
    assert current is not None


def test_unknown_topic_shows_everything_rather_than_an_error(client, news):
    assert card_titles(client.get("/ru/news/?topic=nope")) == ["Паспортная амнистия", "Русская новость"]


def test_statement_is_marked_as_such_in_lists(client, news):
    cards = soup_of(client.get("/tk/news/")).select(".cards .card")
    badges = [bool(card.select_one(".badge")) for card in cards]
    assert badges == [False, True, False]


def test_pagination_has_real_page_links_and_keeps_the_filters(client, news):
    for day in range(25):
        NewsPageFactory(parent=news["index_ru"], title=f"Новость {day}", date=datetime.date(2024, 1, 1 + day))
    first = soup_of(client.get("/ru/news/?type=news"))
    assert len(first.select(".cards .card")) == 10
    links = {a.get_text(strip=True): a["href"] for a in first.select(".pagination a")}
    assert links["2"] == "?type=news&page=2"
    assert links["3"] == "?type=news&page=3"
    last = soup_of(client.get("/ru/news/?type=news&page=3"))
    assert len(last.select(".cards .card")) == 6
    assert last.select_one(".pagination a[aria-current=page]").get_text() == "3"


@pytest.mark.parametrize(("asked", "shown"), [("99", "3"), ("abc", "1"), ("-1", "3")])
def test_a_page_number_out_of_range_shows_the_nearest_page(client, news, asked, shown):
    for day in range(25):
        NewsPageFactory(parent=news["index_ru"], date=datetime.date(2024, 1, 1 + day))
    page = soup_of(client.get(f"/ru/news/?page={asked}"))
    assert page.select_one(".pagination a[aria-current=page]").get_text() == shown


def test_article_shows_its_topics_in_the_pages_language_linking_to_the_filtered_index(client, news):
    page = soup_of(client.get(news["statement_ru"].url))
    topics = page.select(".article-topics a")
    assert [(a.get_text(), a["href"]) for a in topics] == [("Паспорта", "/ru/news/?topic=pasporta")]


def test_statement_shows_addressee_and_cosigners_in_order(client, news):
    statement = news["statement"]
    for name in ("Birinji gurama", "Ikinji gurama", "Üçünji gurama"):
        StatementCosignerFactory(statement=statement, name=name, url="")
    page = soup_of(client.get(statement.url))
    assert page.select_one(".addressee").get_text() == statement.addressee
    assert [li.get_text() for li in page.select(".cosigners li")] == [
        "Birinji gurama",
        "Ikinji gurama",
        "Üçünji gurama",
    ]


def test_statement_links_its_campaign_only_when_that_page_is_live(
    client, news, django_capture_on_commit_callbacks
):
    statement = news["statement"]
    statement.campaign = news["old"]
    statement.save()
    assert soup_of(client.get(statement.url)).select_one(".cta a")["href"] == news["old"].url
    # Committed, as the admin's unpublish is: the cached statement text is built again.
    with django_capture_on_commit_callbacks(execute=True):
        news["old"].unpublish()
    assert soup_of(client.get(statement.url)).select_one(".cta a") is None


def test_article_page_offers_plain_share_links_and_its_canonical_address(client, news):
    page = soup_of(client.get("/tk/news/taze-habar/"))
    hrefs = [a["href"] for a in page.select(".share a")]
    assert hrefs[0].startswith(
        "https://t.me/share/url?url=http%3A%2F%2Ftestserver%2Ftk%2Fnews%2Ftaze-habar%2F"
    )
    assert any(href.startswith("https://wa.me/") for href in hrefs)
    assert hrefs[-1] == "http://testserver/tk/news/taze-habar/"
    assert page.select_one("link[rel=canonical]")["href"] == "http://testserver/tk/news/taze-habar/"
    assert page.select_one("meta[property='og:type']")["content"] == "article"
    assert not page.select("script[src^=http]")


def test_article_page_describes_itself_as_a_news_article_in_json_ld(client, news):
    import json

    page = soup_of(client.get("/tk/news/taze-habar/"))
    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Täze habar"
    assert data["datePublished"] == "2025-04-01"
    assert data["inLanguage"] == "tk"


def test_home_page_shows_latest_news_statements_and_the_featured_item_in_its_language(client, news):
    home_ru = news["index_ru"].get_parent().specific
    home_tk = news["index_tk"].get_parent().specific
    home_tk.featured_page = news["statement"]  # chosen in Turkmen …
    home_tk.save()
    home_ru.featured_page = news["statement"]  # … shown in Russian on the Russian home page
    home_ru.save()
    page = soup_of(client.get("/ru/"))
    assert page.select_one(".featured__title").get_text(strip=True) == "Паспортная амнистия"
    sections = {
        s.h2.get_text(strip=True): [t.get_text(strip=True) for t in s.select(".card__title")]
        for s in page.select("section.latest")
    }
    assert sections == {"Последние новости": ["Русская новость"]}
    page = soup_of(client.get("/tk/"))
    assert page.select_one(".featured__title").get_text(strip=True) == "Pasport amnistiýasy"


def test_an_untranslated_article_is_not_linked_from_other_languages(client, news):
    page = soup_of(client.get(news["newest"].url))
    switcher = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
    assert switcher["ru"] == "/ru/"
    hreflangs = {link["hreflang"] for link in page.select("link[rel=alternate][hreflang]")}
    assert hreflangs == {"tk", "x-default"}
