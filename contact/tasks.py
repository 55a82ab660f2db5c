"""Background mail to HHD's staff: "something new is waiting", with a link to the admin only.

Task arguments are stored by the task backend in plaintext, so they carry row ids only.
The notifications name no sender, contact, place or text: a staff mailbox that is read
by someone else reveals nothing about the person who wrote.
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
from staff.languages import staff_language

from .models import ContactMessage, HelpRequest
from .permissions import CASES, MESSAGES, users_with

logger = logging.getLogger(__name__)


def admin_url(name, *args) -> str:
    return public_url(reverse(name, args=args))


def staff_mails(permission, subject_and_body):
    """One message per active staff member with ``permission`` and an address, in their admin
    language, else the site's default language (never the visitor's: staff.languages)."""
    mails = []
    for user in users_with(permission).exclude(email=""):
        with translation.override(staff_language(user)):
            subject, body = subject_and_body()
        mails.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    return mails


def notify(mails, *, task_, row_id, attempt, what):
    """Send ``mails``; on a mail-server failure enqueue the task again for later (safety.mail_delivery)."""

    def send():
        for mail in mails:
            mail.send()

    return send_or_retry(send, task_=task_, args=(row_id,), attempt=attempt, logger=logger, what=what)


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
    notify(
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
    notify(mails, task_=notify_caseworkers, row_id=case_id, attempt=attempt, what=f"help request {case_id}")
    return len(mails)
