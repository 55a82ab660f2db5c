"""The donation page that seed_demo builds, in four languages, and running it twice."""

import html
from io import StringIO

import pytest
from django.core.management import call_command
from stdnum import iban
from wagtail.models import Revision

from demo import texts as demo_content
from donations.models import BankAccount, DonationPage

pytestmark = pytest.mark.django_db

LANGUAGES = ("tk", "ru", "tr", "en")


@pytest.fixture
def seeded(demo_content):
    """The demo site (built once per process: tests/fixtures.py) and what seed_demo printed."""
    return demo_content


def counts():
    return (DonationPage.objects.count(), BankAccount.objects.count(), Revision.objects.count())


def test_a_live_donation_page_in_each_language_with_the_example_accounts(client, seeded):
    pages = {page.locale.language_code: page for page in DonationPage.objects.live().select_related("locale")}
    assert set(pages) == set(LANGUAGES)
    assert len({page.translation_key for page in pages.values()}) == 1
    for code, page in pages.items():
        assert page.title == demo_content.DONATION_PAGE[code].title
        accounts = list(page.bank_accounts.all())
        assert [account.currency for account in accounts] == ["TRY", "USD", "EUR"]
        assert all(iban.is_valid(account.iban) for account in accounts)
        response = client.get(page.url)
        assert response.status_code == 200
        assert demo_content.DONATION_PAGE[code].impact[1] in html.unescape(response.content.decode())


def test_running_the_command_again_creates_nothing_new(seeded):
    before = counts()
    call_command("seed_demo", "--no-admin", stdout=StringIO())  # in the same media folder
    assert counts() == before


def test_the_demo_texts_exist_in_every_language():
    assert set(demo_content.DONATION_PAGE) == set(LANGUAGES)
    for text in demo_content.DONATION_PAGE.values():
        assert len(text.impact) == len(demo_content.IMPACT_AMOUNTS)
