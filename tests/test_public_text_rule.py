"""One rule for every text a visitor types into a public form (safety.validators, applied by
safety.guards.GuardedForm): direction overrides and isolates, zero-width and control characters,
bytes that are not UTF-8 and addresses without a public domain are refused the same way by the
signing, subscribe, pledge, contact and help forms, with a translated 400 that keeps the form."""

import pytest
from django import forms
from django.utils import translation
from django.utils.html import escape

from safety.guards import GuardedForm
from safety.validators import validate_public_email, validate_text_block, validate_text_line
from tests.public_forms import every_public_form

pytestmark = pytest.mark.django_db

CONTROL = "Please remove the invisible or control characters from this field."
UNREADABLE = "Some characters in this field could not be read. Please type it again."
ONE_LINE = "Please write this on one line."


@pytest.fixture
def public_forms(site_tree, django_user_model, settings):
    settings.RATE_LIMITS = {name: (10**9, window) for name, (_limit, window) in settings.RATE_LIMITS.items()}
    return every_public_form(site_tree.homes["tk"], django_user_model)


def each_field(public_forms, kind):
    return [(form, field) for form in public_forms for field in getattr(form, kind)]


def assert_refused(response, form, field, message, language="en"):
    assert response.status_code == 400, (form.name, field, response.status_code)
    assert response["Cache-Control"] == "no-store, private"
    with translation.override(language):
        expected = str(translation.gettext(message))
    assert expected in response.context["form"].errors[field], (form.name, field)
    assert escape(expected) in response.content.decode()
    assert not form.model.objects.exists(), form.name


def test_every_public_form_accepts_the_good_submission_of_these_tests(client, public_forms, mailoutbox):
    for form in public_forms:
        response = form.post(client)
        assert response.status_code in (200, 302, 303), (form.name, response.status_code)
        assert form.model.objects.count() == 1, form.name


@pytest.mark.parametrize(
    "typed",
    [
        "Aýna\u202eanwogruG",  # right-to-left override
        "\u2066Aýna\u2069",  # left-to-right isolate
        "Aý\u202ana",  # left-to-right embedding
        "Aýna\u200bGurbanowa",  # zero-width space
        "Aýna\u200dGurbanowa",  # zero-width joiner
        "\ufeffAýna",  # byte order mark
        "Aýna\x07",  # a control character
        "Aýna\x00",  # a null character
        "Aýna\u2028Gurbanowa",  # line separator
    ],
)
def test_hidden_and_direction_characters_are_refused_in_every_text_field(client, public_forms, typed):
    for form, field in each_field(public_forms, "text_fields") + each_field(public_forms, "block_fields"):
        response = form.post(client, **{field: typed})
        assert_refused(response, form, field, CONTROL)
        assert list(response.context["form"].errors[field]) == [CONTROL], "one message, not two"


def test_a_one_line_field_refuses_line_breaks_and_tabs(client, public_forms):
    for form, field in each_field(public_forms, "text_fields"):
        assert_refused(form.post(client, **{field: "Aýna\nGurbanowa"}), form, field, ONE_LINE)
        assert_refused(form.post(client, **{field: "Aýna\tGurbanowa"}), form, field, CONTROL)


def test_a_message_keeps_its_line_breaks_and_tabs(client, public_forms, mailoutbox):
    for form, field in each_field(public_forms, "block_fields"):
        response = form.post(client, **{field: "Salam,\r\n\tdoganym saklanýar.\r\n\r\nSag boluň"})
        assert response.status_code in (200, 303), form.name
        assert form.model.objects.count() == 1, form.name


@pytest.mark.parametrize("language", ["tk", "ru"])
def test_bytes_that_are_not_utf8_are_refused_in_the_visitors_language_not_stored_as_replacement(
    client, public_forms, language
):
    for form, field in each_field(public_forms, "text_fields") + each_field(public_forms, "block_fields"):
        # "Aýna" as a browser with a wrong encoding would send it: Latin-1's 0xFD for "ý".
        response = form.post_raw(client, field, "A%FDna+%FF%FE", language=language)
        assert_refused(response, form, field, UNREADABLE, language=language)


@pytest.mark.parametrize(
    "address",
    ["test@localhost", "ayna@intranet.lan", "ayna@hhd.test", "ayna@[127.0.0.1]", "ayna@x.local"],
)
def test_an_address_without_a_public_domain_is_refused_and_nothing_is_mailed(
    client, public_forms, address, mailoutbox
):
    for form, field in each_field(public_forms, "email_fields"):
        response = form.post(client, **{field: address})
        assert_refused(response, form, field, form.email_message)
    assert mailoutbox == []


def test_every_text_field_of_every_public_form_gets_the_rule(public_forms):
    """The rule comes from the form base: a field a form declares without it has it too."""

    class Petition(GuardedForm):
        form_name = "petition"
        name = forms.CharField()
        message = forms.CharField(widget=forms.Textarea)
        email = forms.EmailField()

    form = Petition()
    assert form.fields["name"].validators[0] is validate_text_line
    assert form.fields["message"].validators[0] is validate_text_block
    assert validate_public_email in form.fields["email"].validators
    assert validate_text_line not in form.fields["website"].validators  # the honeypot takes anything
