"""Retention rule of the donations app (run by ``manage.py apply_retention`` and the worker).

A pledge whose transfer never arrived keeps its amount and reference for the books, but
the donor's name and e-mail address are removed after
``DONATIONS_UNRECEIVED_RETENTION_DAYS`` (180 by default): there is nothing left to send
them, and nothing to thank them for.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from safety.retention import retention_job

from .models import Pledge, PledgeStatus
from .services import anonymise

DEFAULT_UNRECEIVED_RETENTION_DAYS = 180


def unreceived_retention_days() -> int:
    """How many days a pledge that never arrived keeps the donor's name and address."""
    return getattr(settings, "DONATIONS_UNRECEIVED_RETENTION_DAYS", DEFAULT_UNRECEIVED_RETENTION_DAYS)


@retention_job("donations.unreceived_pledges")
def anonymise_unreceived_pledges() -> int:
    """Anonymise pledges (pledged or cancelled) older than the retention period; returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=unreceived_retention_days())
    expired = Pledge.objects.filter(created_at__lt=cutoff).exclude(status=PledgeStatus.RECEIVED)
    return anonymise(expired)
