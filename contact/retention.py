"""Retention rules of the contact app (run by ``manage.py apply_retention`` and the worker).

- A closed help request loses its sealed content, envelopes and notes
  ``HELP_REQUEST_CLOSED_RETENTION_DAYS`` after it was closed; its triage metadata
  (category, urgency, language, status, dates) stays for HHD's statistics.
- A contact message is deleted ``CONTACT_MESSAGE_RETENTION_DAYS`` after it arrived.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from safety.retention import retention_job

from .models import CaseStatus, ContactMessage, HelpRequest
from .services import anonymise_cases

DEFAULT_CLOSED_RETENTION_DAYS = 90
DEFAULT_MESSAGE_RETENTION_DAYS = 365


def closed_retention_days() -> int:
    return getattr(settings, "HELP_REQUEST_CLOSED_RETENTION_DAYS", DEFAULT_CLOSED_RETENTION_DAYS)


def message_retention_days() -> int:
    return getattr(settings, "CONTACT_MESSAGE_RETENTION_DAYS", DEFAULT_MESSAGE_RETENTION_DAYS)


@retention_job("contact.closed_help_requests")
def anonymise_closed_help_requests() -> int:
    """Anonymise help requests closed longer than the retention period; returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=closed_retention_days())
    return anonymise_cases(HelpRequest.objects.filter(status=CaseStatus.CLOSED, closed_at__lt=cutoff))


@retention_job("contact.messages")
def delete_old_contact_messages() -> int:
    """Delete contact messages older than the retention period; returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=message_retention_days())
    deleted, _by_model = ContactMessage.objects.filter(created_at__lt=cutoff).delete()
    return deleted
