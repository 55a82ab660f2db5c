"""Retention of the newsletter's personal data (registered with safety.retention).

Unsubscribing deletes a subscriber at once (newsletter.services.unsubscribe); what is
left to expire are requests nobody confirmed.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from safety.retention import retention_job

from .models import Subscriber


@retention_job("newsletter.unconfirmed_subscribers")
def delete_unconfirmed_subscribers() -> int:
    """Delete subscriptions not confirmed within UNCONFIRMED_RETENTION_DAYS of the last request."""
    cutoff = timezone.now() - timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS)
    deleted, _by_model = Subscriber.objects.filter(
        confirmed_at__isnull=True, requested_at__lt=cutoff
    ).delete()
    return deleted
