"""Every refusal of a public form lands the visitor on its message, without JavaScript: the
form's action ends in the fragment of the error summary (safety.public_forms.ERROR_SUMMARY_ID),
and every answer that refuses it (400, 409, 429, 503) carries an element with that id, which
static/js/site.js focuses (tests/browser/test_form_errors.py checks it on a phone)."""

import pytest
from bs4 import BeautifulSoup

from contact.models import CaseworkerKey
from safety.public_forms import ERROR_SUMMARY_ID
from tests.public_forms import every_public_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_forms(site_tree, django_user_model):
    return every_public_form(site_tree.homes["tk"], django_user_model)


def summary_in(response):
    """The element the fragment lands on; it can take the focus (tabindex -1)."""
    summary = BeautifulSoup(response.content, "html.parser").find(id=ERROR_SUMMARY_ID)
    assert summary is not None, response.status_code
    assert summary["tabindex"] == "-1"
    return summary


def test_every_public_form_posts_to_an_address_that_ends_in_the_error_summary(
    client, site_tree, public_forms
):
    for form in public_forms:
        page = form.page or site_tree.homes["tk"]  # the subscribe form: in the footer of every page
        html = BeautifulSoup(client.get(page.url).content, "html.parser")
        [element] = html.select(f'form[action="/tk{form.path}#{ERROR_SUMMARY_ID}"]')
        assert element["method"] == "post", form.name
        assert element.has_attr("novalidate"), form.name  # the server's messages, in the page's language
        assert html.find(id=ERROR_SUMMARY_ID) is None, form.name  # nothing to land on before a refusal


def test_a_form_sent_back_with_errors_carries_the_summary(client, public_forms):
    for form in public_forms:
        response = form.post(
            client, language="tk", **dict.fromkeys(form.text_fields + form.email_fields, "\u202e")
        )
        assert response.status_code == 400, form.name
        assert "form-errors" in summary_in(response)["class"]


def test_too_many_attempts_carries_the_summary(client, public_forms, settings):
    for form in public_forms:
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, form.rate_limit: (0, 600)}
        response = form.post(client, language="tk")
        assert response.status_code == 429, form.name
        assert summary_in(response).find("h1")


def test_a_late_signature_on_a_closed_appeal_carries_the_summary(client, public_forms):
    signing = next(form for form in public_forms if form.name == "signing")
    signing.page.state = "closed"
    signing.page.save_revision().publish()
    response = signing.post(client, language="tk")
    assert response.status_code == 409
    assert "notice" in summary_in(response)["class"]


def test_a_help_request_that_cannot_be_sealed_carries_the_summary(client, public_forms):
    help_form = next(form for form in public_forms if form.name == "help")
    CaseworkerKey.objects.all().delete()
    response = help_form.post(client, language="tk")
    assert response.status_code == 503
    assert summary_in(response)
