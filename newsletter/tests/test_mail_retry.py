"""The subscription mails through the real database task queue and a real SMTP server on loopback:
when the server refuses, the mail is retried later with back-off and nothing is lost."""

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter import tasks
from newsletter.factories import SubscriberFactory
from newsletter.models import Subscriber

from .conftest import form_data, links_in

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/ru/newsletter/subscribe/"


@pytest.fixture
def task_queue(settings, monkeypatch):
    """The database task backend, worked by the real db_worker command (one batch per call)."""
    from django_tasks_db.management.commands import db_worker

    # The real worker, except that it must not close the test's transaction-bound connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def work():
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    return work


def waiting_tasks():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(status="READY"))


def make_due(result):
    """Let a task scheduled for later run now (as if its time had come)."""
    result.run_after = timezone.now() - timedelta(seconds=1)
    result.save(update_fields=["run_after"])


def test_the_back_off_doubles_from_one_minute_up_to_an_hour():
    delays = [tasks.retry_delay(attempt) for attempt in range(1, tasks.MAX_ATTEMPTS + 1)]
    assert delays == [timedelta(minutes=minutes) for minutes in (1, 2, 4, 8, 16, 32, 60, 60)]


def test_a_refused_confirmation_mail_is_retried_later_and_its_link_then_works(
    client, site_tree, smtp_server, task_queue
):
    smtp_server.refuse = True
    response = client.post(SUBSCRIBE, form_data(email="ayna@example.org"))
    assert "Проверьте почту" in response.content.decode()  # the visitor sees no difference
    task_queue()

    assert smtp_server.messages == []
    subscriber = Subscriber.objects.get()  # the request is kept
    [retry] = waiting_tasks()
    assert retry.task_path == "newsletter.tasks.send_confirmation"
    assert retry.args_kwargs["args"] == [subscriber.pk, 2]
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    assert "example.org" not in str(retry.args_kwargs)  # task arguments hold no address

    task_queue()  # not due yet: nothing happens
    assert smtp_server.messages == [] and waiting_tasks() == [retry]

    smtp_server.refuse = False
    make_due(retry)
    task_queue()
    [message] = smtp_server.messages
    assert message["To"] == "ayna@example.org"
    assert message["Subject"] == "Подтвердите подписку"
    assert waiting_tasks() == []

    [confirm_path] = links_in(message.get_content())
    client.post(confirm_path)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None


def test_a_refused_already_subscribed_notice_is_retried_too(client, site_tree, smtp_server, task_queue):
    SubscriberFactory(email="known@example.org", language="ru")
    smtp_server.refuse = True
    client.post(SUBSCRIBE, form_data(email="known@example.org"))
    task_queue()
    [retry] = waiting_tasks()
    assert retry.task_path == "newsletter.tasks.send_already_subscribed_notice"
    assert retry.args_kwargs["args"][1] == 2

    smtp_server.refuse = False
    make_due(retry)
    task_queue()
    [message] = smtp_server.messages
    assert (message["To"], message["Subject"]) == ("known@example.org", "Ваша подписка")


def test_each_failure_waits_longer_and_the_last_attempt_gives_up_naming_only_the_row(
    site_tree, smtp_server, task_queue, caplog
):
    subscriber = SubscriberFactory(email="ayna@example.org", language="tk", unconfirmed=True)
    smtp_server.refuse = True
    tasks.send_confirmation.enqueue(subscriber.pk)
    task_queue()
    [second] = waiting_tasks()
    assert timedelta(seconds=50) < second.run_after - timezone.now() <= timedelta(minutes=1)
    make_due(second)
    task_queue()
    [third] = waiting_tasks()
    assert third.args_kwargs["args"] == [subscriber.pk, 3]
    assert timedelta(minutes=1, seconds=50) < third.run_after - timezone.now() <= timedelta(minutes=2)

    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    tasks.send_confirmation.enqueue(subscriber.pk, tasks.MAX_ATTEMPTS)
    with caplog.at_level(logging.WARNING, logger="newsletter.tasks"):
        task_queue()
    assert waiting_tasks() == []
    assert DBTaskResult.objects.get().status == "FAILED"
    assert smtp_server.messages == []
    [given_up] = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert f"#{subscriber.pk}" in given_up.getMessage()
    assert "example.org" not in caplog.text and "ayna" not in caplog.text


def test_a_retry_sends_nothing_once_the_subscriber_confirmed_or_left_in_the_meantime(
    site_tree, smtp_server, task_queue
):
    confirmed_meanwhile = SubscriberFactory(email="one@example.org", unconfirmed=True)
    left_meanwhile = SubscriberFactory(email="two@example.org", unconfirmed=True)
    smtp_server.refuse = True
    tasks.send_confirmation.enqueue(confirmed_meanwhile.pk)
    tasks.send_confirmation.enqueue(left_meanwhile.pk)
    task_queue()
    assert len(waiting_tasks()) == 2

    Subscriber.objects.filter(pk=confirmed_meanwhile.pk).update(confirmed_at=timezone.now())
    left_meanwhile.delete()
    smtp_server.refuse = False
    for retry in waiting_tasks():
        make_due(retry)
    task_queue()
    assert smtp_server.messages == []
    assert waiting_tasks() == []
