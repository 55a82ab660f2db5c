"""Fixtures of the donations app's tests."""

import time

import pytest
from django.contrib.auth.models import Group, Permission

from donations.factories import DonationPageFactory
from safety import guards


@pytest.fixture
def donation_page(site_tree):
    """A live Turkmen donation page with a lira and a euro account, under the test site's home."""
    return DonationPageFactory(parent=site_tree.homes["tk"])


def backdated_token(form_name="pledge", seconds=30):
    """A form token issued ``seconds`` ago, as if the visitor took that long to fill the form."""
    real_time = time.time
    try:
        time.time = lambda: real_time() - seconds
        return guards.issue_form_token(form_name)
    finally:
        time.time = real_time


def pledge_data(**overrides):
    """What a visitor's browser posts for a pledge of 500 TRY, once, anonymously."""
    data = {
        "amount": "500",
        "currency": "TRY",
        "frequency": "one_off",
        "name": "",
        "email": "",
        "website": "",
        "form_token": backdated_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def treasurer(django_user_model):
    """A member of a Treasurer group that holds donations.manage_pledges."""
    group, _created = Group.objects.get_or_create(name="Treasurer")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="donations", codename="manage_pledges"),
    )
    user = django_user_model.objects.create_user(username="treasurer", password="not-a-real-password")
    user.groups.add(group)
    return english_admin(user)


def english_admin(user):
    """Let the admin speak English to this user (tests compare English texts)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user
