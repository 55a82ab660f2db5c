"""A visitor on a phone reads the site in each language and switches between them."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from home.models import HomePage

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def home_titles():
    return {
        page.locale.language_code: page.title for page in HomePage.objects.live().select_related("locale")
    }


def test_home_page_in_each_language_shows_that_languages_content(
    page, live_server, demo_site, outside_requests
):
    titles = home_titles()
    assert set(titles) == {"tk", "ru", "tr", "en"}
    for code in ("tk", "ru", "tr", "en"):
        page.goto(f"{live_server.url}/{code}/")
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator("h1")).to_have_text(titles[code])
    assert outside_requests == []


def test_turkmen_home_page_screenshots_at_phone_and_desktop_width(page, live_server, demo_site, screenshot):
    page.goto(f"{live_server.url}/tk/")
    text = page.locator("main").inner_text() + page.locator("header").inner_text()
    assert any(letter in text for letter in "äçňöşüýž")
    assert screenshot("home-tk-phone", PHONE).stat().st_size > 10_000
    assert screenshot("home-tk-desktop", DESKTOP).stat().st_size > 10_000


def test_language_switcher_moves_from_a_russian_page_to_its_turkmen_translation(
    page, live_server, demo_site, screenshot
):
    russian = Locale.objects.get(language_code="ru")
    about_ru = HomePage.objects.get(locale=russian).get_children().get(slug="about").specific
    about_tk = about_ru.get_translation(Locale.objects.get(language_code="tk"))
    page.goto(f"{live_server.url}{about_ru.url}")
    screenshot("about-ru-phone")
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="Türkmençe").click()
    expect(page).to_have_url(f"{live_server.url}{about_tk.url}")
    expect(page.locator("html")).to_have_attribute("lang", "tk")
    expect(page.locator("h1")).to_have_text(about_tk.title)


def test_skip_link_is_the_first_stop_and_leads_to_the_main_content(page, live_server, demo_site):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/#main")
