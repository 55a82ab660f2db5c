"""Fixtures of the newsletter's tests."""

import re
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.users.models import UserProfile

from home.factories import translate_page
from newsletter import sending
from newsletter.models import NewsletterPage
from safety import guards


@pytest.fixture(autouse=True)
def public_base_url(settings):
    """Links in mails are built on this base; tests open their paths with the test client."""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = "https://hhd.example"


@pytest.fixture
def newsletter_pages(site_tree):
    """The newsletter page in Turkmen and its Russian translation, by language code."""
    page = NewsletterPage(
        title="Habarnama",
        slug="newsletter",
        intro="Möhüm habarlar e-poçtaňyza.",
        privacy_page=site_tree.about["tk"],
    )
    site_tree.homes["tk"].add_child(instance=page)
    page.save_revision().publish()
    russian = translate_page(page, "ru", title="Рассылка", intro="Важные новости на вашу почту.")
    return {"tk": page, "ru": russian}


def aged_token(form_name="newsletter-subscribe", seconds=30):
    """A form token issued ``seconds`` ago, as if the visitor had taken that long to fill the form."""
    real_time = time.time
    try:
        time.time = lambda: real_time() - seconds
        return guards.issue_form_token(form_name)
    finally:
        time.time = real_time


def form_data(email="ayna@example.org", language="ru", consent="on", **extra):
    """What a visitor's browser posts from the subscribe form."""
    data = {"email": email, "language": language, "form_token": aged_token(), "website": ""}
    if consent:
        data["newsletter_consent"] = consent
    data.update(extra)
    return data


LINK = re.compile(r"https://hhd\.example(/[^\s>\"]+)")


def links_in(text):
    """The site paths of every link to the site in a mail's text."""
    return LINK.findall(text)


def path_of(url):
    return urlsplit(url).path


@pytest.fixture
def start_without_running(monkeypatch):
    """Start sending but keep the first run for the test to make (as if the worker were slow)."""
    from newsletter import tasks

    def start_issue(issue):
        with monkeypatch.context() as patch:
            patch.setattr(tasks, "send_issue", SimpleNamespace(enqueue=lambda *args: None))
            assert sending.start_sending(issue, None)
        issue.refresh_from_db()
        return issue

    return start_issue


ROLE_PERMISSIONS = {
    "Editors": ["add_newsletterissue", "change_newsletterissue", "view_newsletterissue"],
    "Moderators": [
        "add_newsletterissue",
        "change_newsletterissue",
        "view_newsletterissue",
        "send_newsletterissue",
    ],
    "Administrators": [
        "add_newsletterissue",
        "change_newsletterissue",
        "delete_newsletterissue",
        "view_newsletterissue",
        "send_newsletterissue",
        "export_subscriber",
    ],
}


@pytest.fixture
def user_in(django_user_model):
    """A logged-in-able user in a group like the ones the roles issue will create."""

    def make(role):
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
            *Permission.objects.filter(
                content_type__app_label="newsletter", codename__in=ROLE_PERMISSIONS[role]
            ),
        )
        user = django_user_model.objects.create_user(role.lower(), f"{role.lower()}@example.org", "x" * 12)
        user.groups.add(group)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"  # English keeps the texts checkable
        profile.save()
        return user

    return make
