"""A donor on a phone taps a suggested amount, with and without JavaScript, sees the whole currency
name and an IBAN that never leaves its last digits alone on a line (issue 18, item 5)."""

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def check_the_amounts_page(page):
    """Tap targets, the currency select and the IBANs, measured as the phone lays them out."""
    sizes = page.locator(".suggested-amount").evaluate_all(
        "links => links.map(a => [a.getBoundingClientRect().width, a.getBoundingClientRect().height])"
    )
    assert len(sizes) == 9
    assert all(width >= 44 and height >= 44 for width, height in sizes), sizes
    # The select is as wide as its longest option's text (plus its arrow): nothing is cut off.
    clipped = page.locator("#id_currency").evaluate(
        """select => {
          const probe = document.createElement("span");
          probe.style.font = getComputedStyle(select).font;
          probe.style.position = "absolute";
          document.body.append(probe);
          const widest = Math.max(...[...select.options].map(option => {
            probe.textContent = option.textContent; return probe.getBoundingClientRect().width; }));
          probe.remove();
          return widest + 24 > select.clientWidth;
        }"""
    )
    assert not clipped
    # Each group of four stays whole, and the last short group stays with the one before it.
    for iban in page.locator(".bank-account__iban").all():
        groups = iban.locator(".iban-group")
        lines = groups.evaluate_all("groups => groups.map(group => group.getClientRects().length)")
        assert set(lines) == {1}, lines
        assert len(groups.last.inner_text().replace(" ", "")) > 4  # e.g. "8413 26", never "26" alone


def test_a_suggested_amount_fills_the_form_with_javascript(page, live_server, demo_site, screenshot):
    page.goto(f"{live_server.url}/ru/podderzhat/")
    check_the_amounts_page(page)
    screenshot("donation-ru-phone")
    url = page.url
    page.locator(".suggested-amount", has_text="1 000").first.click()
    expect(page.get_by_label("Сумма", exact=True)).to_have_value("1000")
    expect(page.locator("#id_currency")).to_have_value("TRY")
    assert page.url == url  # filled in place
    page.locator(".suggested-amount", has_text="25").last.click()
    expect(page.get_by_label("Сумма", exact=True)).to_have_value("25")
    expect(page.locator("#id_currency")).to_have_value("EUR")
    expect(page.locator(".suggested-amount[aria-current]")).to_have_count(1)
    screenshot("donation-ru-desktop", viewport=DESKTOP)


def test_a_suggested_amount_fills_the_form_without_javascript(browser, live_server, demo_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="tk-TM")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/tk/goldaw/")
        check_the_amounts_page(page)
        page.locator(".suggested-amount", has_text="50").last.click()
        expect(page.locator("#id_amount")).to_have_value("50")
        expect(page.locator("#id_currency")).to_have_value("EUR")
        assert page.url.endswith("?amount=50&currency=EUR#pledge-heading")
        # The form is in view where the donor tapped: it opens at the form's heading.
        assert (
            page.locator("#pledge-heading").evaluate("h => h.getBoundingClientRect().top") < PHONE["height"]
        )
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "donation-tk-phone-without-javascript.png"))
    finally:
        context.close()
