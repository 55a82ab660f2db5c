"""Mail to donors, in their language: the transfer instructions after a pledge, a receipt when it arrives."""

import datetime
from decimal import Decimal

import pytest

from donations import services
from donations.factories import PledgeFactory
from donations.tasks import send_pledge_instructions, send_pledge_receipt
from home.factories import translate_page

from .conftest import pledge_data

pytestmark = pytest.mark.django_db


def test_a_pledge_with_an_address_mails_the_reference_and_accounts_in_the_donors_language(
    client, smtp_server, donation_page, settings
):
    russian = translate_page(donation_page, "ru", title="Поддержать", slug="podderzhat")
    response = client.post(
        f"/ru/donations/pledge/{russian.pk}/",
        pledge_data(name="Мария", email="maria@example.org", consent="on"),
    )
    assert response.status_code == 302
    pledge = services.Pledge.objects.get()
    assert pledge.language == "ru"
    [message] = smtp_server.messages
    assert message["To"] == "maria@example.org"
    assert message["From"] == settings.NEUTRAL_FROM_EMAIL
    assert message["Subject"] == "Реквизиты для перевода"
    body = message.get_content()
    assert pledge.display_reference in body
    assert "Здравствуйте, Мария" in body
    assert "TR33 0006 1005 1978 6457 8413 26" in body
    assert "DE89" not in body  # only the lira account for a lira pledge


def test_an_anonymous_pledge_sends_no_mail(client, smtp_server, donation_page):
    client.post(f"/tk/donations/pledge/{donation_page.pk}/", pledge_data())
    assert smtp_server.messages == []


def test_the_task_takes_only_the_pledges_id():
    pledge = PledgeFactory(email="x@example.org", consent_version="pledge-email-1")
    result = send_pledge_instructions.enqueue(pledge.pk)
    assert result.args == [pledge.pk]


def test_marking_a_pledge_received_mails_one_receipt_in_the_donors_language(smtp_server, donation_page):
    pledge = PledgeFactory(page=donation_page, email="donor@example.org", name="Aýna", language="tk")
    assert services.mark_received(pledge, amount=Decimal("500"), received_on=datetime.date(2025, 6, 3))
    assert not services.mark_received(pledge, amount=Decimal("500"), received_on=datetime.date(2025, 6, 3))
    [message] = smtp_server.messages
    assert message["Subject"] == "Töleg alyndy"
    body = message.get_content()
    assert "Salam, Aýna" in body
    assert pledge.display_reference in body
    assert "500" in body


def test_no_receipt_for_an_anonymous_donor_or_a_pledge_not_received(smtp_server):
    anonymous = PledgeFactory()
    services.mark_received(anonymous, amount=Decimal("500"), received_on=datetime.date(2025, 6, 3))
    assert send_pledge_receipt.call(PledgeFactory(email="x@example.org").pk) is False
    assert smtp_server.messages == []


def test_an_anonymised_pledge_gets_no_mail(smtp_server):
    pledge = PledgeFactory(email="x@example.org")
    services.anonymise(services.Pledge.objects.filter(pk=pledge.pk))
    assert send_pledge_instructions.call(pledge.pk) is False
    assert smtp_server.messages == []


@pytest.mark.parametrize("refuse_at", ["DATA", "RCPT"])
def test_when_the_mail_server_is_down_the_instructions_are_sent_later_not_lost(
    client, smtp_server, donation_page, settings, monkeypatch, refuse_at
):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The real worker, except that it must not close the test's transaction-bound connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    if refuse_at == "DATA":
        smtp_server.refuse = True
    else:

        async def refuse_recipient(server, session, envelope, address, rcpt_options):
            return f"450 4.2.0 <{address}>: Recipient address rejected"

        smtp_server.handle_RCPT = refuse_recipient
    response = client.post(
        f"/tk/donations/pledge/{donation_page.pk}/", pledge_data(email="aman@example.org", consent="on")
    )
    assert response.status_code == 302
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    assert smtp_server.messages == []
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.args_kwargs["args"][1] == 2  # the second attempt, later
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    assert "example.org" not in str(retry.args_kwargs)

    smtp_server.refuse = False
    if refuse_at == "RCPT":
        del smtp_server.handle_RCPT  # the server takes recipients again
    retry.run_after = timezone.now() - timedelta(seconds=1)
    retry.save(update_fields=["run_after"])
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    [message] = smtp_server.messages
    assert message["To"] == "aman@example.org"
    assert services.Pledge.objects.get().display_reference in message.get_content()
