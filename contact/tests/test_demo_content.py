"""The contact and help pages that seed_demo builds, in four languages, and running it twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from contact.models import ContactPage, HelpRequestPage
from demo import texts as demo_content

pytestmark = pytest.mark.django_db

LANGUAGES = ("tk", "ru", "tr", "en")


@pytest.fixture
def seeded(demo_content):
    """The demo site (built once per process: tests/fixtures.py) and what seed_demo printed."""
    return demo_content


def test_a_live_contact_page_and_help_page_in_each_language(client, seeded):
    for model, texts in ((ContactPage, demo_content.CONTACT_PAGE), (HelpRequestPage, demo_content.HELP_PAGE)):
        pages = {page.locale.language_code: page for page in model.objects.live().select_related("locale")}
        assert set(pages) == set(LANGUAGES), model
        assert len({page.translation_key for page in pages.values()}) == 1
        for code, page in pages.items():
            assert page.title == texts[code].title
            assert page.safety_warning == texts[code].safety_warning
            assert page.privacy_page is not None
            response = client.get(page.url)
            assert response.status_code == 200
            assert texts[code].title in response.content.decode()


def test_running_the_command_again_creates_nothing_new(seeded):
    before = (ContactPage.objects.count(), HelpRequestPage.objects.count(), Revision.objects.count())
    call_command("seed_demo", "--no-admin", stdout=StringIO())  # in the same media folder
    assert (ContactPage.objects.count(), HelpRequestPage.objects.count(), Revision.objects.count()) == before
