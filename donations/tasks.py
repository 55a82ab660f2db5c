"""Background tasks that mail donors: transfer instructions after a pledge, a receipt when it arrives.

Tasks take the pledge's primary key only (the task queue stores its arguments in
plaintext), render the mail in the donor's language, and come from the neutral sender
with a neutral subject, so that a watched inbox does not reveal the cause.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from safety.mail_delivery import send_or_retry

from .models import Pledge, PledgeStatus
from .services import accounts_for

logger = logging.getLogger(__name__)


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
    """Send, or when the mail server fails enqueue the same task again later (nothing is lost)."""
    sent = send_or_retry(
        lambda: _send(pledge, template),
        task_=task_function,
        args=(pledge.pk,),
        attempt=attempt,
        logger=logger,
        what=f"pledge {pledge.pk}: {template}",
    )
    if sent:
        logger.info("pledge %s: %s mailed", pledge.pk, template)
    return sent


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
