import pytest
from django.contrib.auth.models import Group
from django_otp.oath import TOTP

PASSWORD = "correct-horse-battery-staple-7"  # noqa: S105 - a throwaway test account


def current_code(device) -> str:
    """The code the user's authenticator app shows now."""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


@pytest.fixture
def staff_user(django_user_model):
    """An editor with a password and no second factor yet."""

    def make(username="editor", group="Editors"):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def sign_in(client, username, password=PASSWORD, **extra):
    """The first step, through Wagtail's own login view."""
    return client.post(
        "/admin/login/", {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE="en", **extra
    )


def enrolment_path(user, issued_by=None) -> str:
    """A new enrolment link of ``user``, as the path the test client opens."""
    from urllib.parse import urlsplit

    from staff.enrolment import issue_link

    return urlsplit(issue_link(user, issued_by=issued_by, via="test").url).path


def present_link(client, path):
    """Press the button of the link's page (the client is signed in with the password)."""
    return client.post(path, HTTP_ACCEPT_LANGUAGE="en")
