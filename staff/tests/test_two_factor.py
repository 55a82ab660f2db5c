"""Two-step sign-in to the admin, through the real views (not force_login)."""

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from .conftest import current_code, enrolment_path, present_link, sign_in
from .two_factor_steps import ADMIN_URLS, enrol, forget_failures, set_up_authenticator

pytestmark = pytest.mark.django_db


def test_a_password_alone_reaches_no_admin_page(client, staff_user):
    staff_user()
    response = sign_in(client, "editor")
    assert response.status_code == 302
    for url in ADMIN_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/two-factor/not-set-up/"), url


def test_first_sign_in_sets_up_an_authenticator_and_shows_recovery_codes_once(client, staff_user):
    user = staff_user()
    path = enrolment_path(user)
    sign_in(client, "editor")
    present_link(client, path)
    wrong = client.post("/admin/two-factor/set-up/", {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 200
    assert b"This code is not valid" in wrong.content
    device, codes = set_up_authenticator(client)
    assert device.confirmed and device.user == user
    assert client.get("/admin/pages/").status_code == 200
    again = client.get("/admin/two-factor/recovery-codes/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert not any(code in again for code in codes)  # shown once only
    assert "10 unused recovery codes" in again
    assert ModelLogEntry.objects.filter(action="staff.second_factor_set", object_id=str(user.pk)).exists()


def test_later_sign_ins_ask_for_a_code_and_a_wrong_code_is_refused(client, staff_user):
    device, _codes = enrol(client, staff_user())
    client.logout()

    sign_in(client, "editor")
    response = client.get("/admin/pages/")
    assert response["Location"].startswith("/admin/two-factor/?next=")
    wrong = client.post(
        "/admin/two-factor/", {"code": "123456", "next": "/admin/pages/"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert wrong.status_code == 200 and b"This code is not valid" in wrong.content
    assert client.get("/admin/pages/").status_code == 302
    forget_failures(device)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the app's next code (30 s later)
    device.refresh_from_db()
    right = client.post("/admin/two-factor/", {"code": current_code(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    assert ModelLogEntry.objects.filter(action="staff.second_factor_failed").count() == 1
    assert ModelLogEntry.objects.filter(action="staff.second_factor_verified").count() == 1


def test_a_recovery_code_works_once(client, staff_user):
    _device, codes = enrol(client, staff_user())
    client.logout()

    sign_in(client, "editor")
    response = client.post("/admin/two-factor/", {"code": codes[0].lower(), "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.count() == 9
    client.logout()

    other = Client()
    sign_in(other, "editor")
    reused = other.post("/admin/two-factor/", {"code": codes[0]}, HTTP_ACCEPT_LANGUAGE="en")
    assert reused.status_code == 200 and b"This code is not valid" in reused.content


def test_a_password_alone_cannot_replace_the_authenticator(client, staff_user):
    """Otherwise a stolen password could register the thief's own app."""
    enrol(client, staff_user())
    client.logout()

    sign_in(client, "editor")
    response = client.get("/admin/two-factor/set-up/")
    assert response["Location"].startswith("/admin/two-factor/?")
    assert client.post("/admin/two-factor/set-up/", {"code": "123456"}).status_code == 403
    assert TOTPDevice.objects.filter(confirmed=True).count() == 1


def test_new_recovery_codes_end_the_other_sessions(client, staff_user):
    _device, codes = enrol(client, staff_user())
    other = Client()
    sign_in(other, "editor")
    other.post("/admin/two-factor/", {"code": codes[0]})
    assert other.get("/admin/").status_code == 200

    client.post("/admin/two-factor/recovery-codes/")
    assert client.get("/admin/").status_code == 200  # this session carries on
    response = other.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert other.get("/admin/")["Location"].startswith("/admin/login/")  # signed out for good


def test_a_new_password_ends_the_other_sessions(client, staff_user):
    """Django's session hash: a session signed in with the old password is over."""
    user = staff_user()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    user.set_password("another-long-pass-phrase-9")
    user.save()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pass1", "at least 12 characters"),
        ("password1234", "too common"),
    ],
)
def test_passwords_must_be_long_and_not_common(password, message):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_password(password)
    assert message in " ".join(error.value.messages)


def test_the_dev_demo_admin_may_skip_the_second_step_only_when_listed(client, staff_user, settings):
    staff_user(username="admin", group="Administrators")
    sign_in(client, "admin")
    assert client.get("/admin/").status_code == 302
    settings.TWO_FACTOR_EXEMPT_USERNAMES = ["admin"]
    assert client.get("/admin/").status_code == 200


def test_production_settings_refuse_an_exempt_user():
    from hhd_site.tests.production import PRODUCTION_ENV, run_manage

    result = run_manage({**PRODUCTION_ENV, "TWO_FACTOR_EXEMPT_USERNAMES": "admin"}, "check")
    assert result.returncode != 0
    assert "TWO_FACTOR_EXEMPT_USERNAMES must be empty in production" in result.stderr
    assert run_manage(PRODUCTION_ENV, "check").returncode == 0
