"""Sends through the real `worker` process (manage.py run_worker, as the container starts it, without
the entrypoint's help) and a real SMTP server on loopback: an interrupted send resumes by itself,
and a mail server that refuses for now pauses the send instead of spending the copies' attempts."""

import signal
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from newsletter import sending
from newsletter.factories import NewsletterIssueFactory, bulk_subscribers
from newsletter.models import Delivery, DeliveryStatus, IssueStatus, NewsletterIssue, PauseReason
from scheduling.tests.worker_process import start_worker, stop, wait_for

from .kill_after_accepting import KillAfterAccepting
from .worker_faults import WorkerKilled

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WORKER_SETTINGS = """\
from hhd_site.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = {port}
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
EMAIL_TIMEOUT = 5
SITE_URL = WAGTAILADMIN_BASE_URL = "https://hhd.example"
"""


@pytest.fixture
def worker(tmp_path, smtp_server):
    """Starts `manage.py run_worker` whose mail goes to the loopback SMTP server; stops it after."""
    (tmp_path / "worker_settings.py").write_text(WORKER_SETTINGS.format(port=smtp_server.port))
    started = []

    def start():
        log = open(tmp_path / f"worker-{len(started)}.log", "wb")  # noqa: SIM115 - closed below
        started.append((start_worker(settings_folder=tmp_path, stderr=log), log))
        return started[-1][0]

    yield start
    for process, log in started:
        stop(process, signal.SIGTERM)
        log.close()


def worker_log(tmp_path):
    return "\n".join(path.read_text(errors="replace") for path in sorted(tmp_path.glob("worker-*.log")))


def recipients(smtp_server):
    return Counter(message["To"] for message in smtp_server.messages)


def test_a_plain_run_worker_resumes_an_interrupted_send_by_itself(
    site_tree, smtp_server, start_without_running, worker, tmp_path
):
    bulk_subscribers(30, "tk")
    issue = start_without_running(NewsletterIssueFactory())
    with pytest.raises(WorkerKilled):  # killed after the server took the 11th copy, before recording it
        sending.run(issue.pk, batch_size=10, mail_connection=KillAfterAccepting(11))
    assert issue.progress() == {"sent": 10, "failed": 0, "left": 20}
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).count() == 10

    worker()  # nothing queued a run: the worker itself must find the interrupted send

    def finished():
        return NewsletterIssue.objects.get(pk=issue.pk).status == IssueStatus.SENT

    assert wait_for(finished, seconds=120), worker_log(tmp_path)
    counts = recipients(smtp_server)
    assert len(counts) == 30 and set(counts.values()) == {1}  # nobody got a second copy
    # The copy in flight at the kill arrived once and is reported as interrupted.
    assert issue.progress() == {"sent": 29, "failed": 1, "left": 0}
    assert Delivery.objects.get(status=DeliveryStatus.FAILED).error == sending.INTERRUPTED


def test_a_451_pauses_the_send_in_the_worker_and_it_ends_with_one_copy_each_once_accepted(
    site_tree, smtp_server, settings, worker, tmp_path
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    bulk_subscribers(20, "tk")
    issue = NewsletterIssueFactory()
    smtp_server.refuse = True  # 451 to every message
    assert sending.start_sending(issue, None)  # queued for the worker
    worker()

    runs = DBTaskResult.objects.filter(status="READY", task_path="newsletter.tasks.send_issue")

    def paused():  # the pause is recorded and the run for its end is queued
        return NewsletterIssue.objects.get(pk=issue.pk).paused_until is not None and runs.exists()

    assert wait_for(paused, seconds=120), worker_log(tmp_path)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING and issue.pause_reason == PauseReason.REFUSED
    assert timedelta(seconds=50) < issue.paused_until - timezone.now() <= timedelta(minutes=1)
    # The send waits: one copy was tried, the other nineteen kept every attempt.
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [0] * 19 + [1]
    assert smtp_server.messages == []
    [next_run] = runs
    assert next_run.run_after == issue.paused_until
    assert "example.org" not in worker_log(tmp_path)

    # The server accepts again and the pause is over (brought forward, as if a minute had passed).
    smtp_server.refuse = False
    past = timezone.now() - timedelta(seconds=1)
    NewsletterIssue.objects.filter(pk=issue.pk).update(paused_until=past)
    Delivery.objects.update(next_attempt_at=past)
    DBTaskResult.objects.filter(pk=next_run.pk).update(run_after=past)

    def finished():
        return NewsletterIssue.objects.get(pk=issue.pk).status == IssueStatus.SENT

    assert wait_for(finished, seconds=120), worker_log(tmp_path)
    counts = recipients(smtp_server)
    assert len(counts) == 20 and set(counts.values()) == {1}
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [1] * 19 + [2]
    issue.refresh_from_db()
    assert issue.paused_until is None and issue.pauses == 0
