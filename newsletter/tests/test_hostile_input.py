"""Random and hostile input to the subscribe form: never a server error, never an invalid stored
subscriber, and a form that comes back says what is wrong and keeps what was typed, escaped."""

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsletter.models import Subscriber
from safety.digests import email_digest, normalise_email
from safety.guards import issue_form_token
from tests.hostile_input import (
    assert_every_error_is_shown,
    assert_kept_escaped,
    form_html,
    hostile_text,
    submissions,
)

from .conftest import aged_token, form_data

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in django_settings.LANGUAGES]

VALID = {
    "email": st.emails().filter(lambda address: len(address) <= 254),
    "language": st.sampled_from(LANGUAGE_CODES),
    "newsletter_consent": st.sampled_from(["on", "true", "1"]),
    "website": st.just(""),
    "form_token": st.builds(aged_token),
}


@pytest.fixture
def unlimited(settings):
    """Hundreds of posts from one test client: the rate limits have their own tests."""
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "subscribe:ip": (10**9, 600),
        "subscribe:email": (10**9, 3600),
    }


def assert_every_subscriber_is_valid():
    for subscriber in Subscriber.objects.all():
        email = subscriber.email
        assert 3 <= len(email) <= 254 and "@" in email
        assert email == email.strip() and "\x00" not in email
        assert subscriber.email_digest == email_digest(email)
        assert subscriber.language in LANGUAGE_CODES
        assert subscriber.consent_version and len(subscriber.consent_version) <= 40
        assert subscriber.source == "form"
        assert subscriber.confirmed_at is None


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(submission=submissions(VALID), language=st.sampled_from(LANGUAGE_CODES))
def test_hostile_subscribe_input_never_breaks_the_form(client, site_tree, unlimited, submission, language):
    response = submission.post(client, f"/{language}/newsletter/subscribe/")
    assert response.status_code in (200, 400), response.status_code
    assert response["Cache-Control"] == "no-store, private"
    templates = {template.name for template in response.templates}
    html = response.content.decode()
    if "newsletter/check_inbox.html" in templates:
        event("check your inbox")
        assert response.status_code == 200
        assert "newsletter/subscribe.html" not in templates
    else:
        assert response.status_code == 400  # refused input is a client error, not a success
        assert "newsletter/subscribe.html" in templates
        event("form shown again")
        form = response.context["form"]
        assert_every_error_is_shown(form, html)
        assert 'class="form-errors"' in html
        sent = submission.last_values()
        shown = form_html(html, "subscribe-form")
        assert_kept_escaped(shown, "email", sent.get("email"))
        if sent.get("language") in LANGUAGE_CODES:
            assert f'<option value="{sent["language"]}" selected>' in shown
    assert_every_subscriber_is_valid()


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(email=hostile_text, language=st.sampled_from(LANGUAGE_CODES))
def test_any_typed_address_is_stored_valid_or_shown_again(client, site_tree, unlimited, email, language):
    """Everything else valid: the address alone decides, so each value really reaches the field."""
    before = Subscriber.objects.count()
    response = client.post(f"/{language}/newsletter/subscribe/", form_data(email=email, language=language))
    html = response.content.decode()
    if "newsletter/check_inbox.html" in {template.name for template in response.templates}:
        event("stored")
        assert response.status_code == 200
        # A new row, or the row of the same address typed before in another spelling.
        stored = Subscriber.objects.get(email_digest=email_digest(email))
        assert normalise_email(stored.email) == normalise_email(email)
    else:
        event("shown again")
        assert response.status_code == 400
        assert Subscriber.objects.count() == before
        assert_every_error_is_shown(response.context["form"], html)
        assert list(response.context["form"].errors) == ["email"]
        assert_kept_escaped(form_html(html, "subscribe-form"), "email", email)
    assert_every_subscriber_is_valid()


ESCAPING_PAYLOADS = [
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>@example.org",
    "x' onfocus='alert(1)",
    "&lt;already escaped&gt;",
]


def test_a_typed_address_comes_back_html_escaped(client, site_tree):
    for typed in ESCAPING_PAYLOADS:
        response = client.post("/en/newsletter/subscribe/", form_data(email=typed, language="en"))
        html = response.content.decode()
        assert typed not in html, typed
        assert_kept_escaped(form_html(html, "subscribe-form"), "email", typed)
    assert not Subscriber.objects.exists()


def test_a_hostile_language_choice_is_refused_with_a_message_and_nothing_is_stored(client, site_tree):
    response = client.post(
        "/en/newsletter/subscribe/", form_data(language="<script>alert(1)</script>", consent="")
    )
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Please choose one of the languages in the list." in html
    assert "Please tick the box to agree" in html
    assert not Subscriber.objects.exists()


def test_a_form_token_of_another_form_is_refused(client, site_tree):
    response = client.post(
        "/en/newsletter/subscribe/", form_data(form_token=issue_form_token("campaigns.sign"))
    )
    assert "This form has expired" in response.content.decode()
    assert not Subscriber.objects.exists()
