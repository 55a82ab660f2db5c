"""The real `worker` process (manage.py run_worker) against the test database: scheduled
pages go live without anyone running a command, and a task cut off by a killed worker is
done by the next worker."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROJECT = Path(__file__).resolve().parents[2]


def start_worker(tick=1, settings_folder=None, stderr=subprocess.PIPE):
    """``manage.py run_worker`` on the test database, as the container's worker runs it.

    ``settings_folder`` holds a ``worker_settings.py`` to use instead of the test settings
    (e.g. real SMTP to a loopback server).
    """
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hhd_site.settings.test",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "WORKER_TICK_SECONDS": str(tick),
    }
    if settings_folder is not None:
        env["DJANGO_SETTINGS_MODULE"] = "worker_settings"
        env["PYTHONPATH"] = os.pathsep.join([str(settings_folder), str(PROJECT)])
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "run_worker", "-v0"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        start_new_session=True,
    )


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def stop(process, sig=signal.SIGTERM):
    if process.poll() is None:
        os.killpg(process.pid, sig)
    process.wait(timeout=30)


def test_the_worker_publishes_a_scheduled_page_by_itself(site_tree):
    from news.models import NewsPage

    page = NewsPage(title="Goes live by itself", slug="goes-live", live=False)
    site_tree.homes["en"].add_child(instance=page)
    page.save_revision(approved_go_live_at=timezone.now() + timedelta(seconds=3))
    assert not NewsPage.objects.get(pk=page.pk).live

    worker = start_worker()
    try:
        assert wait_for(lambda: NewsPage.objects.get(pk=page.pk).live, seconds=90), worker.stderr
    finally:
        stop(worker)


def test_a_task_cut_off_by_a_killed_worker_is_done_by_the_next(tmp_path, settings):
    from scheduling.tests.sample_tasks import hang_first_time

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    hang_first_time.enqueue(str(tmp_path))

    first = start_worker()
    assert wait_for(lambda: (tmp_path / "started").exists()), "the first worker never took the task"
    stop(first, signal.SIGKILL)  # killed mid-task: no clean shutdown, the task stays "running"
    assert not (tmp_path / "finished").exists()

    second = start_worker()
    try:
        assert wait_for(lambda: (tmp_path / "finished").exists(), seconds=90), "the task was lost"
    finally:
        stop(second)
