"""No personal data in logs: the public flows run with every logger captured at DEBUG level.

Signing (sign, confirm from the mail link, sign again), subscribing (subscribe, confirm) and
pledging (pledge, thank-you page, receipt) go through Django's test client and a real SMTP
server on loopback, as do their validation errors and the failures of the mail server (where
data leaks: an SMTP error's text may quote the recipient's address). A handler put first on
the root logger keeps each record as it was emitted, before the production filter
(hhd_site.structured_logs.PersonalDataFilter) could mask anything: the code itself must not
log what a visitor typed. Each record's message, arguments, extra fields, exception text and
its line from the production JsonFormatter are searched for every submitted value.

Records of the logger ``mail.log`` are left out: it is aiosmtpd, the test's own stand-in for
the mail server (it logs the SMTP dialogue, recipients included), not part of the site.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker  # its loggers exist before `logs` saves levels

from campaigns.factories import CampaignPageFactory
from campaigns.models import Signature
from donations.factories import DonationPageFactory
from donations.models import Pledge
from newsletter.models import Subscriber
from safety.guards import issue_form_token

from . import log_capture
from .log_capture import NOT_THE_SITE

logs = log_capture.logs  # the fixture

pytestmark = pytest.mark.django_db

NAME = "Gülälek Orazgeldiýewa"
EMAIL = "gulalek.orazgeldiyewa@example.net"
CITY = "Köýtendag"
PHONE = "+90 532 987 65 43"
SUBSCRIBER_EMAIL = "merdan.annayew@example.net"
DONOR_NAME = "Baýramgül Jumaýewa"
DONOR_EMAIL = "bayramgul.jumayewa@example.net"
VISITOR_IP = "198.51.100.77"

NEEDLES = [
    NAME,
    *NAME.split(),
    EMAIL,
    EMAIL.split("@")[0],
    CITY,
    PHONE,
    PHONE.replace(" ", ""),
    PHONE.replace(" ", "")[3:],
    SUBSCRIBER_EMAIL,
    SUBSCRIBER_EMAIL.split("@")[0],
    DONOR_NAME,
    *DONOR_NAME.split(),
    DONOR_EMAIL,
    DONOR_EMAIL.split("@")[0],
    VISITOR_IP,
]


def assert_no_personal_data(keeper):
    leaks = [
        (name, level, needle, text)
        for name, level, text in keeper.entries
        if name not in NOT_THE_SITE
        for needle in NEEDLES
        if needle.lower() in text.lower()
    ]
    assert not leaks, "\n\n".join(
        f"{name} {level}: {needle!r} in\n{text}" for name, level, needle, text in leaks
    )


def logger_names(keeper):
    return {name for name, _level, _text in keeper.entries}


@pytest.fixture
def pages(site_tree, settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = "http://localhost"
    return {
        "campaign": CampaignPageFactory(parent=site_tree.homes["tk"]),
        "donation": DonationPageFactory(parent=site_tree.homes["tk"]),
    }


def sign(client, campaign, headers=None, **overrides):
    data = {
        "full_name": NAME,
        "email": EMAIL,
        "country": "TR",
        "city": CITY,
        "wants_newsletter": "on",
        "consent": "on",
        "website": "",
        "form_token": issue_form_token("campaigns.sign"),
        **overrides,
    }
    return client.post(f"/tk/campaigns/{campaign.pk}/sign/", data, REMOTE_ADDR=VISITOR_IP, **(headers or {}))


def subscribe(client, headers=None, **overrides):
    data = {
        "email": SUBSCRIBER_EMAIL,
        "language": "ru",
        "newsletter_consent": "on",
        "website": "",
        "form_token": issue_form_token("newsletter-subscribe"),
        **overrides,
    }
    return client.post("/ru/newsletter/subscribe/", data, REMOTE_ADDR=VISITOR_IP, **(headers or {}))


def pledge(client, donation, headers=None, **overrides):
    data = {
        "amount": "750",
        "currency": "TRY",
        "frequency": "monthly",
        "name": DONOR_NAME,
        "email": DONOR_EMAIL,
        "consent": "on",
        "website": "",
        "form_token": issue_form_token("pledge"),
        **overrides,
    }
    return client.post(
        f"/tk/donations/pledge/{donation.pk}/", data, REMOTE_ADDR=VISITOR_IP, **(headers or {})
    )


def link_in(message, fragment):
    """The site path of the first link in a mail that contains ``fragment``."""
    word = next(word for word in message.get_content().split() if fragment in word)
    return word.split("localhost", 1)[1]


def test_signing_subscribing_and_pledging_log_nothing_a_visitor_typed(client, pages, smtp_server, logs):
    # Signing, confirming from the mail's link; the signer asked for news, so the
    # newsletter's confirmation follows and is confirmed too.
    assert sign(client, pages["campaign"]).status_code == 303
    [signing_mail] = smtp_server.messages
    confirm_path = link_in(signing_mail, "/confirm/")
    assert client.get(confirm_path, REMOTE_ADDR=VISITOR_IP).status_code == 200
    assert client.post(confirm_path, REMOTE_ADDR=VISITOR_IP).status_code == 200
    assert Signature.objects.get().confirmed_at is not None
    news_mail = smtp_server.messages[-1]
    news_confirm = link_in(news_mail, "/newsletter/confirm/")
    client.post(news_confirm, REMOTE_ADDR=VISITOR_IP)
    # Signing again with the same address: "you have already signed" by mail.
    assert sign(client, pages["campaign"]).status_code == 303

    # Subscribing, confirming; then the same address again ("already subscribed" mail).
    subscribe(client)
    subscribe_confirm = link_in(smtp_server.messages[-1], "/newsletter/confirm/")
    assert client.get(subscribe_confirm, REMOTE_ADDR=VISITOR_IP).status_code == 200
    assert client.post(subscribe_confirm, REMOTE_ADDR=VISITOR_IP).status_code == 200
    subscribe(client)
    assert Subscriber.objects.filter(confirmed_at__isnull=False).count() == 2

    # Pledging, the thank-you page, the instructions by mail, then the receipt.
    response = pledge(client, pages["donation"])
    assert response.status_code == 302
    assert client.get(response["Location"], REMOTE_ADDR=VISITOR_IP).status_code == 200
    from donations.services import mark_received

    mark_received(Pledge.objects.get(), amount="750", received_on=timezone.localdate())
    assert len(smtp_server.messages) == 7

    assert {"django_tasks", "donations.services", "donations.tasks"} <= logger_names(logs)
    assert len(logs.entries) > 20
    assert_no_personal_data(logs)


def test_forms_sent_back_with_errors_log_nothing_a_visitor_typed(client, pages, logs):
    # A phone number typed where the address belongs, a name that is far too long.
    assert sign(client, pages["campaign"], email=PHONE).status_code == 400
    assert sign(client, pages["campaign"], full_name=NAME * 20, consent="").status_code == 400
    # Too quick: the form token was issued just now and a minimum applies.
    from django.test import override_settings

    with override_settings(FORM_MIN_FILL_SECONDS=3600):
        assert sign(client, pages["campaign"]).status_code == 400
        assert pledge(client, pages["donation"]).status_code == 400
    assert subscribe(client, email=SUBSCRIBER_EMAIL.replace("@", "@@")).status_code == 400
    assert subscribe(client, email=PHONE, language=CITY).status_code == 400
    assert pledge(client, pages["donation"], email=DONOR_EMAIL + "\x00", amount=PHONE).status_code == 400
    assert pledge(client, pages["donation"], name=DONOR_NAME * 10, consent="").status_code == 400
    # A post from another site and a form with the honeypot filled.
    assert sign(client, pages["campaign"], headers={"HTTP_ORIGIN": "https://evil.example"}).status_code == 403
    assert subscribe(client, website=f"{NAME} {EMAIL}").status_code == 200

    assert not Signature.objects.exists() and not Pledge.objects.exists() and not Subscriber.objects.exists()
    assert "django.request" in logger_names(logs)  # the 400/403/404 answers were logged
    assert_no_personal_data(logs)


def test_mail_server_failures_log_nothing_a_visitor_typed(
    client, pages, smtp_server, settings, monkeypatch, logs
):
    """The server refuses every message, and quotes the recipient in its refusal (as Postfix does);
    the real worker retries until each task gives up. Neither the logs nor the failed tasks'
    stored tracebacks may hold the address."""
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def work():
        # verbosity 3: the worker logs at DEBUG (it sets its loggers' levels from the verbosity).
        call_command("db_worker", batch=True, startup_delay=False, verbosity=3, stdout=io.StringIO())

    async def refuse_recipient(server, session, envelope, address, rcpt_options):
        return f"450 4.2.0 <{address}>: Recipient address rejected: mailbox unavailable"

    smtp_server.refuse = True  # at DATA, for the first attempts
    assert sign(client, pages["campaign"]).status_code == 303
    subscribe(client)
    work()
    assert DBTaskResult.objects.filter(status="READY").count() == 2  # both retried later

    smtp_server.handle_RCPT = refuse_recipient  # from now on at RCPT, quoting the address
    assert pledge(client, pages["donation"]).status_code == 302
    for _round in range(12):
        waiting = DBTaskResult.objects.filter(status="READY")
        if not waiting.exists():
            break
        waiting.update(run_after=timezone.now() - timedelta(seconds=1))
        work()
    assert not DBTaskResult.objects.filter(status="READY").exists()

    assert smtp_server.messages == []
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert {result.task_path.rsplit(".", 1)[1] for result in failed} == {
        "send_signature_mail",
        "send_confirmation",
        "send_pledge_instructions",
    }
    for result in failed:  # the queue keeps each failure's traceback in plaintext
        for needle in NEEDLES:
            assert needle.lower() not in result.traceback.lower(), (result.task_path, result.traceback)
    # The retries' warnings, and the worker's error for each task that gave up, with its traceback.
    names = {(name, level) for name, level, _text in logs.entries}
    assert {
        ("campaigns.tasks", "WARNING"),
        ("newsletter.tasks", "WARNING"),
        ("django_tasks", "ERROR"),
    } <= names
    tracebacks = [text for name, level, text in logs.entries if name == "django_tasks" and level == "ERROR"]
    assert len(tracebacks) == 3 and all(
        "MailNotSent: SMTPRecipientsRefused (450)" in text for text in tracebacks
    )
    assert_no_personal_data(logs)
