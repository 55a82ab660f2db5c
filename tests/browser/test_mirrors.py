"""A reader on a 360 px phone finds the mirrors: the footer's list on every page, the mirrors page
with the onion address, the key's fingerprint and the command that checks a copy; every long
address wraps inside the screen; nothing comes from another host; Onion-Location is sent."""

import pytest
from playwright.sync_api import expect

from mirrors import signing

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NARROW_PHONE = {"width": 360, "height": 780}
ONION = "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion"  # a real v3 address
HEADINGS = {
    "tk": "Bu saýt ýapylsa",
    "ru": "Если сайт заблокирован",
    "tr": "Bu site engellenirse",
    "en": "If this site is blocked",
}


def overflowing(page):
    """Elements of the main part and the footer wider than the screen (the page would scroll
    sideways). The header is left out: its search form is wider than 360 px before this change."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main *, .site-footer *")]
             .filter(element => element.getBoundingClientRect().right
                                > document.documentElement.clientWidth + 1)
             .map(element => element.tagName + "." + element.className)"""
    )


@pytest.mark.parametrize("language", ["tk", "ru"])
def test_the_mirrors_page_and_footer_on_a_360_px_phone(
    page, live_server, demo_site, screenshot, outside_requests, settings, language
):
    settings.ONION_ADDRESS = ONION
    page.set_viewport_size(NARROW_PHONE)
    response = page.goto(f"{live_server.url}/{language}/news/")
    assert response.headers["onion-location"] == f"http://{ONION}/{language}/news/"
    footer = page.locator(".footer-mirrors")
    expect(footer.get_by_role("heading")).to_have_text(HEADINGS[language])
    expect(footer.locator(".mirror-list__address")).to_have_count(4)  # three copies and the onion
    footer.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(".site-footer").screenshot(path=str(ARTIFACTS / f"mirrors-footer-{language}-360.png"))
    assert overflowing(page) == []

    footer.locator("a:not(.mirror-list__address)").click()
    expect(page).to_have_url(f"{live_server.url}/{language}/mirrors/")
    main = page.locator("main")
    expect(main.locator(".mirror-list__address")).to_have_count(4)  # three copies and the onion
    expect(main.locator(f'a[href="http://{ONION}/"]')).to_be_visible()
    expect(main.locator("code", has_text=signing.fingerprint())).to_be_visible()
    expect(main.locator("pre code")).to_have_text(
        f"python verification.py DIR --key {signing.public_key_text()}"
    )
    assert overflowing(page) == []
    screenshot(f"mirrors-page-{language}-360")
    assert outside_requests == []
