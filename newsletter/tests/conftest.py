"""Fixtures of the newsletter's tests."""

import re
import time
from urllib.parse import urlsplit

import pytest

from home.factories import translate_page
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
