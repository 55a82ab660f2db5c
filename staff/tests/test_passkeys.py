"""Passkeys as the second factor: the real views and the library's real WebAuthn verification,
with a software authenticator (soft_authenticator.py) in place of the browser's."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.checks import run_checks
from django.test import Client, override_settings
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.models import ModelLogEntry

from staff.models import SignInPolicy

from .conftest import current_code, sign_in
from .soft_authenticator import SoftAuthenticator
from .two_factor_steps import enrol, forget_failures

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"  # test settings: SITE_URL
API = "/admin/two-factor/webauthn/"


def post_json(client, path, data=None, **extra):
    return client.post(path, json.dumps(data or {}), content_type="application/json", **extra)


def register(client, authenticator, name="Work laptop"):
    """What the passkeys page does: the ceremony, then the name typed beside the button."""
    options = post_json(client, API + "registration/begin/")
    assert options.status_code == 200, options.content
    done = post_json(client, API + "registration/complete/", authenticator.register(options.json()))
    assert done.status_code == 200, done.content
    pk = done.json()["id"]
    named = client.post("/admin/two-factor/passkeys/", {"passkey": pk, "name": name, "action": "rename"})
    assert named.status_code == 302
    return WebAuthnCredential.objects.get(pk=pk)


def sign_in_with_passkey(client, authenticator, origin=None, next_url="/admin/pages/"):
    options = post_json(client, API + "authentication/begin/")
    assert options.status_code == 200, options.content
    return post_json(
        client,
        API + f"authentication/complete/?next={next_url}",
        authenticator.sign_in(options.json(), origin=origin),
    )


@pytest.fixture
def with_passkey(client, staff_user):
    """An enrolled editor (app and recovery codes) who registered a passkey, signed out."""

    def make(username="editor", group="Editors"):
        user = staff_user(username, group)
        device, codes = enrol(client, user)
        authenticator = SoftAuthenticator(ORIGIN, "testserver")
        passkey = register(client, authenticator)
        client.logout()
        return user, authenticator, passkey, device, codes

    return make


def test_a_verified_user_registers_and_names_a_passkey(client, staff_user):
    user = staff_user()
    _device, codes = enrol(client, user)
    other = Client()  # another session, signed in before the passkey came
    sign_in(other, "editor")
    assert other.post("/admin/two-factor/", {"code": codes[0]}).status_code == 302
    assert "/admin/two-factor/passkeys/" in client.get("/admin/account/").content.decode()  # account menu
    assert "/admin/two-factor/passkeys/" in client.get("/admin/two-factor/recovery-codes/").content.decode()
    page = client.get("/admin/two-factor/passkeys/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You have no passkey yet." in page
    assert 'id="passkey-register-button"' in page
    assert "otp_webauthn_register.js" in page and "staff/js/passkeys.js" in page
    assert "<script>" not in page  # no inline script: the admin's CSP stays strict

    passkey = register(client, SoftAuthenticator(ORIGIN, "testserver"))
    assert passkey.user == user and passkey.name == "Work laptop" and passkey.confirmed
    page = client.get("/admin/two-factor/passkeys/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'value="Work laptop"' in page
    entry = ModelLogEntry.objects.get(action="staff.passkey_added")
    assert entry.object_id == str(user.pk) and entry.data["passkey"] == passkey.pk
    # A new second factor signs the user out of their other sessions.
    assert other.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_password_alone_cannot_register_a_passkey(client, staff_user):
    """Not even for an account without any second factor (the library would allow that)."""
    staff_user()
    sign_in(client, "editor")
    for path in (API + "registration/begin/", API + "registration/complete/"):
        response = post_json(client, path)
        assert response.status_code in (302, 403), path
    assert client.get("/admin/two-factor/passkeys/").status_code == 302
    assert not WebAuthnCredential.objects.exists()


def test_the_registration_views_themselves_refuse_an_unverified_session(rf, staff_user):
    from django.contrib.sessions.backends.cache import SessionStore

    from staff import passkeys

    user = staff_user()
    user.is_verified = lambda: False
    request = rf.post(API + "registration/begin/", "{}", content_type="application/json")
    request.user, request.session = user, SessionStore()
    response = passkeys.BeginRegistration.as_view()(request)
    assert response.status_code == 403
    assert "otp_webauthn_register_state" not in request.session


def test_signing_in_with_a_passkey(client, with_passkey):
    user, authenticator, passkey, _device, _codes = with_passkey()
    sign_in(client, "editor")
    page = client.get("/admin/two-factor/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="passkey-verification-button"' in page and "otp_webauthn_auth.js" in page
    assert client.get("/admin/pages/").status_code == 302

    done = sign_in_with_passkey(client, authenticator)
    assert done.status_code == 200, done.content
    assert done.json()["redirect_url"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    entry = ModelLogEntry.objects.filter(action="staff.second_factor_verified").latest("pk")
    assert entry.data == {"with": "WebAuthnCredential"} and entry.object_id == str(user.pk)
    passkey.refresh_from_db()
    assert passkey.sign_count == 1 and passkey.last_used_at is not None


def test_a_passkey_answer_from_another_origin_is_refused(client, with_passkey):
    """A mirror or a look-alike page: the browser puts its own origin in the answer."""
    _user, authenticator, _passkey, _device, _codes = with_passkey()
    sign_in(client, "editor")
    for origin in ("https://hhd-mirror.example", "http://testserver.evil.example"):
        refused = sign_in_with_passkey(client, authenticator, origin=origin)
        assert refused.status_code >= 400
        assert client.get("/admin/pages/").status_code == 302
    assert ModelLogEntry.objects.filter(action="staff.second_factor_failed").count() == 2


def test_someone_elses_passkey_does_not_pass_my_second_step(client, with_passkey):
    _user, authenticator, _passkey, _device, _codes = with_passkey()
    with_passkey("other", "Editors")
    sign_in(client, "other")
    refused = sign_in_with_passkey(client, authenticator)
    assert refused.status_code >= 400
    assert client.get("/admin/pages/").status_code == 302


def test_a_role_that_requires_passkeys_is_refused_with_an_app_code(client, with_passkey):
    user, authenticator, _passkey, device, codes = with_passkey("case", "Caseworkers")
    policy = SignInPolicy.load()
    policy.passkey_roles.add(Group.objects.get(name="Caseworkers"))

    sign_in(client, "case")
    page = client.get("/admin/two-factor/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your role must sign in with a passkey" in page
    forget_failures(device)
    type(device).objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    refused = client.post(
        "/admin/two-factor/", {"code": current_code(device), "next": "/admin/"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 200
    assert "a code from the authenticator app is not enough" in refused.content.decode()
    assert client.get("/admin/").status_code == 302
    assert ModelLogEntry.objects.filter(action="staff.second_factor_refused", object_id=str(user.pk)).exists()

    # A recovery code still works (the way back for a member who lost their passkey) ...
    assert client.post("/admin/two-factor/", {"code": codes[0], "next": "/admin/"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    # ... and so does the passkey.
    sign_in(client, "case")
    assert sign_in_with_passkey(client, authenticator, next_url="/admin/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_roles_not_chosen_still_sign_in_with_the_app(client, with_passkey):
    _user, _authenticator, _passkey, device, _codes = with_passkey()
    SignInPolicy.load().passkey_roles.add(Group.objects.get(name="Caseworkers"))
    sign_in(client, "editor")
    forget_failures(device)
    type(device).objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    assert client.post("/admin/two-factor/", {"code": current_code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_removing_a_passkey_is_logged_and_signs_out_other_sessions(client, with_passkey):
    user, authenticator, passkey, _device, codes = with_passkey()
    sign_in(client, "editor")
    assert sign_in_with_passkey(client, authenticator).status_code == 200
    other = Client()
    sign_in(other, "editor")
    assert other.post("/admin/two-factor/", {"code": codes[0]}).status_code == 302
    assert other.get("/admin/").status_code == 200

    removed = client.post("/admin/two-factor/passkeys/", {"passkey": passkey.pk, "action": "remove"})
    assert removed.status_code == 302
    assert not WebAuthnCredential.objects.exists()
    entry = ModelLogEntry.objects.get(action="staff.passkey_removed")
    assert entry.object_id == str(user.pk)
    assert other.get("/admin/")["Location"].startswith("/admin/login/")
    # This session passed with the passkey just removed: it takes the second step again.
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/")


def test_nobody_renames_or_removes_someone_elses_passkey(client, with_passkey):
    _user, _authenticator, passkey, _device, _codes = with_passkey()
    _other, _a, _p, _d, other_codes = with_passkey("other", "Editors")
    sign_in(client, "other")
    client.post("/admin/two-factor/", {"code": other_codes[0]})
    client.post("/admin/two-factor/passkeys/", {"passkey": passkey.pk, "name": "mine", "action": "rename"})
    client.post("/admin/two-factor/passkeys/", {"passkey": passkey.pk, "action": "remove"})
    passkey.refresh_from_db()
    assert passkey.name == "Work laptop"
    assert not ModelLogEntry.objects.filter(action="staff.passkey_removed").exists()


def test_the_sign_in_policy_is_for_administrators_only(client, staff_user):
    from staff.roles import sync_roles

    sync_roles()  # as after every migrate: the roles get the permissions of the new setting
    url = f"/admin/settings/staff/signinpolicy/{SignInPolicy.load().pk}/"
    enrol(client, staff_user("editor", "Editors"))
    assert client.get(url).status_code in (302, 403)
    client.logout()

    admin = staff_user("admin", "Administrators")
    enrol(client, admin)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Tick a role only once its members have registered a passkey." in page.content.decode()
    caseworkers = Group.objects.get(name="Caseworkers")
    administrators = Group.objects.get(name="Administrators")
    saved = client.post(url, {"passkey_roles": [caseworkers.pk, administrators.pk]})
    assert saved.status_code == 302, saved.content
    assert set(SignInPolicy.load().passkey_roles.all()) == {caseworkers, administrators}
    assert SignInPolicy.requires_passkey(admin)


def test_no_role_requires_passkeys_on_a_new_install():
    assert not SignInPolicy.load().passkey_roles.exists()


def test_only_the_admin_may_ask_for_passkeys(client):
    public = client.get("/robots.txt")["Permissions-Policy"]
    assert "publickey-credentials-get=()" in public and "publickey-credentials-create=()" in public
    admin = client.get("/admin/login/")["Permissions-Policy"]
    assert "publickey-credentials-get=(self)" in admin and "publickey-credentials-create=(self)" in admin


@override_settings(ALLOWED_HOSTS=["testserver", "mirror.example"])
def test_passkeys_are_not_offered_on_another_address(client, with_passkey):
    with_passkey()
    sign_in(client, "editor", HTTP_HOST="mirror.example")
    page = client.get("/admin/two-factor/", HTTP_HOST="mirror.example", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "passkey-verification-button" not in page.content.decode()


def check_ids():
    return {
        message.id
        for message in run_checks()
        if message.id.startswith(("staff.", "otp_webauthn.")) and not message.is_silenced()
    }


def test_the_settings_pass_their_checks():
    assert check_ids() == set()


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ({"SITE_URL": ""}, {"staff.E020", "staff.E021"}),
        ({"OTP_WEBAUTHN_RP_ID_CALLABLE": "", "OTP_WEBAUTHN_RP_ID": "example.org"}, {"staff.E020"}),
        ({"OTP_WEBAUTHN_HELPER_CLASS": "django_otp_webauthn.helpers.WebAuthnHelper"}, {"staff.E021"}),
        ({"SESSION_COOKIE_SECURE": True}, {"staff.E022"}),
        ({"SESSION_COOKIE_SECURE": True, "SITE_URL": "https://hhd.example.org"}, set()),
        ({"OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN": True}, {"staff.E023"}),
        ({"SITE_URL": "http://127.0.0.1:8000"}, {"staff.W024"}),
    ],
)
def test_the_checks_catch_wrong_passkey_settings(changed, expected):
    with override_settings(**changed):
        assert check_ids() == expected


def test_the_scripts_translations_are_served(client):
    """The library's scripts speak through gettext(): their messages in our languages."""
    for language, text in [("tk", "Giriş açary bilen giriň"), ("ru", "Войти с ключом доступа")]:
        response = client.get(API + "jsi18n/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert json.dumps(text)[1:-1] in response.content.decode() or text in response.content.decode()
        assert "Verify with Passkey" in response.content.decode()
