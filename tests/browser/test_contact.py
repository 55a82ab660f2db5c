"""A person on a phone asks for help in Turkmen; a caseworker opens the sealed request in the browser.

The request is sealed by the server to a key that the caseworker made in Chromium with
WebCrypto, and it is opened again only there: this is where the Python side
(safety.sealing) and the browser side (contact/js/caseworker.js) must agree.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from contact import services
from contact.factories import KEY_AAD, make_caseworker_key, passphrase_key
from contact.models import CaseNote, CaseworkerKey, HelpRequest, unb64
from contact.tests.conftest import open_case

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "caseworker-browser-test-password"  # noqa: S105 - a throwaway test account
PASSPHRASE = "dag howasy arassa we sowuk"  # noqa: S105 - the test caseworker's key passphrase
NEW_PASSPHRASE = "derýa boýunda ýaşyl agaçlar"  # noqa: S105 - the one she chooses after losing it
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
UNLOCK_TIMEOUT = 30_000  # PBKDF2 with 600,000 rounds, on a busy machine


def admin_login(page, live_server, user):
    """Sign ``user`` in to the admin with their password (and the second step when the site asks).

    The one place to adapt when the admin's sign-in changes.
    """
    device = authenticator_of(user)
    page.goto(f"{live_server.url}/admin/login/")
    # The login page speaks the browser's language; the fields are found by name.
    page.locator("input[name=username]").fill(user.get_username())
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    if "/admin/two-factor/" in page.url:
        code = page.locator("input[name=code]").first
        code.fill(current_code(device))
        code.press("Enter")
        page.wait_for_load_state()
    expect(page.locator("input[name=password]")).to_have_count(0)
    expect(page.locator("input[name=code]")).to_have_count(0)


def authenticator_of(user):
    """The user's authenticator app (a confirmed TOTP device), as if they had set it up earlier."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def current_code(device):
    """The code the authenticator app shows now."""
    from django_otp.oath import totp

    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)


def assert_accessible(page, name):
    results = Axe().run(page)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def recovery_text(recovery: bytes) -> str:
    """The recovery key as caseworker.js shows it: 52 characters of the reference alphabet in groups."""
    number = int.from_bytes(recovery, "big")
    characters = []
    for _ in range(52):
        number, digit = divmod(number, 31)
        characters.append(ALPHABET[digit])
    text = "".join(reversed(characters))
    return " ".join(text[start : start + 4] for start in range(0, 52, 4))


@pytest.fixture
def quick_forms(settings):
    """The browser fills the form faster than a person; the minimum fill time is not under test here."""
    settings.FORM_MIN_FILL_SECONDS = 0


def make_caseworker(django_user_model, username, first_name, last_name):
    from wagtail.users.models import UserProfile

    group, _created = Group.objects.get_or_create(name="Caseworkers (browser test)")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="contact", codename="handle_helprequests"),
    )
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, first_name=first_name, last_name=last_name
    )
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def caseworker(live_db, django_user_model):
    return make_caseworker(django_user_model, "aylar", "Aýlar", "Orazowa")


