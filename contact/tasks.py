"""Background mail to HHD's staff: "something new is waiting", with a link to the admin only.

Task arguments are stored by the task backend in plaintext, so they carry row ids only.
The notifications name no sender, contact, place or text: a staff mailbox that is read
by someone else reveals nothing about the person who wrote.
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
from wagtail.users.models import UserProfile

from hhd_site.public_url import public_url
from safety.mail_errors import MAIL_ERRORS, describe, mail_not_sent

from .models import ContactMessage, HelpRequest
from .permissions import CASES, MESSAGES, users_with

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6  # with the back-off below: retried over about an hour


def retry_delay(attempt: int) -> timedelta:
    """Back-off between attempts: 1, 2, 4 … minutes, at most half an hour."""
    return timedelta(minutes=min(30, 2 ** (attempt - 1)))


def admin_url(name, *args) -> str:
    return public_url(reverse(name, args=args))


def staff_mails(permission, subject_and_body):
    """One message per active staff member with ``permission`` and an address, in their admin language."""
    mails = []
    for user in users_with(permission).exclude(email=""):
        language = UserProfile.get_for_user(user).get_preferred_language()
        with translation.override(language):
            subject, body = subject_and_body()
        mails.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    return mails


def send_or_retry(mails, *, task_, row_id, attempt, what):
    """Send ``mails``; on a mail-server failure enqueue the task again for later (up to MAX_ATTEMPTS)."""
    try:
        for mail in mails:
            mail.send()
    except MAIL_ERRORS as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error("%s: notification failed for good (%s)", what, describe(error))
            # Without the server's text, which may quote an address (safety.mail_errors).
            raise mail_not_sent(error) from None
        logger.warning("%s: notification failed (%s), attempt %s", what, describe(error), attempt)
        task_.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(row_id, attempt + 1)
        return False
    return True


@task()
def notify_staff_of_message(message_id: int, attempt: int = 1) -> int:
    """Tell the staff who read contact messages that a new one arrived; returns how many were mailed."""
    message = ContactMessage.objects.filter(pk=message_id).first()
    if message is None:
        return 0
    url = admin_url("contact_messages:read", message.pk)

    def subject_and_body():
        return (
            gettext("New message through the website"),
            render_to_string("contact/email/staff_message.txt", {"url": url}),
        )

    mails = staff_mails(MESSAGES, subject_and_body)
    if not mails:
        logger.warning("contact message %s: no staff member with an address to notify", message_id)
        return 0
    send_or_retry(
        mails, task_=notify_staff_of_message, row_id=message_id, attempt=attempt, what=f"message {message_id}"
    )
    return len(mails)


@task()
def notify_caseworkers(case_id: int, attempt: int = 1) -> int:
    """Tell the caseworkers that a new request is in their inbox (urgent or not); no detail of it."""
    case = HelpRequest.objects.filter(pk=case_id).first()
    if case is None:
        return 0
    url = admin_url("cases:case", case.pk)

    def subject_and_body():
        subject = (
            gettext("Urgent: a new request in the caseworkers' inbox")
            if case.urgent
            else gettext("A new request in the caseworkers' inbox")
        )
        return subject, render_to_string("contact/email/caseworker_case.txt", {"url": url, "case": case})

    mails = staff_mails(CASES, subject_and_body)
    if not mails:
        logger.warning("help request %s: no caseworker with an address to notify", case_id)
        return 0
    send_or_retry(
        mails, task_=notify_caseworkers, row_id=case_id, attempt=attempt, what=f"help request {case_id}"
    )
    return len(mails)
