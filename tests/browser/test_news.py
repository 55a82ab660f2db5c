"""A visitor on a phone reads the news: filters by topic, opens an article, switches language, searches."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from news.models import StatementPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_accessible(page, name):
    results = Axe().run(page)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def test_reader_filters_by_topic_opens_an_article_and_follows_its_translation(
    page, live_server, demo_site, screenshot, outside_requests
):
    page.goto(f"{live_server.url}/ru/news/")
    assert_accessible(page, "news index")
    screenshot("news-index-ru-phone")
    all_cards = page.locator(".cards .card").count()

    page.locator(".filters").get_by_role("link", name="Депортация").click()
    expect(page).to_have_url(re.compile(r"/ru/news/\?topic=[a-z-]+$"))
    expect(page.locator(".filters a[aria-current]", has_text="Депортация")).to_be_visible()
    filtered = page.locator(".cards .card").count()
    assert 0 < filtered < all_cards

    page.locator(".cards .card__title a").first.click()
    expect(page.locator(".article-topics")).to_contain_text("Депортация")
    assert_accessible(page, "article")
    screenshot("news-article-ru-phone")
    russian_title = page.locator("h1").inner_text()

    page.get_by_role("navigation", name="Язык").get_by_role("link", name="Türkmençe").click()
    expect(page.locator("html")).to_have_attribute("lang", "tk")
    assert page.url.startswith(f"{live_server.url}/tk/")
    assert page.locator("h1").inner_text() != russian_title
    assert outside_requests == []


def test_statement_page_is_accessible_and_lists_what_a_statement_has(
    page, live_server, demo_site, screenshot
):
    statement = StatementPage.objects.live().get(locale__language_code="ru")
    page.goto(f"{live_server.url}{statement.url}")
    expect(page.locator(".badge").first).to_be_visible()
    expect(page.locator(".addressee")).to_be_visible()
    assert_accessible(page, "statement")
    screenshot("statement-ru-phone")


def test_reader_searches_for_a_russian_word_and_finds_inflected_forms(
    page, live_server, demo_site, screenshot
):
    page.goto(f"{live_server.url}/ru/search/")
    assert_accessible(page, "empty search")
    page.get_by_role("searchbox").first.fill("паспорт")
    page.get_by_role("searchbox").first.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/ru/search/?q=%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82")
    results = page.locator("main ol li")
    expect(results.first).to_be_visible()
    assert results.count() >= 2
    expect(page.locator("main mark").first).to_be_visible()
    assert_accessible(page, "search results")
    screenshot("search-ru-phone")
