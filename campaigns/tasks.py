"""Background work of the campaigns app: mail to signers.

Task arguments are stored by the task backend in plaintext, so they carry row ids only,
never an address or a name.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from hhd_site.public_url import public_url
from safety.mail_errors import MAIL_ERRORS, mail_not_sent

from .models import CampaignPage, Signature
from .services import campaign_of, confirmation_token, withdrawal_token

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # with the back-off below: retried over about four hours


def retry_delay(attempt: int) -> timedelta:
    """Back-off between attempts: 1, 2, 4 … minutes, at most an hour."""
    return timedelta(minutes=min(60, 2 ** (attempt - 1)))


def signature_mail(signature: Signature, campaign: CampaignPage, kind: str) -> EmailMessage:
    """The confirmation (or "you have already signed") e-mail, in the active language."""
    context = {
        "campaign": campaign,
        "confirm_url": public_url(reverse("campaigns:confirm", args=[confirmation_token(signature)])),
        "withdraw_url": public_url(reverse("campaigns:withdraw", args=[withdrawal_token(signature)])),
        "already_signed": kind == "already_signed",
    }
    body = render_to_string("campaigns/email/signature.txt", context)
    if campaign.email_subject:
        subject, sender = campaign.email_subject, settings.NEUTRAL_FROM_EMAIL
    elif kind == "already_signed":
        subject = gettext("You have already signed: %(title)s") % {"title": campaign.title}
        sender = settings.DEFAULT_FROM_EMAIL
    else:
        subject = gettext("Please confirm your signature: %(title)s") % {"title": campaign.title}
        sender = settings.DEFAULT_FROM_EMAIL
    return EmailMessage(subject=subject, body=body, from_email=sender, to=[signature.email])


@task()
def send_signature_mail(signature_id: int, kind: str, page_id: int, attempt: int = 1) -> None:
    """Mail a signer the confirmation link (kind "confirm") or "you have already signed".

    When the mail server fails, the task enqueues itself again later (nothing is lost);
    after MAX_ATTEMPTS it gives up and logs the row id only, failing with MailNotSent rather
    than the SMTP error, whose text may quote the address (safety.mail_errors).
    """
    signature = Signature.objects.filter(pk=signature_id, anonymised_at__isnull=True).first()
    if signature is None:  # withdrawn or erased in the meantime
        return
    campaign = campaign_of(signature, signature.language, page_id)
    if campaign is None:
        return
    with translation.override(signature.language):
        message = signature_mail(signature, campaign, kind)
    try:
        message.send()
    except MAIL_ERRORS as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error("signature mail for #%s failed for good: %s", signature_id, type(error).__name__)
            raise mail_not_sent(error) from None
        logger.warning(
            "signature mail for #%s failed (%s); attempt %s of %s, retrying later",
            signature_id,
            type(error).__name__,
            attempt,
            MAX_ATTEMPTS,
        )
        send_signature_mail.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            signature_id, kind, page_id, attempt + 1
        )
