"""The RSS and Atom feeds of each language and topic, as a feed reader fetches and parses them."""

import datetime
import zoneinfo
from email.utils import parsedate_to_datetime

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import PageViewRestriction

from home.factories import translate_page
from news.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StatementPageFactory,
    TopicFactory,
    translate_topic,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")

# The source strings, through variables so that makemessages does not collect them from tests.
FEED_TITLE = "Hak Hukuga Daýanç — news and statements"
TOPIC_FEED_TITLE = "Hak Hukuga Daýanç — %(topic)s"


@pytest.fixture
def news(site_tree):
    """News indexes in Turkmen and Russian, and the topic 'passports' in both languages."""
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    passports = TopicFactory(name="Pasportlar", slug="pasportlar")
    return {
        "tk": index,
        "ru": translate_page(index, "ru", title="Новости"),
        "passports": passports,
        "passports_ru": translate_topic(passports, "ru", name="Паспорта", slug="pasporta"),
    }


def day(number):
    return datetime.date(2025, 3, number)


def rss_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return root.find("channel")


def atom_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def rss_titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


def test_russian_rss_feed_lists_only_russian_items_newest_first(client, news):
    older = NewsPageFactory(parent=news["tk"], title="Köne habar", date=day(1))
    newer = StatementPageFactory(parent=news["tk"], title="Täze beýannama", date=day(5))
    translate_page(older, "ru", title="Старая новость", summary="Кратко & ясно.", source="HHD")
    translate_page(newer, "ru", title="Новое заявление", source="")
    NewsPageFactory(parent=news["tk"], title="Diňe türkmençe", date=day(9))

    channel = rss_of(client.get("/ru/feeds/news.rss"))

    with translation.override("ru"):
        assert channel.findtext("title") == translation.gettext(FEED_TITLE)
    assert channel.findtext("link") == "http://testserver/ru/news/"
    assert channel.findtext("description")
    assert channel.findtext("language") == "ru"
    assert rss_titles(channel) == ["Новое заявление", "Старая новость"]
    statement, article = channel.findall("item")
    assert article.findtext("link").startswith("http://testserver/ru/news/")
    assert article.findtext("description") == "Кратко &amp; ясно."  # HTML, escaped once more by XML
    assert article.findtext("{http://purl.org/dc/elements/1.1/}creator") == "HHD"
    assert statement.find("{http://purl.org/dc/elements/1.1/}creator") is None
    assert parsedate_to_datetime(article.findtext("pubDate")) == datetime.datetime(
        2025, 3, 1, tzinfo=ISTANBUL
    )
    assert article.findtext("pubDate") == "Sat, 01 Mar 2025 00:00:00 +0300"
    guid = article.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text.startswith("urn:uuid:")
    assert len({item.findtext("guid") for item in channel.findall("item")}) == 2


def test_item_links_are_the_absolute_addresses_of_the_pages(client, news):
    page = NewsPageFactory(parent=news["tk"], title="Habar", slug="habar")
    translate_page(page, "ru", title="Новость", slug="novost")

    tk_item = rss_of(client.get("/tk/feeds/news.rss")).find("item")
    ru_item = rss_of(client.get("/ru/feeds/news.rss")).find("item")

    assert tk_item.findtext("link") == "http://testserver/tk/news/habar/"
    assert ru_item.findtext("link") == "http://testserver/ru/news/novost/"
    assert client.get("/ru/news/novost/").status_code == 200
    # The Turkmen and Russian versions are different entries.
    assert tk_item.findtext("guid") != ru_item.findtext("guid")


def test_feed_holds_the_latest_twenty_and_leaves_out_drafts_private_pages_and_other_languages(client, news):
    for number in range(1, 23):
        NewsPageFactory(parent=news["tk"], title=f"Habar {number}", date=day(number))
    NewsPageFactory(parent=news["tk"], title="Garalama", date=day(28), live=False)
    private = NewsPageFactory(parent=news["tk"], title="Ýapyk", date=day(28))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret-words")
    NewsPageFactory(parent=news["ru"], title="Русская новость", date=day(28))

    titles = rss_titles(rss_of(client.get("/tk/feeds/news.rss")))

    assert titles == [f"Habar {number}" for number in range(22, 2, -1)]


