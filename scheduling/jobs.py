"""Periodic jobs of the worker process.

Each job has a name and an interval (``None``: every tick of the worker, ``WORKER_TICK_SECONDS``,
for the cheap jobs whose delay people notice: a scheduled page goes live within a tick, not a
minute). ``run_due_jobs()`` runs every job whose interval has
passed since its last run; the claim is one conditional UPDATE on its PeriodicJobRun row, so
that when several workers run, each due job runs in one of them only. A failing job is
logged (its name, never its data) and tried again at its next interval.

Jobs marked ``at_start`` also run when a worker starts (``run_start_jobs()``), whatever
their interval: claimed the same way, with ``START_GAP`` instead of the interval, so that
when several workers start at once only one of them runs it.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from .models import PeriodicJobRun, WorkerHeartbeat

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta | None  # None: every tick
    run: Callable[[], object]
    at_start: bool = False

    def interval(self) -> timedelta:
        return self.every if self.every is not None else timedelta(seconds=settings.WORKER_TICK_SECONDS)


def publish_scheduled_pages():
    """Wagtail's go-live and expiry times: publishes due revisions, unpublishes expired pages."""
    call_command("publish_scheduled", verbosity=0)


def apply_retention():
    from safety.retention import apply_retention as apply

    return apply()


def requeue_tasks_of_dead_workers():
    """Tasks marked running by a worker that stopped beating (killed, machine lost) are
    queued again, so they are not lost."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - worker_timeout()).values_list(
            "worker_id", flat=True
        )
    )
    requeued = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("pk", "worker_ids"):
        last_worker = result.worker_ids[-1] if result.worker_ids else None
        if last_worker not in alive:
            requeued += DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY, started_at=None
            )
    if requeued:
        logger.warning("Queued %s task(s) again that a stopped worker had left running", requeued)
    return requeued


def resume_newsletter_sends():
    """Newsletter issues whose sending was cut off (worker killed, run failed) continue, without
    anyone pressing "Resume" and without sending anyone a second copy (newsletter.sending)."""
    from newsletter.sending import resume_all_sending

    return resume_all_sending()


def send_telegram_posts():
    """Telegram posts that are due (their task was lost, their back-off is over, or a killed worker
    left them being sent) are sent (telegram.services)."""
    from telegram.services import send_due_posts

    return send_due_posts()


def retry_mirror_origins():
    """Mirror origins whose last publication failed are tried again once their back-off is over
    (mirrors.services); the others were published already."""
    from mirrors.services import retry_failed_origins

    return retry_failed_origins()


def move_reading_counts():
    """Reading counts from Redis into the database: one upsert per page, language and day."""
    from readership.store import move_to_database

    return move_to_database()


def roll_up_reading_counts():
    """Daily reading counts older than two years summed per month."""
    from readership.store import roll_up

    return roll_up()


def worker_timeout() -> timedelta:
    return timedelta(seconds=settings.WORKER_TICK_SECONDS * 5)


JOBS = [
    # Two small queries a tick: a scheduled page goes live, and a killed worker's task is queued
    # again, within a tick (+ worker_timeout()) rather than a minute.
    PeriodicJob("publish_scheduled_pages", None, publish_scheduled_pages),
    PeriodicJob("requeue_tasks_of_dead_workers", None, requeue_tasks_of_dead_workers),
    PeriodicJob("apply_retention", timedelta(hours=1), apply_retention),
    PeriodicJob("resume_newsletter_sends", timedelta(minutes=5), resume_newsletter_sends, at_start=True),
    PeriodicJob("send_telegram_posts", timedelta(minutes=1), send_telegram_posts, at_start=True),
    PeriodicJob("retry_mirror_origins", timedelta(minutes=1), retry_mirror_origins),
    PeriodicJob("move_reading_counts", timedelta(minutes=1), move_reading_counts, at_start=True),
    PeriodicJob("roll_up_reading_counts", timedelta(days=1), roll_up_reading_counts),
]


def start_gap() -> timedelta:
    """Workers starting within this time of each other run the start jobs once between them."""
    return timedelta(seconds=settings.WORKER_TICK_SECONDS)


def claim(job: PeriodicJob, now, every: timedelta | None = None) -> bool:
    """True for the one worker that gets to run ``job`` now (``every``: the job's interval by default)."""
    every = job.interval() if every is None else every
    if PeriodicJobRun.objects.filter(name=job.name, last_run_at__lte=now - every).update(last_run_at=now):
        return True
    try:
        with transaction.atomic():
            PeriodicJobRun.objects.create(name=job.name, last_run_at=now)
    except IntegrityError:
        return False  # exists and not due, or another worker created it just now
    return True


def run_due_jobs(now=None, jobs=None) -> list[str]:
    """Run every due job; returns the names of those that ran."""
    now = now or timezone.now()
    ran = []
    for job in jobs or JOBS:
        if claim(job, now):
            run_job(job)
            ran.append(job.name)
    return ran


def run_start_jobs(now=None, jobs=None) -> list[str]:
    """Run the ``at_start`` jobs as a worker starts (once, when several start together)."""
    now = now or timezone.now()
    ran = []
    for job in jobs or JOBS:
        if job.at_start and claim(job, now, every=start_gap()):
            run_job(job)
            ran.append(job.name)
    return ran


def run_job(job: PeriodicJob) -> None:
    try:
        job.run()
    except Exception:
        logger.exception("Periodic job %s failed", job.name)


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": timezone.now()})
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - timedelta(days=1)).delete()


def tick(worker_id: str, starting: bool = False) -> list[str]:
    """One beat of the scheduler thread: heartbeat, then (``starting``: the start jobs and) the due jobs."""
    close_old_connections()
    try:
        beat(worker_id)
        ran = run_start_jobs() if starting else []
        return ran + run_due_jobs()
    finally:
        close_old_connections()
