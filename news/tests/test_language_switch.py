"""The language switcher on a filtered news list keeps the filters, in the other language."""

import datetime

import pytest

from home.factories import translate_page
from news.factories import NewsIndexPageFactory, NewsPageFactory, TopicFactory, translate_topic
from tests.fixtures import switcher_links

pytestmark = pytest.mark.django_db


def test_switching_language_on_a_filtered_news_list_keeps_the_filters_in_that_language(client, site_tree):
    index_tk = NewsIndexPageFactory(parent=site_tree.homes["tk"], title="Habarlar", slug="news")
    translate_page(index_tk, "ru", title="Новости")
    passports = TopicFactory(name="Pasportlar", slug="pasportlar")
    translate_topic(passports, "ru", name="Паспорта", slug="pasporta")
    for day in range(1, 13):  # two pages
        NewsPageFactory(parent=index_tk, date=datetime.date(2025, 1, day), topics=[passports])

    links = switcher_links(client, "/tk/news/?type=news&topic=pasportlar&page=2&sort=evil")

    assert links["ru"] == ("/ru/news/", {"type": ["news"], "topic": ["pasporta"], "page": ["2"]})
    assert links["tk"] == ("/tk/news/", {"type": ["news"], "topic": ["pasportlar"], "page": ["2"]})
    # No news list in English: that language's home page, without the filters of another list.
    assert links["en"] == ("/en/", {})


def test_a_topic_without_translation_is_dropped_but_the_other_filters_stay(client, site_tree):
    index_tk = NewsIndexPageFactory(parent=site_tree.homes["tk"], title="Habarlar", slug="news")
    translate_page(index_tk, "ru", title="Новости")
    only_tk = TopicFactory(name="Diňe türkmençe", slug="dine-turkmence")
    NewsPageFactory(parent=index_tk, topics=[only_tk])
    links = switcher_links(client, "/tk/news/?type=news&topic=dine-turkmence")
    assert links["ru"] == ("/ru/news/", {"type": ["news"]})


def test_an_unknown_filter_value_is_not_carried_over(client, site_tree):
    index_tk = NewsIndexPageFactory(parent=site_tree.homes["tk"], title="Habarlar", slug="news")
    translate_page(index_tk, "ru", title="Новости")
    links = switcher_links(client, "/tk/news/?type=<script>&topic=no-such-topic")
    assert links["ru"] == ("/ru/news/", {})


def test_the_first_page_and_a_page_past_the_end_are_carried_as_shown(client, site_tree):
    index_tk = NewsIndexPageFactory(parent=site_tree.homes["tk"], title="Habarlar", slug="news")
    translate_page(index_tk, "ru", title="Новости")
    for day in range(1, 13):
        NewsPageFactory(parent=index_tk, date=datetime.date(2025, 1, day))
    assert switcher_links(client, "/tk/news/?page=1")["ru"] == ("/ru/news/", {})
    assert switcher_links(client, "/tk/news/?page=99")["ru"] == ("/ru/news/", {"page": ["2"]})
