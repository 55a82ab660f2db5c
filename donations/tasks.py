"""Background tasks that mail donors: transfer instructions after a pledge, a receipt when it arrives.

Tasks take the pledge's primary key only (the task queue stores its arguments in
plaintext), render the mail in the donor's language, and come from the neutral sender
with a neutral subject, so that a watched inbox does not reveal the cause.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from safety.mail_errors import MAIL_ERRORS, mail_not_sent

from .models import Pledge, PledgeStatus
from .services import accounts_for

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # with the back-off below: retried over about four hours, as for signers


def retry_delay(attempt: int) -> timedelta:
    """Back-off between attempts: 1, 2, 4 … minutes, at most an hour."""
    return timedelta(minutes=min(60, 2 ** (attempt - 1)))


def _send(pledge, template):
    with translation.override(pledge.language):
        context = {
            "pledge": pledge,
            "accounts": accounts_for(pledge.page, pledge.currency),
        }
        subject = render_to_string(f"donations/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"donations/email/{template}.txt", context)
    EmailMessage(subject, body, settings.NEUTRAL_FROM_EMAIL, [pledge.email]).send()


def _send_or_retry(task_function, pledge, template, attempt: int) -> bool:
    """Send, or when the mail server fails enqueue the same task again later (nothing is lost).

    After MAX_ATTEMPTS the task fails with MailNotSent, not the SMTP error, whose text may
    quote the donor's address (safety.mail_errors)."""
    try:
        _send(pledge, template)
    except MAIL_ERRORS as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error("pledge %s: %s mail failed for good: %s", pledge.pk, template, type(error).__name__)
            raise mail_not_sent(error) from None
        logger.warning(
            "pledge %s: %s mail failed (%s); attempt %s of %s, retrying later",
            pledge.pk,
            template,
            type(error).__name__,
            attempt,
            MAX_ATTEMPTS,
        )
        task_function.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(pledge.pk, attempt + 1)
        return False
    logger.info("pledge %s: %s mailed", pledge.pk, template)
    return True


@task()
def send_pledge_instructions(pledge_id: int, attempt: int = 1) -> bool:
    """Mail the reference and the bank accounts to a donor who gave an address; False if there is
    none (or the mail server failed and the mail is queued again)."""
    pledge = Pledge.objects.select_related("page").filter(pk=pledge_id).first()
    if pledge is None or not pledge.email:  # anonymised or deleted before the task ran
        return False
    return _send_or_retry(send_pledge_instructions, pledge, "instructions", attempt)


@task()
def send_pledge_receipt(pledge_id: int, attempt: int = 1) -> bool:
    """Mail a receipt for a pledge marked received to a donor who gave an address."""
    pledge = Pledge.objects.select_related("page").filter(pk=pledge_id).first()
    if pledge is None or not pledge.email or pledge.status != PledgeStatus.RECEIVED:
        return False
    return _send_or_retry(send_pledge_receipt, pledge, "receipt", attempt)
