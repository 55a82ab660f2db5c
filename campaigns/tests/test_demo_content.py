"""The demo content holds the passport amnesty appeal in four languages, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.models import CampaignPage
from news.models import StatementPage

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_passport_amnesty_appeal_in_four_languages_once(client, demo_content):
    call_command("seed_demo", "--no-admin", verbosity=0, stdout=StringIO())  # the second run
    pages = CampaignPage.objects.live()
    assert sorted(page.locale.language_code for page in pages) == ["en", "ru", "tk", "tr"]
    assert len({page.translation_key for page in pages}) == 1
    russian = pages.get(locale__language_code="ru")
    assert russian.title == "Паспортная амнистия"
    assert russian.updates.count() == 1
    response = client.get(russian.url)
    assert response.status_code == 200
    assert "Паспортная амнистия" in response.content.decode()
    statement = StatementPage.objects.get(locale__language_code="ru")
    assert statement.campaign_id == russian.pk