@pytest.fixture
def staff_page(browser):
    """A second browser window, on a desktop, for the caseworker. At the end, the admin's CSP
    must not have refused anything on the caseworkers' pages (caseworker.js included)."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    staff = context.new_page()
    refused = []
    staff.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield staff
    context.close()
    assert refused == []


def create_key_in_the_browser(staff_page, live_server, screenshot_of):
    staff_page.goto(f"{live_server.url}/admin/cases/key/")
    staff_page.locator("#key-passphrase").fill(PASSPHRASE)
    staff_page.locator("#key-passphrase-again").fill(PASSPHRASE[:-1])
    staff_page.get_by_role("button", name="Create my key").click()
    expect(staff_page.locator("#key-form .key-form__status")).to_have_text(
        "The two passphrases are not the same."
    )
    staff_page.locator("#key-passphrase-again").fill(PASSPHRASE)
    staff_page.get_by_role("button", name="Create my key").click()
    recovery = staff_page.locator("#recovery-key")
    expect(recovery).to_have_text(
        re.compile(r"^([2-9A-HJKMNP-Z]{4} ){12}[2-9A-HJKMNP-Z]{4}$"), timeout=UNLOCK_TIMEOUT
    )
    screenshot_of(staff_page, "contact-key-recovery")
    expect(staff_page.locator("#recovery-done")).to_be_hidden()
    staff_page.locator("#recovery-confirm").check()
    expect(staff_page.locator("#recovery-done")).to_be_visible()
    return recovery.text_content()


@pytest.fixture
def screenshot_of(screenshot):
    """Screenshots of another page than the default one (the caseworker's window)."""
    from .conftest import ARTIFACTS

    def take(other_page, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        other_page.screenshot(path=str(path), full_page=True)
        return path

    return take


def ask_for_help_in_turkmen(page, live_server, screenshot):
    page.goto(f"{live_server.url}/tk/help/")
    expect(page.locator("h1")).to_have_text("Kömek soraň")
    expect(page.get_by_role("link", name="Bu sahypadan çalt çykyň")).to_be_visible()
    assert_accessible(page, "help page")
    screenshot("contact-help-tk-phone")

    page.get_by_label("Tussaglyk ýa-da deportasiýa merkezi").check()
    page.get_by_label("Siz nirede? (şäher ýa-da ýurt)").fill("Stambul, Arnawutköý")
    page.get_by_label("Gyssagly: kimdir biri häzir tussag edilip saklanýar").check()
    page.get_by_label("WhatsApp").check()
    page.get_by_label("Telefon belgiňiz, ulanyjy adyňyz ýa-da e-poçta salgyňyz").fill("+90 555 123 45 67")
    expect(page.get_by_label("Maňa şu dilde jogap beriň")).to_have_value("tk")
    page.get_by_label("Adyňyz (hökman däl)").fill("Merdan")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Haýyşy iberiň").click()  # the account is missing

    expect(page.locator(".form-errors")).to_contain_text("Formany barlaň")
    expect(page.locator("form.help-form")).to_contain_text("Näme bolandygyny gysgaça ýazyň.")
    expect(page.get_by_label("Siz nirede? (şäher ýa-da ýurt)")).to_have_value("Stambul, Arnawutköý")
    expect(page.get_by_label("Gyssagly: kimdir biri häzir tussag edilip saklanýar")).to_be_checked()
    expect(page.get_by_label("WhatsApp")).to_be_checked()
    expect(page.get_by_label("Adyňyz (hökman däl)")).to_have_value("Merdan")
    screenshot("contact-help-tk-phone-error")

    page.get_by_label("Näme boldy? Öz sözleriňiz bilen ýazyň", exact=True).fill(
        "Doganym düýn tussag edildi we Arnawutköýdäki deportasiýa merkezinde saklanýar."
    )
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Haýyşy iberiň").click()
    expect(page.locator("h1")).to_have_text("Haýyşyňyz iberildi")
    case = HelpRequest.objects.get(urgent=True)
    expect(page.locator(".reference__code")).to_have_text(case.display_reference)
    assert_accessible(page, "request sent page")
    screenshot("contact-help-tk-phone-sent")
    assert page.viewport_size == PHONE
    return case


def test_an_urgent_request_in_turkmen_is_read_assigned_noted_and_closed_by_a_caseworker(
    page,
    staff_page,
    live_server,
    demo_site,
    quick_forms,
    caseworker,
    screenshot,
    screenshot_of,
    outside_requests,
):
    # The caseworker makes her key in her browser; the server keeps it wrapped only.
    admin_login(staff_page, live_server, caseworker)
    create_key_in_the_browser(staff_page, live_server, screenshot_of)
    key = CaseworkerKey.objects.get(user=caseworker, active=True)
    assert key.passphrase_iterations == 600_000
    # An earlier, non-urgent request is waiting already.
    earlier = services.submit_help_request(
        services.HelpRequestSubmission(
            category="passport", urgent=False, location="Ankara", contact_channel="telegram",
            contact_value="@aman_t", language="ru", name="", account="Pasport.", consent_version="tk-0",
        )
    )  # fmt: skip

    case = ask_for_help_in_turkmen(page, live_server, screenshot)
    assert outside_requests == []

    staff_page.goto(f"{live_server.url}/admin/cases/")
    first_row = staff_page.locator("table.listing tbody tr").first
    expect(first_row).to_contain_text(case.display_reference)
    expect(staff_page.locator("table.listing tbody tr").nth(1)).to_contain_text(earlier.display_reference)
    screenshot_of(staff_page, "contact-inbox")
    first_row.get_by_role("link", name=case.display_reference).click()

    content = staff_page.locator("#case-content")
    expect(content).to_be_hidden()
    staff_page.locator("#unlock-passphrase").fill("a wrong passphrase")
    staff_page.get_by_role("button", name="Unlock").click()
    expect(staff_page.locator("#unlock-status")).to_have_text(
        "This passphrase or recovery key does not open your key.", timeout=UNLOCK_TIMEOUT
    )
    staff_page.locator("#unlock-passphrase").fill(PASSPHRASE)
    staff_page.get_by_role("button", name="Unlock").click()
    expect(content).to_be_visible(timeout=UNLOCK_TIMEOUT)
    expect(content.locator("[data-field=name]")).to_have_text("Merdan")
    expect(content.locator("[data-field=location]")).to_have_text("Stambul, Arnawutköý")
    expect(content.locator("[data-field=contact_channel]")).to_have_text("WhatsApp")
    expect(content.locator("[data-field=contact_value]")).to_have_text("+90 555 123 45 67")
    expect(content.locator("[data-field=account]")).to_contain_text("deportasiýa merkezinde saklanýar")
    screenshot_of(staff_page, "contact-case-unlocked")

    staff_page.get_by_label("Assigned to").select_option(label="Aýlar Orazowa")
    staff_page.get_by_label("Status").select_option(label="In progress")
    staff_page.get_by_role("button", name="Save").click()
    expect(staff_page.locator("#case-handling [data-action-status]")).to_have_text("The case was updated.")
    expect(staff_page.locator("#case-summary")).to_contain_text("Aýlar Orazowa")
    expect(content).to_be_visible()  # the page was not reloaded: still unlocked

    staff_page.locator("#note-text").fill("Aklawçy Selin hanym ertir merkeze barar.")
    staff_page.get_by_role("button", name="Add note").click()
    expect(staff_page.locator(".case-note__text")).to_have_text("Aklawçy Selin hanym ertir merkeze barar.")
    expect(staff_page.locator("#case-notes [data-action-status]")).to_have_text("The note was added.")

    staff_page.get_by_label("Status").select_option(label="Closed")
    staff_page.get_by_role("button", name="Save").click()
    expect(staff_page.locator("#case-summary")).to_contain_text("Closed")
    expect(staff_page.locator("#case-history")).to_contain_text("Note added")
    screenshot_of(staff_page, "contact-case-closed")

    case.refresh_from_db()
    assert (case.status, case.assigned_to, case.closed_at is not None) == ("closed", caseworker, True)
    note = CaseNote.objects.get(help_request=case)
    assert "Selin" not in note.ciphertext and note.author == caseworker
    assert "Merdan" not in case.sealed_document


def test_a_caseworker_who_forgot_her_passphrase_recovers_her_key_and_shares_a_request_with_a_colleague(
    staff_page, live_server, demo_site, caseworker, django_user_model, screenshot_of
):
    material = make_caseworker_key(caseworker, passphrase=PASSPHRASE)  # made as the browser makes it
    case = services.submit_help_request(
        services.HelpRequestSubmission(
            category="residence", urgent=False, location="Mersin", contact_channel="signal",
            contact_value="jeren.01", language="tk", name="Jeren", account="Ikamet rugsadym gutardy.",
            consent_version="tk-0",
        )
    )  # fmt: skip
    colleague_user = make_caseworker(django_user_model, "batyr", "Batyr", "Annaýew")
    colleague = make_caseworker_key(colleague_user, iterations=1000)  # joined after the request came

    admin_login(staff_page, live_server, caseworker)
    staff_page.goto(f"{live_server.url}/admin/cases/{case.pk}/")
    staff_page.get_by_text("I have lost my passphrase").click()
    staff_page.get_by_label("Recovery key", exact=True).fill(recovery_text(material.recovery).lower())
    staff_page.get_by_role("button", name="Unlock").click()
    expect(staff_page.locator("[data-field=account]")).to_have_text(
        "Ikamet rugsadym gutardy.", timeout=UNLOCK_TIMEOUT
    )
    expect(staff_page.locator("[data-field=contact_channel]")).to_have_text("Signal")

    # She chooses a new passphrase with the recovery key; the server gets the key wrapped anew.
    staff_page.goto(f"{live_server.url}/admin/cases/key/")
    staff_page.get_by_text("I have lost my passphrase").click()
    staff_page.get_by_label("Recovery key", exact=True).fill(recovery_text(material.recovery))
    staff_page.get_by_role("button", name="Unlock").click()
    staff_page.get_by_label("New passphrase", exact=True).fill(NEW_PASSPHRASE, timeout=UNLOCK_TIMEOUT)
    staff_page.get_by_label("New passphrase again").fill(NEW_PASSPHRASE)
    staff_page.get_by_role("button", name="Set the new passphrase").click()
    expect(staff_page.locator("#passphrase-form .key-form__status")).to_have_text(
        "Your new passphrase is set.", timeout=UNLOCK_TIMEOUT
    )
    key = CaseworkerKey.objects.get(pk=material.key.pk)
    pkcs8 = AESGCM(
        passphrase_key(NEW_PASSPHRASE, unb64(key.passphrase_salt), key.passphrase_iterations)
    ).decrypt(unb64(key.passphrase_nonce), unb64(key.wrapped_private_key), KEY_AAD)
    assert serialization.load_der_private_key(pkcs8, password=None).private_numbers() == (
        material.private_key.private_numbers()
    )

    staff_page.goto(f"{live_server.url}/admin/cases/share/")
    row = staff_page.locator("table.listing tbody tr", has_text="Batyr Annaýew")
    expect(row).to_contain_text(colleague.key.short_fingerprint)
    expect(row.get_by_role("button", name="Share with this key")).to_be_disabled()
    staff_page.locator("#unlock-passphrase").fill(NEW_PASSPHRASE)
    staff_page.get_by_role("button", name="Unlock").click()
    expect(row.get_by_role("button", name="Share with this key")).to_be_enabled(timeout=UNLOCK_TIMEOUT)
    row.get_by_role("button", name="Share with this key").click()
    expect(row).to_contain_text("Requests shared: 1")
    screenshot_of(staff_page, "contact-share")
    # The colleague's private key (never on the server) now opens the request.
    assert open_case(case, colleague)["name"] == "Jeren"


def test_leave_this_page_quickly_opens_a_neutral_site_and_replaces_the_help_page_in_the_history(
    page, browser, live_server, demo_site
):
    neutral = "https://www.google.com/"
    page.route(f"{neutral}**", lambda route: route.fulfill(status=200, body="<title>Neutral</title>"))
    page.goto(f"{live_server.url}/tk/")
    page.goto(f"{live_server.url}/tk/help/")
    page.get_by_role("link", name="Bu sahypadan çalt çykyň").click()
    page.wait_for_url(neutral)
    page.go_back()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/tk/"  # "Back" skips the help page

    # Without JavaScript it is still a plain link to the neutral site.
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    plain = context.new_page()
    plain.route(f"{neutral}**", lambda route: route.fulfill(status=200, body="<title>Neutral</title>"))
    plain.goto(f"{live_server.url}/tk/help/")
    plain.get_by_role("link", name="Bu sahypadan çalt çykyň").click()
    plain.wait_for_url(neutral)
    context.close()


def test_replacing_a_key_names_the_requests_it_costs_and_wants_their_number_typed(
    staff_page, live_server, demo_site, caseworker, screenshot_of
):
    old_key = make_caseworker_key(caseworker, iterations=1000).key
    services.submit_help_request(
        services.HelpRequestSubmission(
            category="passport",
            urgent=False,
            location="Ankara",
            contact_channel="telegram",
            contact_value="@aman_t",
            language="tk",
            name="",
            account="Pasport.",
            consent_version="tk-0",
        )
    )  # fmt: skip  -- sealed to her key only: replacing it would lose the request for good

    admin_login(staff_page, live_server, caseworker)
    staff_page.goto(f"{live_server.url}/admin/cases/key/")
    expect(staff_page.locator("#key-form")).to_have_count(0)  # no replacement on the passphrase page
    staff_page.get_by_role("link", name="Replace my key…").click()
    expect(staff_page.locator("[data-replacement-cases]")).to_have_text("1")
    expect(staff_page.locator("[data-replacement-lost]")).to_have_text("1")
    staff_page.locator("#key-passphrase").fill(NEW_PASSPHRASE)
    staff_page.locator("#key-passphrase-again").fill(NEW_PASSPHRASE)

    button = staff_page.get_by_role("button", name="Replace my key")
    button.click()  # nothing confirmed: the browser does not even send the form
    status = staff_page.locator("#key-form .key-form__status")
    expect(status).to_have_text("")
    staff_page.get_by_label("I understand that my old key stops working").check()
    staff_page.get_by_label("To confirm, type the number of requests that would be lost for good: 1").fill(
        "2"
    )
    button.click()
    expect(status).to_have_text(
        "Type the number of requests that would be lost for good (1) to replace your key.",
        timeout=UNLOCK_TIMEOUT,
    )
    screenshot_of(staff_page, "contact-replace-key-refused")
    assert CaseworkerKey.objects.get(user=caseworker, active=True) == old_key

    staff_page.get_by_label("To confirm, type the number of requests that would be lost for good: 1").fill(
        "1"
    )
    button.click()
    expect(staff_page.locator("#recovery-key")).to_be_visible(timeout=UNLOCK_TIMEOUT)
    new_key = CaseworkerKey.objects.get(user=caseworker, active=True)
    assert new_key != old_key and new_key.passphrase_iterations == 600_000


def test_the_caseworkers_dashboard_shows_new_urgent_and_waiting_requests_on_a_phone_and_a_desktop(
    browser, staff_page, live_server, demo_site, caseworker, screenshot_of
):
    make_caseworker_key(caseworker, iterations=1000)
    for urgent, status in ((True, "new"), (False, "new"), (True, "waiting"), (False, "waiting")):
        case = services.submit_help_request(
            services.HelpRequestSubmission(
                category="detention", urgent=urgent, location="Stambul", contact_channel="phone",
                contact_value="+90 555 000 00 00", language="tk", name="Merdan", account="Saklandy.",
                consent_version="tk-0",
            )
        )  # fmt: skip
        HelpRequest.objects.filter(pk=case.pk).update(status=status)

    admin_login(staff_page, live_server, caseworker)
    # The same signed-in session on her phone.
    phone = browser.new_context(
        viewport=PHONE, locale="en-GB", storage_state=staff_page.context.storage_state()
    ).new_page()
    for page, name in ((staff_page, "contact-dashboard-desktop"), (phone, "contact-dashboard-phone")):
        page.goto(f"{live_server.url}/admin/")
        panel = page.locator("#caseworkers-inbox-section")
        expect(panel).to_be_in_viewport()
        for label, count in (("New", "2"), ("Urgent", "2"), ("Waiting", "2")):
            link = panel.get_by_role("link", name=f"{count} {label}")
            expect(link).to_be_visible()
            assert link.bounding_box()["height"] >= 44
        expect(panel).not_to_contain_text("Merdan")
        screenshot_of(page, name)

    staff_page.locator("#caseworkers-inbox-section").get_by_role("link", name="2 Urgent").click()
    rows = staff_page.locator("table.listing tbody tr")
    expect(rows).to_have_count(2)
    for index in range(2):
        expect(rows.nth(index).get_by_role("cell", name="Urgent", exact=True)).to_be_visible()
    screenshot_of(staff_page, "contact-inbox-urgent")
    phone.context.close()
