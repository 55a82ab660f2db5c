"""Periodic jobs of the worker: each runs once per interval, whatever the number of workers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scheduling import jobs
from scheduling.models import PeriodicJobRun

pytestmark = pytest.mark.django_db


def counting_job(name="count", every=60):
    calls = []
    return jobs.PeriodicJob(name, timedelta(seconds=every), lambda: calls.append(1)), calls


def test_a_job_runs_once_per_interval_even_when_two_workers_ask():
    job, calls = counting_job()
    now = timezone.now()
    assert jobs.run_due_jobs(now, [job]) == ["count"]
    assert jobs.run_due_jobs(now, [job]) == []  # the second worker at the same moment
    assert jobs.run_due_jobs(now + timedelta(seconds=30), [job]) == []
    assert jobs.run_due_jobs(now + timedelta(seconds=61), [job]) == ["count"]
    assert len(calls) == 2
    assert PeriodicJobRun.objects.get(name="count").last_run_at == now + timedelta(seconds=61)


def test_a_failing_job_does_not_stop_the_others(caplog):
    def broken():
        raise RuntimeError("boom")

    failing = jobs.PeriodicJob("broken", timedelta(seconds=60), broken)
    job, calls = counting_job()
    assert jobs.run_due_jobs(timezone.now(), [failing, job]) == ["broken", "count"]
    assert calls == [1]
    assert "Periodic job broken failed" in caplog.text


def test_the_worker_has_the_scheduled_publishing_retention_and_recovery_jobs():
    assert {job.name for job in jobs.JOBS} == {
        "publish_scheduled_pages",
        "apply_retention",
        "requeue_tasks_of_dead_workers",
        "resume_newsletter_sends",
        "send_telegram_posts",
        "retry_mirror_origins",
        "move_reading_counts",
        "roll_up_reading_counts",
    }
    assert [job.name for job in jobs.JOBS if job.at_start] == [
        "resume_newsletter_sends",
        "send_telegram_posts",
        "move_reading_counts",
    ]


def test_a_start_job_runs_once_when_several_workers_start_together_and_again_at_the_next_start(settings):
    settings.WORKER_TICK_SECONDS = 15
    calls = []
    job = jobs.PeriodicJob("at-start", timedelta(minutes=5), lambda: calls.append(1), at_start=True)
    plain, plain_calls = counting_job("plain")
    now = timezone.now()
    assert jobs.run_start_jobs(now, [job, plain]) == ["at-start"]  # only the start jobs
    assert jobs.run_start_jobs(now + timedelta(seconds=1), [job, plain]) == []  # a second worker, same moment
    assert jobs.run_due_jobs(now + timedelta(seconds=2), [job]) == []  # its interval has not passed
    # A worker started a minute later (after a restart) runs it again, whatever the interval.
    assert jobs.run_start_jobs(now + timedelta(minutes=1), [job]) == ["at-start"]
    assert jobs.run_due_jobs(now + timedelta(minutes=7), [job]) == ["at-start"]  # and periodically
    assert len(calls) == 3 and plain_calls == []


def test_the_first_tick_of_a_worker_resumes_the_newsletter_sends(monkeypatch):
    from newsletter import sending

    resumed = []
    monkeypatch.setattr(sending, "resume_all_sending", lambda: resumed.append(1))
    # The real tick, except that it must not close the test's transaction-bound connection.
    monkeypatch.setattr(jobs, "close_old_connections", lambda: None)
    jobs.tick("worker-a", starting=True)
    jobs.tick("worker-a")
    jobs.tick("worker-b", starting=True)  # started at the same moment: already done
    assert resumed == [1]


def test_a_scheduled_page_goes_live_when_the_periodic_job_runs(site_tree):
    from news.models import NewsPage

    index = site_tree.homes["en"]
    page = NewsPage(title="Scheduled statement", slug="scheduled-statement", live=False)
    index.add_child(instance=page)
    revision = page.save_revision(approved_go_live_at=timezone.now() + timedelta(minutes=5))
    page.refresh_from_db()
    assert not page.live

    jobs.run_due_jobs(timezone.now(), [j for j in jobs.JOBS if j.name == "publish_scheduled_pages"])
    page.refresh_from_db()
    assert not page.live  # not due yet

    type(revision).objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - timedelta(seconds=1)
    )
    jobs.run_due_jobs(timezone.now() + timedelta(minutes=2), jobs.JOBS)
    page.refresh_from_db()
    assert page.live


def test_the_cheap_jobs_run_every_tick(settings):
    settings.WORKER_TICK_SECONDS = 2
    now = timezone.now()
    every_tick = [
        j for j in jobs.JOBS if j.name in ("publish_scheduled_pages", "requeue_tasks_of_dead_workers")
    ]
    assert jobs.run_due_jobs(now, every_tick) == [j.name for j in every_tick]
    assert jobs.run_due_jobs(now + timedelta(seconds=1), every_tick) == []
    assert jobs.run_due_jobs(now + timedelta(seconds=2), every_tick) == [j.name for j in every_tick]
