"""A visitor on a phone sees, on the home page's first screen, the calls to sign the current
appeal, ask for help and donate, and a menu folded behind a button (issue 18, item 4)."""

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def pages_of(language):
    """The URLs the three calls must lead to: this language's appeal, help page and donation page."""
    from campaigns.models import CampaignPage
    from contact.models import HelpRequestPage
    from donations.models import DonationPage

    return [
        model.objects.live().get(locale__language_code=language).url
        for model in (CampaignPage, HelpRequestPage, DonationPage)
    ]


def bottom_of(locator):
    return locator.evaluate("element => element.getBoundingClientRect().bottom")


@pytest.mark.parametrize("language", ["tk", "ru"])
def test_the_calls_to_action_are_on_a_phones_first_screen_and_the_menu_is_folded(
    page, live_server, demo_site, screenshot, language
):
    page.goto(f"{live_server.url}/{language}/")
    calls = page.locator(".calls-to-action a")
    expect(calls).to_have_count(3)
    kinds = calls.evaluate_all("links => links.map(a => a.dataset.action)")
    assert kinds == ["sign", "help", "donate"]
    # Found among the live pages of this language, not written into the template.
    assert calls.evaluate_all("links => links.map(a => a.getAttribute('href'))") == pages_of(language)
    for call in calls.all():
        assert call.inner_text().strip()
        assert bottom_of(call) <= PHONE["height"], call.inner_text()
    menu = page.locator("nav.main-menu")
    assert menu.evaluate("nav => nav.getBoundingClientRect().height") < PHONE["height"] / 3
    expect(page.locator(".main-menu__list")).to_be_hidden()
    screenshot(f"home-{language}-phone")
    page.locator(".main-menu__button").click()
    expect(page.locator(".main-menu__list a").first).to_be_visible()


def test_the_folded_menu_opens_without_javascript(browser, live_server, demo_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="tk-TM")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/ru/")
        expect(page.locator(".main-menu__list")).to_be_hidden()
        assert page.locator("nav.main-menu").evaluate("nav => nav.getBoundingClientRect().height") < 844 / 3
        page.get_by_text("Меню", exact=True).click()
        expect(page.locator(".main-menu__list a").first).to_be_visible()
        page.keyboard.press("Enter")  # the summary keeps the focus: Enter folds it again
        expect(page.locator(".main-menu__list")).to_be_hidden()
    finally:
        context.close()


def test_on_a_desktop_the_menu_is_open_without_a_button(browser, live_server, demo_site):
    for javascript in (True, False):
        context = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript)
        page = context.new_page()
        try:
            page.goto(f"{live_server.url}/ru/")
            expect(page.locator(".main-menu__button")).to_be_hidden()
            expect(page.locator(".main-menu__list a").first).to_be_visible()
            expect(page.locator(".calls-to-action a")).to_have_count(3)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"home-ru-desktop-{'js' if javascript else 'no-js'}.png"))
        finally:
            context.close()


def test_no_page_is_wider_than_the_smallest_phone(browser, live_server, demo_site):
    """At 360 px nothing sticks out sideways (the header's search form once did, by 8 px)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        for language in ("tk", "ru", "tr", "en"):
            for path in ("", "news/", "help/", "donate/"):
                page.goto(f"{live_server.url}/{language}/{path}")
                wider = page.evaluate(
                    "[...document.querySelectorAll('body *')]"
                    ".filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)"
                    ".map(e => e.tagName + '.' + e.className)"
                )
                assert page.evaluate("document.documentElement.scrollWidth") <= 360, (language, path, wider)
    finally:
        context.close()
