"""Mail errors that name no recipient, for tasks that mail people.

An SMTP error's text is the mail server's answer, and servers quote the recipient in it
("450 4.2.0 <name@example.org>: Recipient address rejected"); ``SMTPRecipientsRefused``
even holds the addresses as its keys. When a task gives up, the task worker logs the
exception and the database task backend stores its traceback in plaintext. So a task
raises ``mail_not_sent(error) from None`` instead of the original error: the class and the
reply code tell an operator what happened, and nothing the server wrote comes along.
"""

import smtplib

# What sending can raise when the server is unreachable or refuses.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


class MailNotSent(Exception):
    """The mail server did not take a message; says how, never to whom."""


def describe(error: BaseException) -> str:
    """The error's class and SMTP reply codes, without any text of the server's answer."""
    codes = set()
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = {code for code, _text in error.recipients.values()}
    elif isinstance(error, smtplib.SMTPResponseException):
        codes = {error.smtp_code}
    elif isinstance(error, OSError) and error.errno is not None:
        codes = {f"errno {error.errno}"}
    name = type(error).__name__
    return f"{name} ({', '.join(str(code) for code in sorted(codes, key=str))})" if codes else name


def mail_not_sent(error: BaseException) -> MailNotSent:
    """The exception to raise, ``from None``, in place of ``error``."""
    return MailNotSent(describe(error))
