import pytest

from campaigns.factories import CampaignPageFactory
from home.factories import translate_page
from safety.guards import issue_form_token


@pytest.fixture
def campaign(site_tree, django_capture_on_commit_callbacks):
    """The passport amnesty appeal in Turkmen, with its Russian translation (tk, ru)."""
    tk = CampaignPageFactory(parent=site_tree.homes["tk"], slug="pasport-amnistiyasy")
    with django_capture_on_commit_callbacks(execute=True):
        ru = translate_page(tk, "ru", title="Паспортная амнистия", lead="Дайте гражданам обновить паспорта.")
    return {"tk": tk, "ru": ru}


@pytest.fixture
def no_fill_time(settings):
    """Forms may be sent at once (the timing guard has its own tests in safety/)."""
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def signing_data():
    def data(**overrides):
        values = {
            "full_name": "Aýna Gurbanowa",
            "email": "ayna@example.org",
            "country": "TR",
            "city": "Stambul",
            "consent": "on",
            "website": "",
            "form_token": issue_form_token("campaigns.sign"),
        }
        values.update(overrides)
        return {key: value for key, value in values.items() if value is not None}

    return data
