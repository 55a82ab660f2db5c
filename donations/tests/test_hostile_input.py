"""Random and hostile input to the pledge form: never a server error, never an invalid stored
pledge, and a form that comes back says what is wrong and keeps what was typed, escaped."""

from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from donations.currencies import Currency
from donations.models import MAXIMUM_AMOUNT, MINIMUM_AMOUNT, Frequency, Pledge, PledgeStatus
from safety import references
from safety.digests import email_digest
from tests.hostile_input import (
    assert_every_error_is_shown,
    assert_kept_escaped,
    form_html,
    hostile_text,
    submissions,
)

from .conftest import backdated_token, pledge_data

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in django_settings.LANGUAGES]

VALID = {
    "amount": st.one_of(
        st.integers(1, 1_000_000).map(str),
        st.decimals(MINIMUM_AMOUNT, MAXIMUM_AMOUNT, places=2).map(str),
    ),
    "currency": st.sampled_from(Currency.values),
    "frequency": st.sampled_from(Frequency.values),
    "name": st.sampled_from(["", "Aýna Gurbanowa", "Мерген Аманов", "Ayşe Yılmaz"]),
    "email": st.one_of(st.just(""), st.emails().filter(lambda address: len(address) <= 254)),
    "consent": st.sampled_from(["on", "true"]),
    "website": st.just(""),
    "form_token": st.builds(backdated_token),
}
TEXT_INPUTS = ("amount", "name", "email")


@pytest.fixture
def unlimited(settings):
    """Hundreds of posts from one test client: the rate limits have their own tests."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledge:ip": (10**9, 600), "pledge:email": (10**9, 3600)}


def assert_every_pledge_is_valid():
    for pledge in Pledge.objects.all():
        assert MINIMUM_AMOUNT <= pledge.amount <= MAXIMUM_AMOUNT
        assert pledge.amount == pledge.amount.quantize(Decimal("0.01"))
        assert pledge.currency in Currency.values
        assert pledge.frequency in Frequency.values
        assert pledge.status == PledgeStatus.PLEDGED
        assert references.is_valid(pledge.reference)
        assert pledge.language in LANGUAGE_CODES
        assert len(pledge.name) <= 120 and "\x00" not in pledge.name and pledge.name == pledge.name.strip()
        if pledge.email:
            assert "@" in pledge.email and len(pledge.email) <= 254 and "\x00" not in pledge.email
            assert pledge.email == pledge.email.strip()
            assert pledge.email_digest == email_digest(pledge.email)
            assert pledge.consent_version and pledge.consented_at is not None
        else:
            assert not pledge.email_digest and not pledge.consent_version and pledge.consented_at is None


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(submission=submissions(VALID), language=st.sampled_from(["tk", "ru", "tr", "en"]))
def test_hostile_pledge_input_never_breaks_the_form(
    client, donation_page, translated_pages, unlimited, submission, language
):
    page = translated_pages[language]
    before = Pledge.objects.count()
    response = submission.post(client, f"/{language}/donations/pledge/{page.pk}/")
    assert response.status_code in (200, 302, 400), response.status_code
    assert response["Cache-Control"] == "no-store, private"
    event(f"status {response.status_code}")
    if response.status_code == 302:
        assert Pledge.objects.count() == before + 1
        assert response["Location"].startswith(f"/{language}/donations/thanks/")
    elif response.status_code == 200:  # the honeypot: thanked, nothing stored
        assert Pledge.objects.count() == before
        assert "donations/thanks.html" in {template.name for template in response.templates}
    else:
        assert Pledge.objects.count() == before
        html = response.content.decode()
        assert_every_error_is_shown(response.context["form"], html)
        assert 'class="form-errors"' in html
        shown = form_html(html, "pledge-form")
        sent = submission.last_values()
        for name in TEXT_INPUTS:
            assert_kept_escaped(shown, name, sent.get(name))
        if sent.get("currency") in Currency.values:
            assert f'<option value="{sent["currency"]}" selected>' in shown
    assert_every_pledge_is_valid()


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["amount", "name", "email", "currency", "frequency"]), value=hostile_text)
def test_one_hostile_field_in_a_good_pledge_is_stored_valid_or_shown_again(
    client, donation_page, unlimited, field, value
):
    """Everything else valid: the one field decides, so each hostile value really reaches its check."""
    before = Pledge.objects.count()
    data = pledge_data(**{field: value, "consent": "on"})
    response = client.post(f"/en/donations/pledge/{donation_page.pk}/", data)
    assert response.status_code in (302, 400), response.status_code
    event(f"{field}: status {response.status_code}")
    if response.status_code == 400:
        assert Pledge.objects.count() == before
        html = response.content.decode()
        assert_every_error_is_shown(response.context["form"], html)
        assert set(response.context["form"].errors) <= {field, "consent"}
        if field in TEXT_INPUTS:
            assert_kept_escaped(form_html(html, "pledge-form"), field, value)
    else:
        assert Pledge.objects.count() == before + 1
    assert_every_pledge_is_valid()


@pytest.fixture
def translated_pages(donation_page):
    """The donation page in every language (a pledge may be made on any of them)."""
    from home.factories import translate_page

    pages = {"tk": donation_page}
    for code in ("ru", "tr", "en"):
        pages[code] = translate_page(donation_page, code)
    return pages


ESCAPING_PAYLOADS = [
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "x' onfocus='alert(1)",
    "&lt;b&gt;",
]


def test_what_a_donor_typed_comes_back_html_escaped(client, donation_page):
    for field in ("name", "email", "amount"):
        for typed in ESCAPING_PAYLOADS:
            # An invalid amount, so that the form always comes back.
            data = pledge_data(**{"amount": "not a number", field: typed})
            response = client.post(f"/en/donations/pledge/{donation_page.pk}/", data)
            assert response.status_code == 400
            html = response.content.decode()
            assert typed not in html, (field, typed)
            assert_kept_escaped(form_html(html, "pledge-form"), field, typed)
    assert not Pledge.objects.exists()
