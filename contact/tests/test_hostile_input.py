"""Random and hostile input to the contact form and to the help form: never a server error, never
an invalid stored message or case (a case holds only sealed blobs and valid triage metadata), and
a form that comes back says what is wrong and keeps what was typed, escaped."""

import json
import re
from collections import defaultdict

import pytest
from django.conf import settings as django_settings
from django.core.validators import validate_email
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from contact.forms import MAX_MESSAGE_LENGTH, clean_contact_value
from contact.models import (
    ANSWER_LANGUAGES,
    CaseEnvelope,
    CaseStatus,
    Category,
    ContactChannel,
    ContactMessage,
    HelpRequest,
    MessageStatus,
    unb64,
)
from home.factories import translate_page
from safety import references, sealing
from safety.models import ConsentWording
from safety.validators import validate_text_block, validate_text_line
from tests.hostile_input import (
    assert_every_error_is_shown,
    assert_kept_escaped,
    form_html,
    hostile_text,
    submissions,
)

from .conftest import backdated_token, contact_data, help_data, open_case

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in django_settings.LANGUAGES]
ANSWER_CODES = [code for code, _name in ANSWER_LANGUAGES]
CONSENT_VERSION = re.compile(r"^(tk|ru|tr|en)-[0-9a-f]{16}$")

CONTACT_VALID = {
    "name": st.sampled_from(["Leyla Demir", "Мерген Аманов", "Aýna Gurbanowa", "O'Neil"]),
    "email": st.emails().filter(lambda address: len(address) <= 254),
    "subject": st.sampled_from(["Röportaj isteği", "Партнёрство", "A question", "Hukuk yardımı"]),
    "message": st.sampled_from(
        [
            "Merhaba, göç hakkında bir röportaj için HHD ile görüşmek istiyoruz.",
            "Здравствуйте!\r\nМы юристы из Стамбула.\r\n\r\nС уважением",
            "Short.",
        ]
    ),
    "consent": st.sampled_from(["on", "true", "1"]),
    "website": st.just(""),
    "form_token": st.builds(backdated_token, st.just("contact.message")),
}
CONTACT_TEXT_INPUTS = ("name", "email", "subject")

HELP_VALID = {
    "category": st.sampled_from(Category.values),
    "location": st.sampled_from(["Stambul, Arnawutköý", "Ankara", "Москва", "Gaziantep,  Şahinbey "]),
    "urgent": st.sampled_from(["on", "", "true"]),
    "contact_channel": st.sampled_from(ContactChannel.values),
    # Each valid for some channels: hostile-free mismatches test the per-channel check.
    "contact_value": st.sampled_from(["+90 555 123 45 67", "@aman_t", "aman.01", "aman@example.org"]),
    "language": st.sampled_from(ANSWER_CODES),
    "name": st.sampled_from(["", "Merdan", "Мерген", "Ayşe Yılmaz"]),
    "account": st.sampled_from(
        [
            "Doganym Arnawutköýdäki deportasiýa merkezinde saklanýar.",
            "Pasportymyň möhleti geçdi.\r\nKonsullyk jogap bermeýär.",
            "Меня задержали на работе.",
        ]
    ),
    "consent": st.sampled_from(["on", "true"]),
    "website": st.just(""),
    "form_token": st.builds(backdated_token, st.just("contact.help")),
}
HELP_TEXT_INPUTS = ("location", "contact_value", "name")
SEALED_KEYS = {"version", "name", "location", "contact_channel", "contact_value", "account"}


@pytest.fixture
def unlimited(settings):
    """Hundreds of posts from one test client: the rate limits have their own tests."""
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "contact:ip": (10**9, 600),
        "contact:email": (10**9, 3600),
        "help:ip": (10**9, 600),
    }


@pytest.fixture
def contact_pages(contact_page):
    """The contact page in every language (a message may be sent from any of them)."""
    pages = {"tk": contact_page}
    for code in ("ru", "tr", "en"):
        pages[code] = translate_page(contact_page, code)
    return pages


@pytest.fixture
def help_pages(help_page):
    pages = {"tk": help_page}
    for code in ("ru", "tr", "en"):
        pages[code] = translate_page(help_page, code)
    return pages


