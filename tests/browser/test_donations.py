"""A donor on a phone pledges 500 lira in Turkish; the treasurer reconciles the transfer in the admin."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from donations.models import Pledge, PledgeStatus

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TREASURER_PASSWORD = "treasurer-browser-test-password"  # noqa: S105 - a throwaway test account


def assert_accessible(page, name):
    results = Axe().run(page)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


@pytest.fixture
def quick_forms(settings):
    """The browser fills the form faster than a person; the minimum fill time is not under test here."""
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def treasurer(live_db, django_user_model):
    """A member of the Treasurer group, whose admin speaks English."""
    from wagtail.users.models import UserProfile

    group, _created = Group.objects.get_or_create(name="Treasurer")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="donations", codename="manage_pledges"),
    )
    user = django_user_model.objects.create_user(username="treasurer", password=TREASURER_PASSWORD)
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def pledge_500_lira_in_turkish(page, live_server, screenshot):
    page.goto(f"{live_server.url}/tr/bagis/")
    expect(page.locator("h1")).to_have_text("Bağış yapın")
    assert_accessible(page, "donation page")
    screenshot("donation-page-tr-phone")
    page.get_by_label("Tutar", exact=True).fill("500")
    expect(page.get_by_label("Para birimi")).to_have_value("TRY")
    page.get_by_label("Bir kez").check()
    page.get_by_role("button", name="Referans kodumu al").click()
    expect(page.locator("h1")).to_have_text("Teşekkür ederiz")
    return Pledge.objects.get()


def test_a_donor_pledges_500_lira_in_turkish_on_a_phone_and_sees_the_reference_and_account(
    page, live_server, demo_site, quick_forms, screenshot, outside_requests
):
    pledge = pledge_500_lira_in_turkish(page, live_server, screenshot)

    assert (pledge.amount, pledge.currency, pledge.language) == (500, "TRY", "tr")
    expect(page.locator(".reference__code")).to_have_text(pledge.display_reference)
    accounts = page.locator(".bank-accounts")
    expect(accounts).to_contain_text("TR68 0009 9000 0000 0000 0010 01")
    expect(accounts).to_contain_text("DEMOTRIS")
    expect(accounts).not_to_contain_text("TR41")  # the dollar account is not for a lira pledge
    expect(page.get_by_role("button", name="Kodu kopyala")).to_be_visible()  # shown by donations.js
    assert_accessible(page, "thank-you page")
    screenshot("donation-thanks-tr-phone")
    assert page.viewport_size["width"] == 390
    assert outside_requests == []


def test_the_copy_button_copies_the_reference(page, live_server, demo_site, quick_forms, screenshot):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    pledge = pledge_500_lira_in_turkish(page, live_server, screenshot)
    page.get_by_role("button", name="Kodu kopyala").click()
    expect(page.get_by_role("button", name="Kopyalandı")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == pledge.display_reference


def test_the_treasurer_uploads_a_statement_with_the_reference_and_confirms_the_match(
    page, live_server, demo_site, quick_forms, treasurer, screenshot, admin_sign_in
):
    pledge = pledge_500_lira_in_turkish(page, live_server, screenshot)

    page.set_viewport_size(DESKTOP)
    # The login page speaks the browser's language; the fields are found by name.
    admin_sign_in(page, "treasurer", TREASURER_PASSWORD)
    page.goto(f"{live_server.url}/admin/donations/")
    expect(page.get_by_role("link", name=pledge.display_reference)).to_be_visible()
    page.get_by_role("link", name="Reconcile a statement").click()

    code = pledge.reference.lower()
    statement = (
        "Date;Description;Amount;Currency\n"
        "02.06.2025;Kira ödemesi;-9.000,00;TRY\n"
        f"03.06.2025;FAST bağış {code[:4]} {code[4:]} Ayşe;500,00;TRY\n"
        "03.06.2025;Aidat;150,00;TRY\n"
    )
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "ekstre.csv", "mimeType": "text/csv", "buffer": statement.encode("cp1254")}]
    )
    page.get_by_role("button", name="Find matches").click()
    proposal = page.locator("tr.proposal")
    expect(proposal).to_have_count(1)
    expect(proposal).to_contain_text(pledge.display_reference)
    expect(page.locator("table.unmatched tbody tr")).to_have_count(2)
    screenshot("donation-reconcile-proposals", viewport=DESKTOP)

    page.get_by_role("button", name="Confirm the ticked matches").click()
    expect(page.get_by_text("1 pledge marked received.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/donations/\?status=received$"))
    screenshot("donation-reconcile-confirmed", viewport=DESKTOP)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.RECEIVED
    assert str(pledge.received_on) == "2025-06-03" and pledge.received_amount == 500
