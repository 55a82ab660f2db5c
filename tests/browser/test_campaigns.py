"""A supporter on a phone signs the passport amnesty appeal in Russian and confirms from the e-mail."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from campaigns.models import CampaignPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_accessible(page, name):
    results = Axe().run(page)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def test_supporter_signs_in_russian_fixes_a_mistake_and_confirms_from_the_email(
    page, live_server, demo_site, screenshot, outside_requests, smtp_server, settings
):
    settings.FORM_MIN_FILL_SECONDS = 0  # the timing guard has its own tests; Playwright types in ms
    campaign = CampaignPage.objects.live().get(locale__language_code="ru")
    page.goto(f"{live_server.url}{campaign.url}")
    expect(page.locator("h1")).to_have_text("Паспортная амнистия")
    expect(page.locator(".progress__count")).to_contain_text("0")
    assert_accessible(page, "campaign page")
    screenshot("campaign-ru-phone")

    page.get_by_label("Полное имя").fill("Айна Гурбанова")
    page.get_by_label("Электронная почта").fill("ayna@example.org")
    page.get_by_label("Город (необязательно)").fill("Стамбул")
    page.get_by_role("button", name="Подписать обращение").click()  # consent not ticked

    expect(page.locator(".form-errors")).to_contain_text("Исправьте отмеченные поля")
    consent_message = "Чтобы подписать, согласитесь с политикой конфиденциальности"
    expect(page.locator("form.form")).to_contain_text(consent_message)
    expect(page.get_by_label("Полное имя")).to_have_value("Айна Гурбанова")
    expect(page.get_by_label("Электронная почта")).to_have_value("ayna@example.org")
    expect(page.get_by_label("Город (необязательно)")).to_have_value("Стамбул")
    expect(page.locator("select[name=country]")).to_have_value("TR")
    screenshot("campaign-ru-phone-error")

    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Подписать обращение").click()
    expect(page.locator("h1")).to_have_text("Проверьте почту")
    screenshot("campaign-ru-phone-check-inbox")

    [message] = smtp_server.messages
    # the campaign's neutral subject
    assert message["Subject"].strip() == "Подтвердите адрес электронной почты"
    link = next(word for word in message.get_content().split() if "/confirm/" in word)
    page.goto(live_server.url + urlsplit(link).path)
    expect(page.get_by_role("button", name="Подтвердить подпись")).to_be_visible()
    screenshot("campaign-ru-phone-confirm")
    page.get_by_role("button", name="Подтвердить подпись").click()
    expect(page.locator("h1")).to_have_text("Спасибо: ваша подпись учтена")
    expect(page.locator(".lead")).to_contain_text(re.compile(r"1 человек"))

    page.goto(f"{live_server.url}{campaign.url}")
    expect(page.locator("meter")).to_have_attribute("value", "1")
    screenshot("campaign-ru-phone-after")
    assert outside_requests == []
