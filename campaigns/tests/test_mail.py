"""Mail to signers through a real SMTP server on loopback, and what happens when it is down."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Signature

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_fill_time")]


def test_the_confirmation_mail_arrives_through_smtp_with_working_links(
    client, campaign, signing_data, smtp_server
):
    client.post(reverse("campaigns:sign", args=[campaign["tk"].pk]), signing_data())
    [message] = smtp_server.messages
    assert message["To"] == "ayna@example.org"
    body = message.get_content()
    assert "Aýna" not in body  # the mail names the campaign, not the signer
    link = next(word for word in body.split() if "/confirm/" in word)
    assert link.startswith("http://testserver/")  # the public address (SITE_URL)
    path = link.removeprefix("http://testserver")
    client.post(path)
    assert Signature.objects.get().confirmed_at is not None


def test_when_the_mail_server_fails_the_mail_is_retried_later_and_nothing_is_lost(
    client, campaign, signing_data, smtp_server, settings, monkeypatch
):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The real worker, except that it must not close the test's transaction-bound connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    smtp_server.refuse = True
    client.post(reverse("campaigns:sign", args=[campaign["tk"].pk]), signing_data())
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    assert smtp_server.messages == []
    assert Signature.objects.count() == 1  # the signature is kept
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.args_kwargs["args"][3] == 2  # the second attempt, scheduled for later
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    assert "example.org" not in str(retry.args_kwargs)  # task arguments hold no address

    smtp_server.refuse = False
    retry.run_after = timezone.now() - timedelta(seconds=1)  # its time has come
    retry.save(update_fields=["run_after"])
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert len(smtp_server.messages) == 1
