"""Retention: pledges never received lose the donor's name and address after the configured period."""

import datetime

import pytest
from django.utils import timezone

from donations.factories import PledgeFactory
from donations.services import forget_donor
from safety.retention import apply_retention

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_unreceived_pledges_are_anonymised_after_the_configured_period(settings):
    settings.DONATIONS_UNRECEIVED_RETENTION_DAYS = 30
    old = PledgeFactory(name="Aýna", email="a@example.org", email_digest="x" * 64, created_at=days_ago(31))
    cancelled = PledgeFactory(name="Merdan", status="cancelled", created_at=days_ago(40))
    recent = PledgeFactory(name="Maral", created_at=days_ago(29))
    received = PledgeFactory(
        name="Serdar",
        created_at=days_ago(400),
        status="received",
        received_amount=5,
        received_on="2025-01-01",
    )

    assert apply_retention()["donations.unreceived_pledges"] == 2

    for pledge in (old, cancelled, recent, received):
        pledge.refresh_from_db()
    assert (old.name, old.email, old.email_digest, old.consent_version) == ("", "", "", "")
    assert old.anonymised_at is not None and old.amount == 500 and old.reference
    assert cancelled.name == ""
    assert recent.name == "Maral"
    assert received.name == "Serdar"


def test_the_default_period_is_180_days(settings):
    del settings.DONATIONS_UNRECEIVED_RETENTION_DAYS
    kept = PledgeFactory(name="Aýna", created_at=days_ago(179))
    gone = PledgeFactory(name="Aýna", created_at=days_ago(181))
    apply_retention()
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert (kept.name, gone.name) == ("Aýna", "")


def test_running_it_again_changes_nothing():
    PledgeFactory(name="Aýna", created_at=days_ago(365))
    assert apply_retention()["donations.unreceived_pledges"] == 1
    assert apply_retention()["donations.unreceived_pledges"] == 0


def test_a_donor_can_be_forgotten_by_e_mail_address():
    from safety.digests import email_digest

    mine = PledgeFactory(email="ayna@example.org", email_digest=email_digest("ayna@example.org"))
    other = PledgeFactory(email="other@example.org", email_digest=email_digest("other@example.org"))
    assert forget_donor(" Ayna@Example.org ") == 1
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.email == "" and other.email == "other@example.org"
