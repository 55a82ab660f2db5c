"""Audit-log entries for exports of personal data (docs/data-protection.md: every export is logged)."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry


def log_export(rows, *, action: str, user, export_format: str, label) -> int:
    """One entry per exported row, all sharing one id: whose data left the site, when and by
    whom. ``rows`` is a queryset of a model with a ``reference``; ``label(reference)`` names
    each entry."""
    content_type = ContentType.objects.get_for_model(rows.model)
    batch = uuid.uuid4()
    now = timezone.now()
    entries = [
        ModelLogEntry(
            content_type=content_type,
            object_id=str(pk),
            label=label(reference),
            action=action,
            user=user,
            uuid=batch,
            timestamp=now,
            data={"format": export_format},
        )
        for pk, reference in rows.values_list("pk", "reference")
    ]
    ModelLogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