def textarea_value(html: str, name: str) -> str:
    """The raw (still escaped) content of the textarea named ``name`` (Django writes a newline first)."""
    match = re.search(rf'<textarea\b[^>]*\bname="{re.escape(name)}"[^>]*>\n(.*?)</textarea>', html, re.S)
    if match is None:
        raise AssertionError(f"no textarea named {name!r}")
    return match.group(1)


def assert_textarea_kept_escaped(html: str, name: str, typed) -> None:
    assert textarea_value(html, name) == ("" if typed in (None, "") else escape(typed)), (name, typed)


def assert_choice_kept(html: str, name: str, sent, choices) -> None:
    """The radio button of a valid choice that was sent is checked again, and no other one."""
    checked = re.findall(
        rf'<input type="radio" name="{re.escape(name)}" value="([^"]*)"[^>]*\bchecked\b', html
    )
    assert checked == ([sent] if sent in choices else []), (name, sent, checked)


def assert_single_line(value: str, max_length: int, *, required: bool) -> None:
    assert len(value) <= max_length
    assert value == " ".join(value.split())
    assert bool(value) or not required
    validate_text_line(value)


def assert_consent_versions_are_recorded(versions) -> None:
    versions = set(versions)
    assert all(CONSENT_VERSION.match(version) for version in versions), versions
    assert ConsentWording.objects.filter(version__in=versions).count() == len(versions)


def assert_every_message_is_valid():
    messages = list(ContactMessage.objects.all())
    assert_consent_versions_are_recorded(message.consent_version for message in messages)
    for message in messages:
        assert_single_line(message.name, 120, required=True)
        assert_single_line(message.subject, 150, required=True)
        assert 0 < len(message.email) <= 254 and message.email == message.email.strip()
        validate_email(message.email)
        assert message.message and len(message.message) <= MAX_MESSAGE_LENGTH
        assert message.message == message.message.strip()
        validate_text_block(message.message)
        assert message.language in LANGUAGE_CODES
        assert message.status == MessageStatus.NEW


def assert_every_case_is_valid(material, newer_than: int):
    """Every case holds valid metadata and well-formed sealed blobs; the new ones open to a valid document."""
    cases = list(HelpRequest.objects.all())
    assert_consent_versions_are_recorded(case.consent_version for case in cases)
    envelopes = defaultdict(set)
    for case_id, key_id in CaseEnvelope.objects.values_list("help_request_id", "key_id"):
        envelopes[case_id].add(key_id)
    assert set(envelopes) <= {case.pk for case in cases}
    for case in cases:
        assert references.is_valid(case.reference)
        assert case.category in Category.values
        assert case.language in ANSWER_CODES
        assert case.status == CaseStatus.NEW and case.assigned_to_id is None
        assert case.closed_at is None and case.anonymised_at is None and case.status_changed_at is None
        assert len(unb64(case.sealed_nonce)) == sealing.NONCE_BYTES
        assert len(unb64(case.sealed_document)) > sealing.TAG_BYTES
        assert envelopes[case.pk] == {material.key.pk}  # sealed to the one caseworker key, to nobody else
    for case in HelpRequest.objects.filter(pk__gt=newer_than):
        document = open_case(case, material)
        assert set(document) == SEALED_KEYS and document["version"] == 1
        assert_single_line(document["location"], 120, required=True)
        assert_single_line(document["name"], 120, required=False)
        assert document["contact_channel"] in ContactChannel.values
        value = document["contact_value"]
        assert 0 < len(value) <= 120
        assert clean_contact_value(document["contact_channel"], value) == value
        account = document["account"]
        assert account and len(account) <= MAX_MESSAGE_LENGTH and account == account.strip()
        validate_text_block(account)


def last_case_pk() -> int:
    return HelpRequest.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


