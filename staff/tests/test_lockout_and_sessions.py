"""Lockout after failed sign-ins (django-axes, through Wagtail's login view), session
lifetimes, and the audit log of sign-ins."""

import time

import pytest
from django.test import Client
from wagtail.models import ModelLogEntry

from staff import sessions

from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_five_wrong_passwords_lock_that_user_from_that_address(client, staff_user):
    user = staff_user()
    for _attempt in range(4):
        response = sign_in(client, "editor", "wrong-password-123")
        assert response.status_code == 200  # the login form again, with its error
    assert sign_in(client, "editor", "wrong-password-123").status_code == 429  # the fifth
    locked = sign_in(client, "editor", PASSWORD)  # even the right password now
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content
    assert "_auth_user_id" not in client.session
    assert ModelLogEntry.objects.filter(action="staff.login_failed", object_id=str(user.pk)).count() >= 5

    # Another address is not locked out by these attempts.
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert sign_in(elsewhere, "editor", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_failed_sign_ins_with_unknown_names_are_logged_too(client, db):
    sign_in(client, "nobody-here", "whatever-password")
    entry = ModelLogEntry.objects.get(action="staff.login_failed")
    assert entry.data == {"username": "nobody-here"}


def test_a_sign_in_is_written_to_the_audit_log(client, staff_user):
    user = staff_user()
    sign_in(client, "editor")
    assert ModelLogEntry.objects.filter(action="staff.login", object_id=str(user.pk)).count() == 1


def age_session(client, *, idle: int, lasted: int):
    session = client.session
    now = int(time.time())
    session[sessions.LAST_SEEN] = now - idle
    session[sessions.STARTED] = now - lasted
    session.save()


def test_admin_sessions_end_after_thirty_minutes_idle(client, staff_user):
    client.force_login(staff_user())
    age_session(client, idle=29 * 60, lasted=3600)
    assert client.get("/admin/").status_code == 200
    age_session(client, idle=31 * 60, lasted=3600)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_admin_sessions_end_after_twelve_hours_even_when_active(client, staff_user):
    client.force_login(staff_user())
    age_session(client, idle=10, lasted=12 * 3600 - 60)
    assert client.get("/admin/").status_code == 200
    age_session(client, idle=10, lasted=12 * 3600 + 60)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_permission_changes_are_written_to_the_audit_log(client, staff_user, django_user_model):
    from django.contrib.auth.models import Group

    admin = staff_user(username="chief", group="Administrators")
    target = staff_user(username="volunteer")
    client.force_login(admin)
    response = client.post(
        f"/admin/users/edit/{target.pk}/",
        {
            "username": "volunteer",
            "email": "volunteer@example.org",
            "first_name": "Aýna",
            "last_name": "Volunteer",
            "is_active": "on",
            "groups": [Group.objects.get(name="Moderators").pk],
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    entry = ModelLogEntry.objects.filter(action="staff.permissions_changed", object_id=str(target.pk)).latest(
        "pk"
    )
    assert entry.user == admin
    assert "Moderators" in str(entry.data)
