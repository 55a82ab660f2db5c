"""The real `worker` process (manage.py run_worker) against the test database: scheduled
pages go live without anyone running a command, and a task cut off by a killed worker is
done by the next worker."""

import signal
from datetime import timedelta

import pytest
from django.utils import timezone

from .worker_process import start_worker, stop, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


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