# --- The contact form ------------------------------------------------------------------


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(submission=submissions(CONTACT_VALID), language=st.sampled_from(LANGUAGE_CODES))
def test_hostile_contact_input_never_breaks_the_form(client, contact_pages, unlimited, submission, language):
    page = contact_pages[language]
    before = ContactMessage.objects.count()
    response = submission.post(client, f"/{language}/contact/message/{page.pk}/")
    assert response.status_code in (303, 400), response.status_code
    assert response["Cache-Control"] == "no-store, private"
    sent = submission.last_values()
    if response.status_code == 303:
        assert response["Location"] == f"/{language}/contact/message/{page.pk}/sent/"
        stored = 0 if sent.get("website") else 1  # the honeypot: thanked, nothing stored
        event(f"303, {stored} stored")
        assert ContactMessage.objects.count() == before + stored
    else:
        event("form shown again")
        assert ContactMessage.objects.count() == before
        html = response.content.decode()
        assert_every_error_is_shown(response.context["form"], html)
        assert 'class="form-errors"' in html
        shown = form_html(html, "contact-form")
        for name in CONTACT_TEXT_INPUTS:
            assert_kept_escaped(shown, name, sent.get(name))
        assert_textarea_kept_escaped(shown, "message", sent.get("message"))
    assert_every_message_is_valid()


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["name", "email", "subject", "message"]), value=hostile_text)
def test_one_hostile_field_in_a_good_message_is_stored_valid_or_shown_again(
    client, contact_page, unlimited, field, value
):
    """Everything else valid: the one field decides, so each hostile value really reaches its check."""
    before = ContactMessage.objects.count()
    response = client.post(f"/en/contact/message/{contact_page.pk}/", contact_data(**{field: value}))
    assert response.status_code in (303, 400), response.status_code
    event(f"{field}: status {response.status_code}")
    if response.status_code == 400:
        assert ContactMessage.objects.count() == before
        html = response.content.decode()
        assert_every_error_is_shown(response.context["form"], html)
        assert set(response.context["form"].errors) == {field}
        shown = form_html(html, "contact-form")
        if field == "message":
            assert_textarea_kept_escaped(shown, field, value)
        else:
            assert_kept_escaped(shown, field, value)
    else:
        assert ContactMessage.objects.count() == before + 1
        stored = ContactMessage.objects.order_by("-pk").first()
        typed = " ".join(value.split()) if field in ("name", "subject") else value.strip()
        assert getattr(stored, field) == typed
    assert_every_message_is_valid()


# --- The help form ---------------------------------------------------------------------


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(submission=submissions(HELP_VALID), language=st.sampled_from(LANGUAGE_CODES))
def test_hostile_help_input_never_breaks_the_form(
    client, help_pages, caseworker_key, unlimited, submission, language
):
    page = help_pages[language]
    before, newest = HelpRequest.objects.count(), last_case_pk()
    response = submission.post(client, f"/{language}/contact/help/{page.pk}/")
    assert response.status_code in (200, 400), response.status_code
    assert response["Cache-Control"] == "no-store, private"
    sent = submission.last_values()
    html = response.content.decode()
    if response.status_code == 200:
        assert "contact/help_request_sent.html" in {template.name for template in response.templates}
        stored = 0 if sent.get("website") else 1  # the honeypot: a decoy reference, nothing stored
        event(f"200, {stored} stored")
        assert HelpRequest.objects.count() == before + stored
        assert response.context["case"].display_reference in html
    else:
        event("form shown again")
        assert HelpRequest.objects.count() == before
        assert_every_error_is_shown(response.context["form"], html)
        assert 'class="form-errors"' in html
        shown = form_html(html, "help-form")
        for name in HELP_TEXT_INPUTS:
            assert_kept_escaped(shown, name, sent.get(name))
        assert_textarea_kept_escaped(shown, "account", sent.get("account"))
        assert_choice_kept(shown, "category", sent.get("category"), Category.values)
        assert_choice_kept(shown, "contact_channel", sent.get("contact_channel"), ContactChannel.values)
        if sent.get("language") in ANSWER_CODES:
            assert f'<option value="{sent["language"]}" selected>' in shown
    assert_every_case_is_valid(caseworker_key, newer_than=newest)


