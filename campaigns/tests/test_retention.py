"""Retention as code: unconfirmed signatures expire; ended campaigns keep only counts; keys rotate."""

from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from campaigns import services
from campaigns.factories import SignatureFactory
from campaigns.models import CampaignState, Signature

pytestmark = pytest.mark.django_db


def test_unconfirmed_signatures_are_deleted_after_fourteen_days(campaign):
    old = SignatureFactory(campaign=campaign["tk"], created_at=timezone.now() - timedelta(days=15))
    recent = SignatureFactory(campaign=campaign["tk"], created_at=timezone.now() - timedelta(days=13))
    confirmed_old = SignatureFactory(
        campaign=campaign["tk"], confirmed=True, created_at=timezone.now() - timedelta(days=30)
    )
    call_command("apply_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115
    remaining = set(Signature.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, confirmed_old.pk}
    assert old.pk not in remaining


def test_an_ended_campaign_past_its_retention_keeps_only_counts(campaign):
    page = campaign["tk"]
    page.state = CampaignState.DELIVERED
    page.retention_days = 30
    page.save_revision().publish()
    page.refresh_from_db()
    SignatureFactory.create_batch(3, campaign=page, confirmed=True)

    assert services.anonymise_ended_campaigns() == 0  # still within its retention period
    later = page.ended_at + timedelta(days=31)
    assert services.anonymise_ended_campaigns(now=later) == 3

    assert services.confirmed_count(page) == 3
    for signature in Signature.objects.all():
        assert (signature.full_name, signature.email, signature.city, signature.email_digest) == (
            "",
            "",
            "",
            None,
        )
        assert signature.anonymised_at == later
    assert list(services.confirmed_signatures_for_export(page)) == []


def test_an_open_campaign_is_never_anonymised(campaign):
    SignatureFactory(campaign=campaign["tk"], confirmed=True)
    assert services.anonymise_ended_campaigns(now=timezone.now() + timedelta(days=3650)) == 0


def raw_columns():
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name, email, city FROM campaigns_signature")
        return cursor.fetchall()


def test_rotating_the_field_key_re_encrypts_every_signature(campaign, settings):
    SignatureFactory.create_batch(3, campaign=campaign["tk"], confirmed=True)
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    before = raw_columns()
    new_key = Fernet.generate_key().decode()

    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = raw_columns()
    assert after != before

    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is removed
    assert {s.full_name for s in Signature.objects.all()} == {"Aýna Gurbanowa"}
    assert {s.email for s in Signature.objects.all()} == {f"signer{n}@example.org" for n in range(3)} or all(
        s.email.endswith("@example.org") for s in Signature.objects.all()
    )
