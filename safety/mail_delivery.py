"""Mail from background tasks: sent, or tried again later with back-off; never lost in silence.

One schedule for every task that mails (settings ``MAIL_RETRY_ATTEMPTS`` and
``MAIL_RETRY_MAX_DELAY_MINUTES``). A task that fails enqueues itself again with its
attempt number; after the last attempt it fails with ``MailNotSent``, which names the
error's class and reply codes only (safety.mail_errors), never what the server wrote.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from safety.mail_errors import MAIL_ERRORS, describe, mail_not_sent

MAX_ATTEMPTS = settings.MAIL_RETRY_ATTEMPTS


def retry_delay(attempt: int) -> timedelta:
    """Back-off after failed attempt number ``attempt``: 1, 2, 4 … minutes, up to the cap."""
    return timedelta(minutes=min(settings.MAIL_RETRY_MAX_DELAY_MINUTES, 2 ** (attempt - 1)))


def send_or_retry(send, *, task_, args, attempt: int, logger, what: str) -> bool:
    """Call ``send()``; when the mail server fails, enqueue ``task_(*args, attempt + 1)`` for later.

    True when the mail went out, False when it was scheduled again. ``what`` names the row in
    the log (an id, never an address); the lines go to the calling app's ``logger``.
    """
    try:
        send()
    except MAIL_ERRORS as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error("%s: mail failed for good: %s", what, describe(error))
            raise mail_not_sent(error) from None
        logger.warning(
            "%s: mail failed (%s); attempt %s of %s, retrying later",
            what,
            describe(error),
            attempt,
            MAX_ATTEMPTS,
        )
        task_.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(*args, attempt + 1)
        return False
    return True