HELP_FIELDS = [
    "category",
    "location",
    "urgent",
    "contact_channel",
    "contact_value",
    "language",
    "name",
    "account",
]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(HELP_FIELDS), value=hostile_text)
def test_one_hostile_field_in_a_good_request_is_sealed_valid_or_shown_again(
    client, help_page, caseworker_key, unlimited, field, value
):
    """Everything else valid (a WhatsApp number as the contact): the one field decides."""
    before, newest = HelpRequest.objects.count(), last_case_pk()
    response = client.post(f"/en/contact/help/{help_page.pk}/", help_data(**{field: value}))
    assert response.status_code in (200, 400), response.status_code
    event(f"{field}: status {response.status_code}")
    if response.status_code == 400:
        assert HelpRequest.objects.count() == before
        html = response.content.decode()
        assert_every_error_is_shown(response.context["form"], html)
        assert set(response.context["form"].errors) == {field}
        shown = form_html(html, "help-form")
        if field in HELP_TEXT_INPUTS:
            assert_kept_escaped(shown, field, value)
        elif field == "account":
            assert_textarea_kept_escaped(shown, field, value)
    else:
        assert HelpRequest.objects.count() == before + 1
        case = HelpRequest.objects.get(pk__gt=newest)
        document = open_case(case, caseworker_key)
        if field in ("location", "name", "contact_value"):
            assert document[field] == " ".join(value.split())
        elif field == "account":
            assert document[field] == value.strip()
        elif field in ("category", "language"):
            assert getattr(case, field) == value
        elif field == "contact_channel":
            assert document[field] == value
    assert_every_case_is_valid(caseworker_key, newer_than=newest)


ESCAPING_PAYLOADS = [
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "x' onfocus='alert(1)",
    "&lt;b&gt;",
    "</textarea><script>alert(1)</script>",
]


def test_what_a_sender_typed_comes_back_html_escaped(client, contact_page, unlimited):
    for field in ("name", "email", "subject", "message"):
        for typed in ESCAPING_PAYLOADS:
            # No consent, so that the form always comes back.
            response = client.post(
                f"/en/contact/message/{contact_page.pk}/", contact_data(**{field: typed, "consent": None})
            )
            assert response.status_code == 400
            html = response.content.decode()
            assert typed not in html, (field, typed)
            shown = form_html(html, "contact-form")
            if field == "message":
                assert_textarea_kept_escaped(shown, field, typed)
            else:
                assert_kept_escaped(shown, field, typed)
    assert not ContactMessage.objects.exists()


def test_what_a_person_asking_for_help_typed_comes_back_html_escaped(
    client, help_page, caseworker_key, unlimited
):
    for field in ("location", "contact_value", "name", "account"):
        for typed in ESCAPING_PAYLOADS:
            response = client.post(
                f"/en/contact/help/{help_page.pk}/", help_data(**{field: typed, "consent": None})
            )
            assert response.status_code == 400
            html = response.content.decode()
            assert typed not in html, (field, typed)
            shown = form_html(html, "help-form")
            if field == "account":
                assert_textarea_kept_escaped(shown, field, typed)
            else:
                assert_kept_escaped(shown, field, typed)
    assert not HelpRequest.objects.exists()


def test_hostile_choices_are_refused_with_a_message_and_nothing_is_stored(client, help_page, caseworker_key):
    payload = "<script>alert(1)</script>"
    response = client.post(
        f"/en/contact/help/{help_page.pk}/",
        help_data(category=payload, contact_channel=payload, language=payload),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert payload not in html
    for message in (
        "Please choose what happened.",
        "Please choose how we can reach you.",
        "Please choose a language.",
    ):
        assert message in html
    assert not HelpRequest.objects.exists()


def test_a_json_body_of_wrong_types_is_refused_like_an_empty_form(client, help_page, caseworker_key):
    body = {
        "category": ["detention"],
        "location": {"city": "Ankara"},
        "urgent": True,
        "contact_channel": None,
        "contact_value": 905551234567,
        "consent": 1,
        "form_token": backdated_token("contact.help"),
    }
    response = client.post(
        f"/en/contact/help/{help_page.pk}/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert "Please tell us the city or country where you are." in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_a_form_token_of_the_other_form_is_refused(client, contact_page, help_page, caseworker_key):
    response = client.post(
        f"/en/contact/help/{help_page.pk}/", help_data(form_token=backdated_token("contact.message"))
    )
    assert response.status_code == 400
    assert "This form has expired" in response.content.decode()
    response = client.post(
        f"/en/contact/message/{contact_page.pk}/", contact_data(form_token=backdated_token("contact.help"))
    )
    assert response.status_code == 400
    assert not HelpRequest.objects.exists() and not ContactMessage.objects.exists()
