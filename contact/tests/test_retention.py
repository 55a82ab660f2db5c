"""Retention: closed help requests lose their content after a while; old contact messages go."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from contact.factories import ContactMessageFactory
from contact.models import CaseEnvelope, CaseNote, CaseStatus, ContactMessage, HelpRequest

from .conftest import submit

pytestmark = pytest.mark.django_db


def close(case, days_ago):
    closed = timezone.now() - datetime.timedelta(days=days_ago)
    HelpRequest.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=closed)


def test_closed_requests_are_anonymised_after_the_configured_period_and_keep_their_metadata(
    caseworker, caseworker_key, settings
):
    settings.HELP_REQUEST_CLOSED_RETENTION_DAYS = 30
    expired, recent, still_open = submit(category="pressure", urgent=True), submit(), submit()
    CaseNote.objects.create(help_request=expired, author=caseworker, nonce="AAAAAAAAAAAAAAAA", ciphertext="x")
    close(expired, days_ago=31)
    close(recent, days_ago=29)
    HelpRequest.objects.filter(pk=still_open.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )

    call_command("apply_retention", stdout=StringIO())

    expired.refresh_from_db()
    assert expired.is_anonymised and expired.sealed_document == "" and expired.sealed_nonce == ""
    assert (expired.category, expired.urgent, expired.language, expired.status) == (
        "pressure",
        True,
        "tk",
        "closed",
    )
    assert not CaseEnvelope.objects.filter(help_request=expired).exists()
    assert not CaseNote.objects.filter(help_request=expired).exists()
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert not kept.is_anonymised and kept.sealed_document
        assert CaseEnvelope.objects.filter(help_request=kept).exists()


def test_contact_messages_are_deleted_after_the_configured_period(settings):
    settings.CONTACT_MESSAGE_RETENTION_DAYS = 180
    old, fresh = ContactMessageFactory(), ContactMessageFactory()
    ContactMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=181))
    call_command("apply_retention", stdout=StringIO())
    assert list(ContactMessage.objects.all()) == [fresh]
