"""A real worker process, started and stopped by tests."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

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
