"""No personal data in logs from the help form and the contact form (tests/test_no_personal_data_in_logs.py
for the other public flows, whose record keeper and ``logs`` fixture are reused here).

Every logger is captured at DEBUG level by a handler put first on the root logger, before the
production filter could mask anything: the code itself must not log what a person typed. The
flows go through Django's test client and a real SMTP server on loopback: help requests (a phone
number, an e-mail address that gets an acknowledgement), a contact message, forms sent back with
errors, a help form without any caseworker key, and a mail server that refuses and quotes the
recipient in its refusal. Each record's message, arguments, extra fields, exception text and its
line from the production JsonFormatter are searched for every submitted value, and so are the
stored tracebacks and arguments of the background tasks.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from contact.factories import make_caseworker_key
from contact.models import ContactMessage, HelpRequest
from tests import log_capture as shared

from .conftest import TEST_ITERATIONS, contact_data, help_data, open_case

pytestmark = pytest.mark.django_db

logs = shared.logs  # the fixture: every logger at DEBUG, kept by shared.RecordKeeper

NAME = "Şemşat Annagulyýewa"
PHONE = "+90 533 444 21 09"
HELP_EMAIL = "semsat.annagulyyewa@example.net"
CITY = "Esenýurt"
ACCOUNT = "Gaýnymy Kumkapydaky merkeze äkitdiler, ol sekiz gün bäri şol ýerde saklanýar."
SENDER_NAME = "Nurjemal Täçmuhammedowa"
SENDER_EMAIL = "nurjemal.tachmuhammedowa@example.net"
SUBJECT = "Oturma izni danışmanlığı"
MESSAGE = "Kardeşimin oturma izni reddedildi, Sultanbeyli ilçesinde yaşıyoruz ve yardım istiyoruz."
VISITOR_IP = "203.0.113.58"

NEEDLES = [
    NAME,
    *NAME.split(),
    PHONE,
    PHONE.replace(" ", ""),
    PHONE.replace(" ", "")[3:],
    "444 21 09",
    HELP_EMAIL,
    HELP_EMAIL.split("@")[0],
    CITY,
    ACCOUNT,
    "Kumkapydaky",
    SENDER_NAME,
    *SENDER_NAME.split(),
    SENDER_EMAIL,
    SENDER_EMAIL.split("@")[0],
    SUBJECT,
    MESSAGE,
    "Sultanbeyli",
    VISITOR_IP,
]


def leaks_in(text: str) -> list[str]:
    return [needle for needle in NEEDLES if needle.lower() in text.lower()]


def assert_no_personal_data(keeper):
    leaks = [
        (name, level, needle, text)
        for name, level, text in keeper.entries
        if name not in shared.NOT_THE_SITE
        for needle in leaks_in(text)
    ]
    assert not leaks, "\n\n".join(
        f"{name} {level}: {needle!r} in\n{text}" for name, level, needle, text in leaks
    )


def levels(keeper):
    return {(name, level) for name, level, _text in keeper.entries}


@pytest.fixture
def site(settings, help_page, contact_page, message_reader):
    """Both pages; a reader of contact messages (with an address) is told of new ones."""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = "http://localhost"
    return {"help": help_page, "contact": contact_page}


def ask_for_help(client, page, headers=None, **overrides):
    typed = {
        "category": "detention",
        "location": CITY,
        "contact_channel": "whatsapp",
        "contact_value": PHONE,
        "language": "tk",
        "name": NAME,
        "account": ACCOUNT,
    }
    data = help_data(**{**typed, **overrides})
    return client.post(f"/tk/contact/help/{page.pk}/", data, REMOTE_ADDR=VISITOR_IP, **(headers or {}))


def send_message(client, page, headers=None, **overrides):
    typed = {"name": SENDER_NAME, "email": SENDER_EMAIL, "subject": SUBJECT, "message": MESSAGE}
    data = contact_data(**{**typed, **overrides})
    return client.post(f"/tr/contact/message/{page.pk}/", data, REMOTE_ADDR=VISITOR_IP, **(headers or {}))


def test_help_requests_and_a_contact_message_log_nothing_a_person_typed(
    client, site, caseworker_key, smtp_server, logs
):
    # A request with a WhatsApp number, one with an e-mail address (acknowledged at once), a message.
    assert ask_for_help(client, site["help"]).status_code == 200
    assert (
        ask_for_help(client, site["help"], contact_channel="email", contact_value=HELP_EMAIL).status_code
        == 200
    )
    response = send_message(client, site["contact"])
    assert response.status_code == 303
    assert client.get(response["Location"], REMOTE_ADDR=VISITOR_IP).status_code == 200

    # The cases hold what was typed (sealed), and every mail went out.
    documents = [open_case(case, caseworker_key) for case in HelpRequest.objects.order_by("pk")]
    assert [(document["name"], document["contact_value"]) for document in documents] == [
        (NAME, PHONE),
        (NAME, HELP_EMAIL),
    ]
    assert ContactMessage.objects.get().email == SENDER_EMAIL
    assert sorted(message["To"] for message in smtp_server.messages) == [
        "aylar@hhd.example",
        "aylar@hhd.example",
        "reader@hhd.example",
        HELP_EMAIL,
    ]

    assert {("contact.services", "INFO"), ("django_tasks", "INFO")} <= levels(logs)
    assert len(logs.entries) > 10
    assert_no_personal_data(logs)


def test_forms_sent_back_with_errors_log_nothing_a_person_typed(client, site, caseworker, settings, logs):
    # No caseworker key yet: the request is refused (503) and nothing is stored.
    assert ask_for_help(client, site["help"]).status_code == 503
    make_caseworker_key(caseworker, iterations=TEST_ITERATIONS)

    # A phone number where an e-mail address belongs; the city and name on several lines;
    # a control character in the account; a name far too long; no consent.
    assert ask_for_help(client, site["help"], contact_channel="email", contact_value=PHONE).status_code == 400
    assert (
        ask_for_help(client, site["help"], contact_channel="signal", contact_value=HELP_EMAIL).status_code
        == 400
    )
    assert (
        ask_for_help(client, site["help"], location=f"{CITY}\n{NAME}", name=f"{NAME}\r\n{PHONE}").status_code
        == 400
    )
    assert (
        ask_for_help(client, site["help"], account=ACCOUNT + "\x00\x1b[2J", consent=None).status_code == 400
    )
    assert ask_for_help(client, site["help"], name=NAME * 10, category=CITY, language=NAME).status_code == 400
    assert send_message(client, site["contact"], email=PHONE).status_code == 400
    assert (
        send_message(
            client, site["contact"], name=SENDER_NAME * 10, subject=f"{SUBJECT}\n{SENDER_EMAIL}"
        ).status_code
        == 400
    )
    assert send_message(client, site["contact"], message=MESSAGE + "\x07", consent=None).status_code == 400
    # Too quick: a minimum fill time applies.
    with override_settings(FORM_MIN_FILL_SECONDS=3600):
        assert ask_for_help(client, site["help"]).status_code == 400
        assert send_message(client, site["contact"]).status_code == 400
    # A post from another site, and forms with the honeypot filled with personal data.
    evil = {"HTTP_ORIGIN": "https://evil.example"}
    assert ask_for_help(client, site["help"], headers=evil).status_code == 403
    assert send_message(client, site["contact"], headers=evil).status_code == 403
    assert ask_for_help(client, site["help"], website=f"{NAME} {HELP_EMAIL}").status_code == 200
    assert send_message(client, site["contact"], website=f"{SENDER_NAME} {SENDER_EMAIL}").status_code == 303
    # Too many requests: the rate limits by address and by e-mail address.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "help:ip": (0, 600), "contact:email": (0, 3600)}
    assert ask_for_help(client, site["help"]).status_code == 429
    assert send_message(client, site["contact"]).status_code == 429

    assert not HelpRequest.objects.exists() and not ContactMessage.objects.exists()
    assert ("contact.services", "WARNING") in levels(logs)  # refused without a key
    assert {("django.request", "WARNING")} <= levels(logs)  # the 400/403/429/503 answers were logged
    assert_no_personal_data(logs)


def test_mail_server_refusals_log_nothing_a_person_typed(
    client, site, caseworker_key, smtp_server, settings, monkeypatch, logs
):
    """The server refuses every recipient and quotes the address in its refusal (as Postfix does):
    the person's acknowledgement fails at once, and the real worker retries the staff notifications
    until each task gives up. Neither the logs nor the tasks' stored tracebacks and arguments may
    hold anything the person typed."""
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def work():
        # verbosity 3: the worker logs at DEBUG (it sets its loggers' levels from the verbosity).
        call_command("db_worker", batch=True, startup_delay=False, verbosity=3, stdout=io.StringIO())

    async def refuse_recipient(server, session, envelope, address, rcpt_options):
        return f"450 4.2.0 <{address}>: Recipient address rejected: mailbox unavailable"

    smtp_server.refuse = True  # at DATA, for the first attempts
    assert (
        ask_for_help(client, site["help"], contact_channel="email", contact_value=HELP_EMAIL).status_code
        == 200
    )
    assert send_message(client, site["contact"]).status_code == 303
    work()
    assert DBTaskResult.objects.filter(status="READY").count() == 2  # both retried later

    smtp_server.handle_RCPT = refuse_recipient  # from now on at RCPT, quoting the address
    assert (
        ask_for_help(client, site["help"], contact_channel="email", contact_value=HELP_EMAIL).status_code
        == 200
    )
    for _round in range(12):
        waiting = DBTaskResult.objects.filter(status="READY")
        if not waiting.exists():
            break
        waiting.update(run_after=timezone.now() - timedelta(seconds=1))
        work()
    assert not DBTaskResult.objects.filter(status="READY").exists()

    assert smtp_server.messages == []
    assert HelpRequest.objects.count() == 2 and ContactMessage.objects.count() == 1
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert sorted(result.task_path.rsplit(".", 1)[1] for result in failed) == [
        "notify_caseworkers",
        "notify_caseworkers",
        "notify_staff_of_message",
    ]
    for result in DBTaskResult.objects.all():  # the queue keeps arguments and tracebacks in plaintext
        assert not leaks_in(f"{result.args_kwargs} {result.traceback} {result.return_value}"), (
            result.task_path
        )
    # The failed acknowledgements, the retries' warnings, and the worker's error for each task that gave up.
    assert {
        ("contact.services", "WARNING"),
        ("contact.tasks", "WARNING"),
        ("contact.tasks", "ERROR"),
        ("django_tasks", "ERROR"),
    } <= levels(logs)
    acknowledgements = [
        text for name, level, text in logs.entries if name == "contact.services" and level == "WARNING"
    ]
    assert len(acknowledgements) == 2 and all("acknowledgement not sent" in text for text in acknowledgements)
    assert any("SMTPRecipientsRefused (450)" in text for text in acknowledgements)
    tracebacks = [text for name, level, text in logs.entries if name == "django_tasks" and level == "ERROR"]
    assert len(tracebacks) == 3 and all(
        "MailNotSent: SMTPRecipientsRefused (450)" in text for text in tracebacks
    )
    assert_no_personal_data(logs)
