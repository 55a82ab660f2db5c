"""A reader on a phone subscribes to the newsletter from the footer in Russian and confirms
from the e-mail; the footer form keeps what was typed when something is missing."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import expect

from newsletter.models import Subscriber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
# The server's messages, looked up in the catalogues in the test (so that rewording them
# does not break it).
TICK_THE_BOX = "Please tick the box to agree, or we cannot send you the newsletter."
NOT_AN_ADDRESS = "Please enter a valid e-mail address, for example name@example.com."


def assert_accessible(page, name):
    results = Axe().run(page)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def test_reader_subscribes_from_the_footer_in_russian_and_confirms_from_the_email(
    page, live_server, demo_site, screenshot, outside_requests, smtp_server, settings
):
    settings.FORM_MIN_FILL_SECONDS = 0  # the timing guard has its own tests; Playwright types in ms
    # Links in the mail lead to this server.
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    page.goto(f"{live_server.url}/ru/news/")
    footer = page.locator(".site-footer")
    footer.get_by_role("heading", name="Рассылка").scroll_into_view_if_needed()
    expect(footer.get_by_label("Язык рассылки")).to_have_value("ru")
    assert_accessible(page, "news index with the footer form")

    footer.get_by_label("Адрес электронной почты").fill("ayna@example.org")
    footer.locator("button[type=submit]").click()  # consent not ticked: the server answers, in Russian
    main = page.locator("main")
    expect(main.locator(".form-errors")).to_be_visible()
    with translation.override("ru"):
        expect(main).to_contain_text(translation.gettext(TICK_THE_BOX))
    expect(main.get_by_label("Адрес электронной почты")).to_have_value("ayna@example.org")
    main.get_by_label("Я хочу получать рассылку HHD").check()
    screenshot("newsletter-footer-ru-phone")
    main.locator("button[type=submit]").click()

    expect(page.locator("h1")).to_have_text("Проверьте почту")
    screenshot("newsletter-check-inbox-ru-phone")
    assert Subscriber.objects.get().confirmed_at is None

    [message] = smtp_server.messages
    assert message["Subject"] == "Подтвердите подписку"
    link = next(word for word in message.get_content().split() if "/newsletter/confirm/" in word)
    page.goto(live_server.url + urlsplit(link).path)
    expect(page.locator("h1")).to_have_text("Подтвердите подписку")
    assert Subscriber.objects.get().confirmed_at is None  # opening the link confirms nothing
    assert_accessible(page, "confirmation page")
    screenshot("newsletter-confirm-ru-phone")
    page.get_by_role("button", name="Да, подписаться").click()

    expect(page.locator("h1")).to_have_text("Вы подписаны")
    screenshot("newsletter-confirmed-ru-phone")
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is not None and subscriber.language == "ru"
    assert outside_requests == []


def test_the_newsletter_page_keeps_what_was_typed_when_the_server_refuses_it(
    page, live_server, demo_site, screenshot, settings
):
    settings.FORM_MIN_FILL_SECONDS = 60  # answered "that was very quick": the form comes back
    page.goto(f"{live_server.url}/tr/newsletter/")
    expect(page.locator("h1")).to_have_text("Bülten")
    main = page.locator("main")
    main.get_by_label("E-posta adresi").fill("okur@example.org")
    main.get_by_label("Bültenin dili").select_option("en")
    main.get_by_label("HHD'nin bültenini e-posta ile almak istiyorum").check()
    main.get_by_role("button", name="Abone ol").click()

    expect(page.locator(".form-errors")).to_be_visible()
    expect(main.get_by_label("E-posta adresi")).to_have_value("okur@example.org")
    expect(main.get_by_label("Bültenin dili")).to_have_value("en")
    assert_accessible(page, "subscribe form with an error")
    screenshot("newsletter-page-error-tr-phone")
    assert not Subscriber.objects.exists()


def test_the_footer_form_on_a_turkmen_page_is_answered_by_the_server_in_turkmen_not_by_the_browser(
    page, live_server, demo_site, screenshot, settings
):
    """No English validation bubble: the form is sent, refused with 400, and the messages are
    the server's, in Turkmen, beside what was typed (the field stays type=email for the keyboard)."""
    settings.FORM_MIN_FILL_SECONDS = 0
    page.goto(f"{live_server.url}/tk/")
    footer = page.locator(".site-footer")
    address = footer.locator("input[name=email]")
    expect(address).to_have_attribute("type", "email")
    address.fill("ayna@")  # not an address; the consent is not ticked either
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        footer.locator("button[type=submit]").click()
    assert answer.value.status == 400
    assert "/tk/newsletter/subscribe/" in page.url
    with translation.override("tk"):
        messages = [translation.gettext(message) for message in (NOT_AN_ADDRESS, TICK_THE_BOX)]
    form = page.locator("main form.subscribe-form")
    for message in messages:
        expect(form).to_contain_text(message)
    expect(form.locator("input[name=email]")).to_have_value("ayna@")
    expect(form.locator("select[name=language]")).to_have_value("tk")
    screenshot("newsletter-footer-tk-phone-error")
    assert not Subscriber.objects.exists()
