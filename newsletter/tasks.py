"""Background tasks of the newsletter (django-tasks; the ``worker`` process runs them).

Arguments are primary keys only: django-tasks-db stores them in plaintext, so an
address never travels through the queue. Each task reads the current row and does
nothing if it has gone (unsubscribed, expired) or changed (already confirmed).
"""

import logging

from django.contrib.auth import get_user_model
from django_tasks import task

from . import mail, sending
from .models import NewsletterIssue, Subscriber

logger = logging.getLogger(__name__)


@task()
def send_confirmation(subscriber_id: int) -> bool:
    """Mail the double opt-in link to a subscriber who has not confirmed yet."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=True).first()
    if subscriber is None:
        return False
    mail.confirmation_message(subscriber).send()
    return True


@task()
def send_already_subscribed_notice(subscriber_id: int) -> bool:
    """Tell a confirmed subscriber, in their own inbox, that their address was submitted again."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=False).first()
    if subscriber is None:
        return False
    mail.already_subscribed_message(subscriber).send()
    return True


@task()
def send_issue(issue_id: int) -> dict:
    """One sending run of an issue (newsletter.sending explains how it resumes without duplicates)."""
    result = sending.run(issue_id)
    logger.info("newsletter issue %s: %s", issue_id, result.as_dict())
    return result.as_dict()


@task()
def send_test_issue(issue_id: int, user_id: int) -> bool:
    """Mail a test copy of an issue, as it would be sent now, to the editor who asked for it."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if issue is None or user is None or not user.email:
        return False
    mail.sample_message(issue, user.email).send()
    return True
