"""Background tasks of the newsletter (django-tasks; the ``worker`` process runs them).

Arguments are primary keys only: django-tasks-db stores them in plaintext, so an
address never travels through the queue. Each task reads the current row and does
nothing if it has gone (unsubscribed, expired) or changed (already confirmed).

When the mail server is down, the confirmation and "already subscribed" mails are not
lost: the task enqueues itself again with back-off (safety.mail_delivery).
"""

import logging

from django.contrib.auth import get_user_model
from django.db.models import Q
from django_tasks import task

# MAX_ATTEMPTS and retry_delay: the schedule these tasks follow, named here for their tests.
from safety.mail_delivery import MAX_ATTEMPTS, retry_delay, send_or_retry  # noqa: F401

from . import mail, sending
from .models import NewsletterIssue, Subscriber

logger = logging.getLogger(__name__)


def _send_or_retry(message, task_, subscriber_id: int, attempt: int) -> bool:
    return send_or_retry(
        message.send,
        task_=task_,
        args=(subscriber_id,),
        attempt=attempt,
        logger=logger,
        what=f"newsletter {task_.name} for subscriber #{subscriber_id}",
    )


@task()
def send_confirmation(subscriber_id: int, attempt: int = 1) -> bool:
    """Mail the double opt-in link to a subscriber who has not confirmed yet.

    Returns True when the mail went out; False when there was nothing to send or the mail
    server failed and the task was scheduled again.
    """
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=True).first()
    if subscriber is None:
        return False
    return _send_or_retry(mail.confirmation_message(subscriber), send_confirmation, subscriber_id, attempt)


@task()
def send_already_subscribed_notice(subscriber_id: int, attempt: int = 1) -> bool:
    """Tell a confirmed subscriber, in their own inbox, that their address was submitted again.

    Retried like :func:`send_confirmation` when the mail server fails.
    """
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=False).first()
    if subscriber is None:
        return False
    return _send_or_retry(
        mail.already_subscribed_message(subscriber), send_already_subscribed_notice, subscriber_id, attempt
    )


@task()
def send_issue(issue_id: int) -> dict:
    """One sending run of an issue (newsletter.sending explains how it resumes without duplicates)."""
    result = sending.run(issue_id)
    logger.info("newsletter issue %s: %s", issue_id, result.as_dict())
    return result.as_dict()


def run_is_queued(issue_id: int, by=None) -> bool:
    """Whether a sending run of the issue waits in the database queue (due by ``by``, if given).

    Lets the worker's periodic resume and the scheduling of the next run leave an issue
    alone that already has its run coming. False with backends without a queue.
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(send_issue.get_backend(), DatabaseBackend):
        return False
    queued = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=send_issue.module_path, args_kwargs__args=[issue_id]
    )
    if by is not None:
        # A task that was not deferred carries the largest date and is due at once.
        queued = queued.filter(Q(run_after__lte=by) | Q(run_after=get_date_max()))
    return queued.exists()


@task()
def send_test_issue(issue_id: int, user_id: int) -> bool:
    """Mail a test copy of an issue, as it would be sent now, to the editor who asked for it."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if issue is None or user is None or not user.email:
        return False
    mail.sample_message(issue, user.email).send()
    return True
