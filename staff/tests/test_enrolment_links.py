"""Enrolment links: a first second factor only with the password and a link an administrator
made, through the real login and two-step views (not force_login)."""

import hashlib
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from staff.models import EnrolmentLink

from .conftest import PASSWORD, enrolment_path, present_link, sign_in
from .two_factor_steps import ADMIN_URLS, enrol, set_up_authenticator

pytestmark = pytest.mark.django_db

NOT_ENROLLED = "Your account has no second factor yet. Ask an administrator for an enrolment link."
REFUSED = "This enrolment link does not work"


def refused(response) -> bool:
    return response.status_code == 410 and REFUSED in response.content.decode()


def assert_no_set_up(client):
    """Neither the set-up form nor an admin page opens, and no authenticator can be added."""
    page = client.get("/admin/two-factor/set-up/")
    assert page.status_code == 302 and not page["Location"].startswith("/admin/two-factor/set-up/")
    assert client.post("/admin/two-factor/set-up/", {"code": "123456"}).status_code == 403
    for url in ADMIN_URLS:
        assert client.get(url).status_code == 302, url
    assert not TOTPDevice.objects.exists()


# --- A password alone ------------------------------------------------------------------


def test_a_password_alone_shows_the_ask_for_a_link_page_and_no_set_up_form(client, staff_user):
    staff_user()
    sign_in(client, "editor")
    response = client.get("/admin/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.redirect_chain[-1][0].startswith("/admin/two-factor/not-set-up/")
    page = response.content.decode()
    assert NOT_ENROLLED in page
    assert 'name="code"' not in page and "staff-qr-code" not in page
    assert_no_set_up(client)
    assert client.get("/admin/two-factor/", HTTP_ACCEPT_LANGUAGE="en")["Location"].startswith(
        "/admin/two-factor/not-set-up/"
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [("tk", "administratordan"), ("ru", "администратор"), ("tr", "yöneticiden")],
)
def test_the_ask_for_a_link_page_speaks_the_users_language(client, staff_user, language, words):
    staff_user()
    sign_in(client, "editor")
    page = client.get("/admin/two-factor/not-set-up/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert words in page.lower()
    assert NOT_ENROLLED not in page


# --- A link and the password -----------------------------------------------------------


def test_a_link_and_the_password_set_up_the_authenticator_and_then_the_admin_opens(client, staff_user):
    user = staff_user()
    path = enrolment_path(user)

    # Opened before signing in: a page that asks to sign in, nothing spent.
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "data-staff-enrol-sign-in" in page.content.decode()
    to_login = client.post(path)
    assert to_login.status_code == 302 and to_login["Location"].startswith("/admin/login/?next=")
    assert EnrolmentLink.objects.get().used_at is None

    # The password; the login page sends the user back to the link.
    signed_in = client.post(to_login["Location"], {"username": "editor", "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == path
    ready = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert ready.status_code == 200 and "data-staff-enrol" in ready.content.decode()
    assert EnrolmentLink.objects.get().used_at is None  # opening (GET) spends nothing

    response = present_link(client, path)
    assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/set-up/")
    device, codes = set_up_authenticator(client)
    assert device.confirmed and device.user == user and len(codes) == 10
    assert client.get("/admin/pages/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_link_alone_is_not_enough(client, staff_user):
    user = staff_user()
    path = enrolment_path(user)
    assert client.post(path)["Location"].startswith("/admin/login/")
    assert client.get("/admin/two-factor/set-up/")["Location"].startswith("/admin/login/")
    assert client.post("/admin/two-factor/set-up/", {"code": "123456"})["Location"].startswith(
        "/admin/login/"
    )
    assert EnrolmentLink.objects.get().used_at is None
    assert not TOTPDevice.objects.exists()


def test_mail_scanners_opening_the_link_spend_nothing(client, staff_user):
    user = staff_user()
    path = enrolment_path(user)
    for _scan in range(3):
        assert Client().get(path).status_code == 200
    sign_in(client, "editor")
    assert present_link(client, path).status_code == 302


def test_a_link_works_once(client, staff_user):
    user = staff_user()
    path = enrolment_path(user)
    sign_in(client, "editor")
    present_link(client, path)
    set_up_authenticator(client)
    client.logout()

    sign_in(client, "editor")
    assert refused(present_link(client, path))
    assert refused(client.get(path, HTTP_ACCEPT_LANGUAGE="en"))
    assert client.get("/admin/two-factor/set-up/")["Location"].startswith("/admin/two-factor/?")
    assert TOTPDevice.objects.filter(confirmed=True).count() == 1


def test_a_link_presented_in_one_session_is_refused_in_another(client, staff_user):
    user = staff_user()
    path = enrolment_path(user)
    sign_in(client, "editor")
    present_link(client, path)

    other = Client()
    sign_in(other, "editor")
    assert refused(present_link(other, path))
    assert_no_set_up(other)
    set_up_authenticator(client)  # the first session carries on


def test_an_expired_link_is_refused(client, staff_user):
    user = staff_user()
    path = enrolment_path(user)
    EnrolmentLink.objects.update(issued_at=timezone.now() - timedelta(hours=25))
    sign_in(client, "editor")
    assert refused(present_link(client, path))
    assert_no_set_up(client)


def test_a_link_of_23_hours_still_works(client, staff_user):
    user = staff_user()
    path = enrolment_path(user)
    EnrolmentLink.objects.update(issued_at=timezone.now() - timedelta(hours=23))
    sign_in(client, "editor")
    assert present_link(client, path)["Location"].startswith("/admin/two-factor/set-up/")


def test_a_newer_link_cancels_the_older_one(client, staff_user):
    user = staff_user()
    older = enrolment_path(user)
    newer = enrolment_path(user)
    sign_in(client, "editor")
    assert refused(present_link(client, older))
    assert_no_set_up(client)
    assert present_link(client, newer)["Location"].startswith("/admin/two-factor/set-up/")
    assert EnrolmentLink.objects.count() == 1  # only a hash of the newest is kept


def test_a_newer_link_also_ends_the_set_up_the_older_one_opened(client, staff_user):
    user = staff_user()
    path = enrolment_path(user)
    sign_in(client, "editor")
    present_link(client, path)
    enrolment_path(user)  # the administrator makes another one: the first might have leaked
    assert client.get("/admin/two-factor/set-up/")["Location"].startswith("/admin/two-factor/not-set-up/")
    assert client.post("/admin/two-factor/set-up/", {"code": "123456"}).status_code == 403


def test_the_set_up_a_link_opened_ends_after_an_hour(client, staff_user):
    user = staff_user()
    path = enrolment_path(user)
    sign_in(client, "editor")
    present_link(client, path)
    EnrolmentLink.objects.update(used_at=timezone.now() - timedelta(minutes=61))
    assert client.post("/admin/two-factor/set-up/", {"code": "123456"}).status_code == 403


def test_the_link_of_one_user_is_refused_for_another(client, staff_user):
    alice = staff_user(username="alice")
    staff_user(username="bob")
    path = enrolment_path(alice)
    sign_in(client, "bob")
    response = present_link(client, path)
    assert response.status_code == 403
    assert "made for another account" in response.content.decode()
    assert_no_set_up(client)
    assert EnrolmentLink.objects.get().used_at is None  # still Alice's to use
    entry = ModelLogEntry.objects.get(action="staff.enrolment_link_refused")
    assert entry.object_id == str(alice.pk) and entry.user.get_username() == "bob"

    client.logout()
    sign_in(client, "alice")
    assert present_link(client, path)["Location"].startswith("/admin/two-factor/set-up/")


def test_only_a_hash_of_the_token_is_stored(staff_user):
    user = staff_user()
    token = enrolment_path(user).rstrip("/").rsplit("/", 1)[-1]
    link = EnrolmentLink.objects.get()
    assert len(token) >= 40 and token not in link.token_hash
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()


def test_issuing_and_using_a_link_are_in_the_audit_log(client, staff_user):
    user = staff_user()
    enrol(client, user)
    issued = ModelLogEntry.objects.get(action="staff.enrolment_link_issued", object_id=str(user.pk))
    assert issued.data["via"] == "test" and "expires_at" in issued.data
    used = ModelLogEntry.objects.get(action="staff.enrolment_link_used", object_id=str(user.pk))
    assert used.user == user
    assert ModelLogEntry.objects.filter(action="staff.second_factor_set", object_id=str(user.pk)).exists()


def test_a_link_lets_a_user_who_lost_phone_and_codes_replace_the_authenticator(client, staff_user):
    """The administrator's decision replaces the second factor; the old phone's sessions end."""
    user = staff_user()
    old_device, _codes = enrol(client, user)
    client.logout()
    old_session = Client()
    old_session.force_login(user)
    assert old_session.get("/admin/").status_code == 200

    path = enrolment_path(user)
    sign_in(client, "editor")
    assert client.get("/admin/pages/")["Location"].startswith("/admin/two-factor/?")  # a code, as ever
    present_link(client, path)
    new_device, _codes = set_up_authenticator(client)
    assert list(TOTPDevice.objects.filter(user=user, confirmed=True)) == [new_device]
    assert new_device != old_device
    assert client.get("/admin/pages/").status_code == 200
    assert old_session.get("/admin/")["Location"].startswith("/admin/login/")


# --- Where links are made ----------------------------------------------------------------


def test_an_administrator_makes_a_link_in_the_users_area_and_it_works(client, staff_user):
    chief = staff_user(username="chief", group="Administrators")
    newcomer = staff_user(username="newcomer")
    admin = Client()
    admin.force_login(chief)
    listing = admin.get("/admin/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    url = f"/admin/staff/enrolment-link/{newcomer.pk}/"
    assert url in listing
    page = admin.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "data-staff-issue-enrolment-link" in page.content.decode()
    assert not EnrolmentLink.objects.exists()  # opening the page makes nothing

    made = admin.post(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    link = made.split("data-staff-enrolment-link>", 1)[1].split("<", 1)[0]
    assert link.startswith("http://testserver/admin/two-factor/enrol/")
    entry = ModelLogEntry.objects.get(action="staff.enrolment_link_issued", object_id=str(newcomer.pk))
    assert entry.user == chief and entry.data["via"] == "admin"

    sign_in(client, "newcomer")
    assert present_link(client, urlsplit(link).path)["Location"].startswith("/admin/two-factor/set-up/")
    set_up_authenticator(client)
    assert client.get("/admin/").status_code == 200


def denied(response) -> bool:
    """Wagtail's answer to a forbidden admin page: back to the dashboard with an error."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_only_those_who_may_change_users_make_links(client, staff_user, django_user_model):
    editor = staff_user(username="editor")
    chief = staff_user(username="chief", group="Administrators")
    root = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(editor)
    assert denied(client.get(f"/admin/staff/enrolment-link/{chief.pk}/"))
    assert denied(client.post(f"/admin/staff/enrolment-link/{chief.pk}/"))
    assert f"/admin/staff/enrolment-link/{chief.pk}/" not in client.get("/admin/users/").content.decode()
    client.force_login(chief)
    # An Administrator who is not a superuser cannot make one for a superuser.
    assert denied(client.post(f"/admin/staff/enrolment-link/{root.pk}/"))
    assert f"/admin/staff/enrolment-link/{root.pk}/" not in client.get("/admin/users/").content.decode()
    client.force_login(root)
    assert client.post(f"/admin/staff/enrolment-link/{chief.pk}/").status_code == 200
    assert EnrolmentLink.objects.filter(user=chief).count() == 1
    assert not EnrolmentLink.objects.exclude(user=chief).exists()


def test_the_link_page_needs_the_second_step_of_the_administrator(client, staff_user):
    staff_user(username="chief", group="Administrators")
    newcomer = staff_user(username="newcomer")
    sign_in(client, "chief")  # a password only
    response = client.post(f"/admin/staff/enrolment-link/{newcomer.pk}/")
    assert response.status_code == 302 and "/admin/two-factor/" in response["Location"]
    assert not EnrolmentLink.objects.exists()


def link_path(output: str) -> str:
    url = next(word for word in output.split() if word.startswith("http://testserver/"))
    return urlsplit(url).path


def test_create_admin_makes_a_superuser_and_prints_a_link_that_works(client, monkeypatch, django_user_model):
    monkeypatch.setenv("HHD_TEST_ADMIN_PASSWORD", PASSWORD)
    out = StringIO()
    call_command(
        "create_admin",
        "founder",
        "--email",
        "f@example.org",
        "--password-from-env",
        "HHD_TEST_ADMIN_PASSWORD",
        stdout=out,
    )
    user = django_user_model.objects.get(username="founder")
    assert user.is_superuser and user.groups.filter(name="Administrators").exists()
    assert user.check_password(PASSWORD)

    sign_in(client, "founder")
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/not-set-up/")
    assert present_link(client, link_path(out.getvalue()))["Location"].startswith("/admin/two-factor/set-up/")
    set_up_authenticator(client)
    assert client.get("/admin/users/").status_code == 200
    entry = ModelLogEntry.objects.get(action="staff.enrolment_link_issued", object_id=str(user.pk))
    assert entry.user is None and entry.data["via"] == "manage.py create_admin"


def test_create_admin_refuses_a_weak_password_and_an_existing_name(
    monkeypatch, staff_user, django_user_model
):
    monkeypatch.setenv("HHD_TEST_ADMIN_PASSWORD", "password1234")
    with pytest.raises(CommandError, match="not accepted"):
        call_command("create_admin", "founder", "--password-from-env", "HHD_TEST_ADMIN_PASSWORD")
    assert not django_user_model.objects.filter(username="founder").exists()
    monkeypatch.delenv("HHD_TEST_ADMIN_PASSWORD")
    with pytest.raises(CommandError, match="empty or not set"):
        call_command("create_admin", "founder", "--password-from-env", "HHD_TEST_ADMIN_PASSWORD")
    staff_user()
    monkeypatch.setenv("HHD_TEST_ADMIN_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_admin", "editor", "--password-from-env", "HHD_TEST_ADMIN_PASSWORD")
    assert django_user_model.objects.filter(username="editor", is_superuser=False).exists()


def test_enrolment_link_prints_a_fresh_link_and_cancels_the_older(client, staff_user):
    user = staff_user()
    older = enrolment_path(user)
    out = StringIO()
    call_command("enrolment_link", "editor", stdout=out)
    sign_in(client, "editor")
    assert refused(present_link(client, older))
    assert present_link(client, link_path(out.getvalue()))["Location"].startswith("/admin/two-factor/set-up/")
    with pytest.raises(CommandError, match="no user"):
        call_command("enrolment_link", "nobody")
