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

from safety.mail_errors import MAIL_ERRORS, mail_not_sent

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
    try:
        EmailMessage(subject, body, settings.NEUTRAL_FROM_EMAIL, [pledge.email]).send()
    except MAIL_ERRORS as error:
        # The task fails without the SMTP error's text, which may quote the donor's address.
        raise mail_not_sent(error) from None


@task()
def send_pledge_instructions(pledge_id: int) -> bool:
    """Mail the reference and the bank accounts to a donor who gave an address; False if there is none."""
    pledge = Pledge.objects.select_related("page").filter(pk=pledge_id).first()
    if pledge is None or not pledge.email:  # anonymised or deleted before the task ran
        return False
    _send(pledge, "instructions")
    logger.info("pledge %s: instructions mailed", pledge.pk)
    return True


@task()
def send_pledge_receipt(pledge_id: int) -> bool:
    """Mail a receipt for a pledge marked received to a donor who gave an address."""
    pledge = Pledge.objects.select_related("page").filter(pk=pledge_id).first()
    if pledge is None or not pledge.email or pledge.status != PledgeStatus.RECEIVED:
        return False
    _send(pledge, "receipt")
    logger.info("pledge %s: receipt mailed", pledge.pk)
    return True
