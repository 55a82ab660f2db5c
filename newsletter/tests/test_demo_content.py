"""The newsletter page and draft issues that seed_demo builds, in four languages, and running it twice."""

import html
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from demo import texts as demo_content
from newsletter.models import NewsletterIssue, NewsletterPage

pytestmark = pytest.mark.django_db

LANGUAGES = ("tk", "ru", "tr", "en")


@pytest.fixture
def seeded(demo_content):
    """The demo site (built once per process: tests/fixtures.py) and what seed_demo printed."""
    return demo_content


def counts():
    return (NewsletterPage.objects.count(), NewsletterIssue.objects.count(), Revision.objects.count())


def test_a_live_newsletter_page_in_each_language_with_its_form_and_privacy_link(client, seeded):
    live = NewsletterPage.objects.live().select_related("locale")
    pages = {page.locale.language_code: page for page in live}
    assert set(pages) == set(LANGUAGES)
    assert len({page.translation_key for page in pages.values()}) == 1
    for code, page in pages.items():
        assert page.url == f"/{code}/newsletter/"
        assert page.title == demo_content.NEWSLETTER_PAGE[code].title
        assert page.privacy_page.locale.language_code == code
        response = client.get(page.url)
        assert response.status_code == 200
        text = html.unescape(response.content.decode())
        assert demo_content.NEWSLETTER_PAGE[code].intro in text
        assert f'action="/{code}/newsletter/subscribe/#form-errors"' in text
        assert f'href="{page.privacy_page.url}"' in text
    assert "Newsletter: a subscribe page and a draft issue in 4 languages" in seeded


def test_a_draft_issue_in_each_language(seeded):
    issues = {issue.language: issue for issue in NewsletterIssue.objects.all()}
    assert set(issues) == set(LANGUAGES)
    assert all(issue.status == "draft" and issue.include_new_articles for issue in issues.values())


def test_running_seed_demo_again_changes_nothing(seeded):
    before = counts()
    call_command("seed_demo", "--no-admin", stdout=StringIO())  # in the same media folder
    assert counts() == before


def test_the_demo_texts_exist_in_all_four_languages():
    assert set(demo_content.NEWSLETTER_PAGE) == set(demo_content.DRAFT_ISSUE) == set(LANGUAGES)
