"""Fixtures of the contact app's tests: pages, staff in their groups, caseworker keys, form data."""

import json
import time

import pytest
from django.contrib.auth.models import Group, Permission

from contact import services
from contact.factories import ContactPageFactory, HelpRequestPageFactory, make_caseworker_key
from contact.models import CaseEnvelope, unb64
from safety import guards, sealing

# Fast enough for tests that are not about the passphrase (the browser uses 600,000).
TEST_ITERATIONS = 1000


@pytest.fixture
def help_page(site_tree):
    return HelpRequestPageFactory(parent=site_tree.homes["tk"])


@pytest.fixture
def contact_page(site_tree):
    return ContactPageFactory(parent=site_tree.homes["tk"])


@pytest.fixture
def quick_forms(settings):
    settings.FORM_MIN_FILL_SECONDS = 0


def backdated_token(form_name, seconds=30):
    """A form token issued ``seconds`` ago, as if the visitor took that long to fill the form."""
    real_time = time.time
    try:
        time.time = lambda: real_time() - seconds
        return guards.issue_form_token(form_name)
    finally:
        time.time = real_time


def help_data(**overrides):
    """What a browser posts for an urgent request about a detained brother, answered in Turkmen."""
    data = {
        "category": "detention",
        "location": "Stambul, Arnawutköý",
        "urgent": "on",
        "contact_channel": "whatsapp",
        "contact_value": "+90 555 123 45 67",
        "language": "tk",
        "name": "Merdan",
        "account": "Doganym Arnawutköýdäki deportasiýa merkezinde saklanýar.",
        "consent": "on",
        "website": "",
        "form_token": backdated_token("contact.help"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def contact_data(**overrides):
    data = {
        "name": "Leyla Demir",
        "email": "leyla@example.org",
        "subject": "Röportaj isteği",
        "message": "Merhaba, göç hakkında bir röportaj için HHD ile görüşmek istiyoruz.",
        "consent": "on",
        "website": "",
        "form_token": backdated_token("contact.message"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def group_with(name, *codes):
    """A group with exactly these permissions (named apart from the site's real role groups)."""
    group, _created = Group.objects.get_or_create(name=f"{name} (contact tests)")
    for code in codes:
        app_label, codename = code.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def english_admin(user):
    """Let the admin speak English to this user (tests compare English texts)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def user_in(django_user_model, username, group, email=""):
    user = django_user_model.objects.create_user(
        username=username, password="not-a-real-password", email=email, first_name=username.title()
    )
    user.groups.add(group)
    return english_admin(user)


@pytest.fixture
def caseworker(django_user_model):
    group = group_with("Caseworkers", "wagtailadmin.access_admin", "contact.handle_helprequests")
    return user_in(django_user_model, "aylar", group, email="aylar@hhd.example")


@pytest.fixture
def second_caseworker(django_user_model):
    group = group_with("Caseworkers", "wagtailadmin.access_admin", "contact.handle_helprequests")
    return user_in(django_user_model, "batyr", group, email="batyr@hhd.example")


@pytest.fixture
def administrator(django_user_model):
    group = group_with(
        "Administrators",
        "wagtailadmin.access_admin",
        "contact.handle_helprequests",
        "contact.view_contactmessage",
    )
    return user_in(django_user_model, "administrator", group, email="admin@hhd.example")


@pytest.fixture
def editor(django_user_model):
    group = group_with("Editors", "wagtailadmin.access_admin", "wagtailcore.add_site")
    return user_in(django_user_model, "editor", group, email="editor@hhd.example")


@pytest.fixture
def moderator(django_user_model):
    """As the Moderators role: no permission of this app (they publish, they answer nobody)."""
    group = group_with("Moderators", "wagtailadmin.access_admin")
    return user_in(django_user_model, "moderator", group, email="moderator@hhd.example")


@pytest.fixture
def message_reader(django_user_model):
    """Staff with the contact-message permission only (in the site's roles: caseworkers)."""
    group = group_with("Message readers", "wagtailadmin.access_admin", "contact.view_contactmessage")
    return user_in(django_user_model, "reader", group, email="reader@hhd.example")


@pytest.fixture
def translator(django_user_model):
    group = group_with("Translators (Русский)", "wagtailadmin.access_admin")
    return user_in(django_user_model, "translator", group)


@pytest.fixture
def caseworker_key(caseworker):
    return make_caseworker_key(caseworker, iterations=TEST_ITERATIONS)


@pytest.fixture
def second_caseworker_key(second_caseworker):
    return make_caseworker_key(second_caseworker, iterations=TEST_ITERATIONS)


def submit(**overrides):
    """A help request as the form hands it to the service (sealed to the registered keys)."""
    fields = {
        "category": "passport",
        "urgent": False,
        "location": "Ankara",
        "contact_channel": "telegram",
        "contact_value": "@aman_t",
        "language": "tk",
        "name": "Aman",
        "account": "Pasportymyň möhleti geçdi, konsullyk jogap bermeýär.",
        "consent_version": "tk-0000000000000000",
    }
    fields.update(overrides)
    return services.submit_help_request(services.HelpRequestSubmission(**fields))


def open_case(case, material):
    """The sealed document of ``case`` opened with a caseworker's private key (what their browser does)."""
    envelope = CaseEnvelope.objects.get(help_request=case, key=material.key)
    content_key = sealing.unwrap_content_key(
        sealing.Envelope(
            envelope.key_id,
            unb64(envelope.ephemeral_public),
            unb64(envelope.nonce),
            unb64(envelope.wrapped_key),
        ),
        material.private_key,
    )
    plaintext = sealing.open_with_content_key(
        content_key, unb64(case.sealed_nonce), unb64(case.sealed_document), case.document_aad()
    )
    return json.loads(plaintext)


def content_key_of(case, material):
    envelope = CaseEnvelope.objects.get(help_request=case, key=material.key)
    return sealing.unwrap_content_key(
        sealing.Envelope(
            envelope.key_id,
            unb64(envelope.ephemeral_public),
            unb64(envelope.nonce),
            unb64(envelope.wrapped_key),
        ),
        material.private_key,
    )
