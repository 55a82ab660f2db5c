"""On a phone, a refused form opens on its message: in the viewport without JavaScript (the form's
action ends in #form-errors) and focused where JavaScript runs (static/js/site.js). Every public
form of the demo site, in Turkmen, at 390x844."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from campaigns.models import CampaignPage
from contact.factories import make_caseworker_key
from contact.models import ContactPage, HelpRequestPage
from donations.models import DonationPage

from .conftest import ARTIFACTS, DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def screenshot_of_the_viewport(page, name):
    """What the visitor sees first (not the full page): the message must be there."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"form-errors-{name}.png"))


@pytest.fixture
def public_form_pages(demo_site, settings):
    """(name, page address, the form's selector) of every public form in Turkmen; the help form
    takes requests (a caseworker key is registered)."""
    settings.FORM_MIN_FILL_SECONDS = 0  # the timing guard has its own tests; Playwright types in ms
    caseworker = get_user_model().objects.create_superuser("caseworker", "", "a-long-test-password")
    make_caseworker_key(caseworker, iterations=1000)

    def url_of(model):
        return model.objects.live().get(locale__language_code="tk").url

    return [
        ("signing", url_of(CampaignPage), "#sign form"),
        ("pledge", url_of(DonationPage), "form.pledge-form"),
        ("contact", url_of(ContactPage), "form.contact-form"),
        ("help", url_of(HelpRequestPage), "form.help-form"),
        ("subscribe", "/tk/", ".site-footer form.subscribe-form"),
    ]


def send_empty(page, address, selector):
    page.goto(address)
    # The form's own answer, not the reading-count beacon (also a POST) the page sends.
    with page.expect_response(
        lambda response: response.request.method == "POST" and response.request.is_navigation_request()
    ) as answer:
        page.locator(selector).locator("button[type=submit]").click()
    page.wait_for_load_state()
    return answer.value.status


def assert_not_under_the_quick_exit_bar(page, summary):
    bar = page.locator(".quick-exit")
    if bar.count():
        assert summary.bounding_box()["y"] >= bar.bounding_box()["y"] + bar.bounding_box()["height"] - 1


def test_a_refused_form_opens_on_its_message_and_focuses_it(page, live_server, public_form_pages):
    assert page.viewport_size == PHONE
    for name, address, selector in public_form_pages:
        assert send_empty(page, f"{live_server.url}{address}", selector) == 400, name
        summary = page.locator("#form-errors")
        expect(summary).to_be_in_viewport()
        expect(summary).to_be_focused()
        assert_not_under_the_quick_exit_bar(page, summary)
        screenshot_of_the_viewport(page, f"{name}-tk-phone")
    page.set_viewport_size(DESKTOP)
    name, address, selector = public_form_pages[0]
    send_empty(page, f"{live_server.url}{address}", selector)
    expect(page.locator("#form-errors")).to_be_in_viewport()
    expect(page.locator("#form-errors")).to_be_focused()
    screenshot_of_the_viewport(page, f"{name}-tk-desktop")


def test_without_javascript_a_refused_form_opens_on_its_message(browser, live_server, public_form_pages):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="tk-TM")
    plain = context.new_page()
    for name, address, selector in public_form_pages:
        assert send_empty(plain, f"{live_server.url}{address}", selector) == 400, name
        summary = plain.locator("#form-errors")
        expect(summary).to_be_in_viewport()
        assert_not_under_the_quick_exit_bar(plain, summary)
    context.close()


def test_too_many_attempts_open_on_the_message_too(page, live_server, public_form_pages, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign:ip": (0, 600)}
    name, address, selector = public_form_pages[0]
    assert send_empty(page, f"{live_server.url}{address}", selector) == 429
    summary = page.locator("#form-errors")
    expect(summary).to_be_in_viewport()
    expect(summary).to_be_focused()


def test_without_a_caseworker_key_the_help_page_says_so_on_its_first_screen(page, live_server, demo_site):
    """Nobody can open a request: said before anything could be typed, with the other channels."""
    from home.models import OrganisationDetails

    OrganisationDetails.objects.update(signal="+90 555 010 20 30", telegram="@hhd_yardim")
    page.goto(f"{live_server.url}{HelpRequestPage.objects.live().get(locale__language_code='tk').url}")
    notice = page.locator(".help-unavailable")
    expect(notice).to_be_in_viewport()
    expect(notice.locator(".help-channels li")).to_have_count(3)  # Signal, Telegram, e-mail
    expect(notice.locator(".help-channels li").first).to_contain_text("Signal")
    expect(notice.locator(".help-channels li").last).to_contain_text("@")
    expect(page.locator("main form")).to_have_count(0)
    screenshot_of_the_viewport(page, "help-without-key-tk-phone")