def test_same_date_items_are_ordered_newest_created_first(client, news):
    first = NewsPageFactory(parent=news["ru"], title="Первая", date=day(3))
    second = StatementPageFactory(parent=news["ru"], title="Вторая", date=day(3))
    assert second.pk > first.pk

    assert rss_titles(rss_of(client.get("/ru/feeds/news.rss"))) == ["Вторая", "Первая"]


def test_atom_feed_has_the_required_elements_of_feed_and_entries(client, news):
    page = NewsPageFactory(parent=news["ru"], title="Новость", summary="Кратко.", date=day(2), source="HHD")
    page.topics.set([news["passports"]])
    page.save()

    feed = atom_of(client.get("/ru/feeds/news.atom"))

    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert feed.findtext(f"{ATOM}id")
    assert feed.findtext(f"{ATOM}title")
    assert feed.findtext(f"{ATOM}updated")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/ru/feeds/news.atom"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/ru/news/"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Hak Hukuga Daýanç"
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Новость"
    assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver" + page.url
    assert entry.findtext(f"{ATOM}summary") == "Кратко."
    assert entry.findtext(f"{ATOM}published") == "2025-03-02T00:00:00+03:00"
    updated = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert updated >= datetime.datetime(2025, 3, 2, tzinfo=ISTANBUL)
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "HHD"
    # The page points at the Turkmen topic; the Russian feed names it in Russian.
    assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == ["Паспорта"]


def test_feed_of_a_language_without_items_is_empty_but_valid(client, news):
    channel = rss_of(client.get("/en/feeds/news.rss"))
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "http://testserver/en/"  # no English news index: the home page
    assert channel.findall("item") == []
    assert atom_of(client.get("/en/feeds/news.atom")).findall(f"{ATOM}entry") == []


def test_topic_feed_holds_only_items_filed_under_that_topic_or_its_translation(client, news):
    on_topic = NewsPageFactory(parent=news["tk"], title="Pasport habary", date=day(1))
    on_topic.topics.set([news["passports"]])
    on_topic.save()
    # A translation copy still points at the Turkmen topic.
    translate_page(on_topic, "ru", title="Новость о паспортах")
    ru_statement = StatementPageFactory(parent=news["ru"], title="Заявление о паспортах", date=day(4))
    ru_statement.topics.set([news["passports_ru"]])
    ru_statement.save()
    NewsPageFactory(parent=news["ru"], title="Другая тема", date=day(7))

    channel = rss_of(client.get("/ru/feeds/topic/pasporta.rss"))

    assert rss_titles(channel) == ["Заявление о паспортах", "Новость о паспортах"]
    assert [item.findtext("category") for item in channel.findall("item")] == ["Паспорта", "Паспорта"]
    assert channel.findtext("link") == "http://testserver/ru/news/?topic=pasporta"
    with translation.override("ru"):
        expected_title = translation.gettext(TOPIC_FEED_TITLE) % {"topic": "Паспорта"}
    assert channel.findtext("title") == expected_title
    entries = atom_of(client.get("/ru/feeds/topic/pasporta.atom")).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Заявление о паспортах",
        "Новость о паспортах",
    ]
    assert rss_titles(rss_of(client.get("/tk/feeds/topic/pasportlar.rss"))) == ["Pasport habary"]


def test_topic_slugs_may_hold_turkmen_letters(client, news):
    topic = TopicFactory(name="Zenan hukuklary", slug="zenanlaryň-hukuklary")
    page = NewsPageFactory(parent=news["tk"], title="Zenanlar barada")
    page.topics.set([topic])
    page.save()

    response = client.get("/tk/feeds/topic/zenanlary%C5%88-hukuklary.rss")

    assert rss_titles(rss_of(response)) == ["Zenanlar barada"]


