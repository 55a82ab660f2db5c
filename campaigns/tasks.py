"""Background work of the campaigns app: mail to signers.

Task arguments are stored by the task backend in plaintext, so they carry row ids only,
never an address or a name.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task

from hhd_site.public_url import public_url
from safety.mail_delivery import send_or_retry

from .models import CampaignPage, Signature
from .services import campaign_of, confirmation_token, withdrawal_token

logger = logging.getLogger(__name__)


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

    When the mail server fails, the task enqueues itself again later (safety.mail_delivery).
    """
    signature = Signature.objects.filter(pk=signature_id, anonymised_at__isnull=True).first()
    if signature is None:  # withdrawn or erased in the meantime
        return
    campaign = campaign_of(signature, signature.language, page_id)
    if campaign is None:
        return
    with translation.override(signature.language):
        message = signature_mail(signature, campaign, kind)
    send_or_retry(
        message.send,
        task_=send_signature_mail,
        args=(signature_id, kind, page_id),
        attempt=attempt,
        logger=logger,
        what=f"signature mail for #{signature_id}",
    )
