"""Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain) registers a
passkey on the passkeys page and signs in with it at the second step, under the admin's
enforced CSP, with django-otp-webauthn's scripts served from this origin."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect
from wagtail.models import ModelLogEntry

from staff.models import SignInPolicy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-test-only-password"  # noqa: S105


@pytest.fixture
def canonical_address(settings, live_server):
    """The live server is the site's public address: the relying party is its host."""
    settings.SITE_URL = live_server.url
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return live_server.url


def virtual_authenticator(page):
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    added = session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return session, added["authenticatorId"]


def test_a_caseworker_registers_a_passkey_and_signs_in_with_it(
    page, canonical_address, admin_sign_in, screenshot
):
    user = get_user_model().objects.create_user("case", "case@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Caseworkers"))
    page.set_viewport_size({"width": 1024, "height": 900})
    admin_sign_in(page, "case", PASSWORD)
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    session, authenticator = virtual_authenticator(page)

    page.goto(f"{canonical_address}/admin/two-factor/passkeys/")
    page.locator("input[name=name]").fill("Office laptop")
    page.locator("#passkey-register-button").click()
    expect(page.locator("[data-staff-passkeys] input[name=name]")).to_have_value("Office laptop")
    credentials = session.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    assert len(credentials) == 1 and credentials[0]["isResidentCredential"]
    passkey = WebAuthnCredential.objects.get(user=user)
    assert passkey.name == "Office laptop"
    expect(page.locator(".messages > ul")).to_have_css("opacity", "1")  # the message has slid in
    screenshot("admin-passkeys")

    # The administrators now require passkeys of caseworkers.
    SignInPolicy.load().passkey_roles.add(Group.objects.get(name="Caseworkers"))
    page.context.clear_cookies()  # a new sign-in, on the same device (the authenticator stays)
    page.goto(f"{canonical_address}/admin/login/?next=/admin/reports/site-history/")
    page.locator("input[name=username]").fill("case")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/two-factor/"))
    expect(page.locator("[data-staff-passkey-required]")).to_be_visible()
    screenshot("admin-passkey-second-step")
    page.locator("#passkey-verification-button").click()
    expect(page).not_to_have_url(re.compile(r"/two-factor/"))
    page.goto(f"{canonical_address}/admin/")
    expect(page).to_have_url(f"{canonical_address}/admin/")
    passkey.refresh_from_db()
    assert passkey.sign_count >= 1 or passkey.last_used_at is not None
    assert ModelLogEntry.objects.filter(action="staff.passkey_added").count() == 1
    assert (
        ModelLogEntry.objects.filter(action="staff.second_factor_verified")
        .filter(data__with="WebAuthnCredential")
        .count()
        == 1
    )
    assert not [error for error in console_errors if "Content Security Policy" in error], console_errors