@pytest.mark.parametrize(
    "path",
    [
        "/ru/feeds/topic/no-such-topic.rss",
        "/ru/feeds/topic/no-such-topic.atom",
        # A topic exists in Turkmen under this slug, but the Russian feeds look up Russian slugs.
        "/ru/feeds/topic/pasportlar.rss",
    ],
)
def test_unknown_topic_feed_is_not_found(client, news, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path", ["/ru/feeds/news.rss", "/ru/feeds/news.atom", "/ru/feeds/topic/pasporta.rss"]
)
def test_feeds_are_public_cacheable_and_set_no_cookie(client, news, path):
    NewsPageFactory(parent=news["ru"], title="Новость")

    response = client.get(path)

    assert response.status_code == 200
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["Last-Modified"]


# The locale, its topics, its news index, the site and its root paths (2), the private
# sections, the latest page keys, then per page type its pages and their topics (2 × 2).
FEED_QUERIES = 12


@pytest.mark.parametrize("count", [5, 25])
@pytest.mark.parametrize("path", ["/ru/feeds/news.rss", "/ru/feeds/topic/pasporta.atom"])
def test_feed_takes_the_same_number_of_queries_whatever_the_number_of_items(
    client, news, django_assert_num_queries, count, path
):
    for number in range(count):
        factory = NewsPageFactory if number % 2 else StatementPageFactory
        page = factory(parent=news["ru"], date=day(1 + number % 28))
        page.topics.set([news["passports"], news["passports_ru"]])
        page.save()
    cache.clear()  # Wagtail's site root paths are cached: count them in.

    with django_assert_num_queries(FEED_QUERIES):
        response = client.get(path)

    assert response.content.count(b"<item>" if path.endswith(".rss") else b"<entry>") == min(count, 20)


# --- The links in <head> -----------------------------------------------------------------


def feed_links(context, path):
    request = RequestFactory().get(path)
    with translation.override("ru"):
        html = render_to_string("news/includes/feed_links.html", {"request": request, **context})
    return {
        (link["type"], link["href"]): link["title"]
        for link in BeautifulSoup(html, "html.parser").find_all("link", rel="alternate")
    }


def test_every_page_links_the_feeds_of_its_language(news, site_tree):
    links = feed_links({"page": site_tree.about["ru"]}, "/ru/about/")

    assert set(links) == {
        ("application/rss+xml", "/ru/feeds/news.rss"),
        ("application/atom+xml", "/ru/feeds/news.atom"),
    }
    assert all(links.values())


def test_news_index_filtered_by_topic_links_that_topics_feeds(news):
    other = translate_topic(TopicFactory(name="Deportasiýa", slug="deportasiya"), "ru", slug="deportaciya")
    context = {"page": news["ru"], "topic": news["passports_ru"], "topics": [news["passports_ru"], other]}

    links = feed_links(context, "/ru/news/?topic=pasporta")

    assert set(links) == {
        ("application/rss+xml", "/ru/feeds/news.rss"),
        ("application/atom+xml", "/ru/feeds/news.atom"),
        ("application/rss+xml", "/ru/feeds/topic/pasporta.rss"),
        ("application/atom+xml", "/ru/feeds/topic/pasporta.atom"),
    }
    assert "Паспорта" in links[("application/rss+xml", "/ru/feeds/topic/pasporta.rss")]


def test_article_links_the_feeds_of_its_topics_that_exist_in_its_language(client, news):
    untranslated = TopicFactory(name="Diňe türkmençe", slug="dine-turkmence")
    page = NewsPageFactory(parent=news["ru"], title="Новость")
    page.topics.set([news["passports"], untranslated])
    page.save()
    context = page.get_context(RequestFactory().get("/ru/news/"))

    links = feed_links(context, page.url)

    assert set(links) == {
        ("application/rss+xml", "/ru/feeds/news.rss"),
        ("application/atom+xml", "/ru/feeds/news.atom"),
        ("application/rss+xml", "/ru/feeds/topic/pasporta.rss"),
        ("application/atom+xml", "/ru/feeds/topic/pasporta.atom"),
    }
    for _type, href in links:
        assert client.get(href).status_code == 200
