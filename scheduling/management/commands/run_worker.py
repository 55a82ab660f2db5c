"""The `worker` process: django-tasks' database worker plus the periodic jobs.

The periodic jobs (scheduling.jobs) run in a thread beside the task worker, every
WORKER_TICK_SECONDS, so scheduled pages go live and retention applies without anyone running
a command; the task worker runs in the main thread and keeps its clean shutdown on SIGTERM.
The thread's first tick also runs the start jobs: newsletter sends that a stopped worker
cut off are resumed by every worker start, however the worker was started.
"""

import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from scheduling import jobs


class Command(BaseCommand):
    help = (
        "Run background tasks and the periodic jobs (scheduled publishing, retention, "
        "resuming interrupted newsletter sends)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--max-tasks", type=int, default=None, help="Stop after this many tasks.")

    def handle(self, *args, max_tasks=None, **options):
        worker_id = get_random_string(32)
        stop = threading.Event()

        def scheduler():
            starting = True
            while not stop.is_set():
                try:
                    jobs.tick(worker_id, starting=starting)
                    starting = False
                except Exception:  # the database may be briefly away: try again next tick
                    jobs.logger.exception("Scheduler tick failed")
                stop.wait(settings.WORKER_TICK_SECONDS)

        thread = threading.Thread(target=scheduler, name="periodic-jobs", daemon=True)
        thread.start()
        try:
            call_command(
                "db_worker",
                worker_id=worker_id,
                max_tasks=max_tasks,
                reload=False,
                startup_delay=False,
                interval=1,
                verbosity=options.get("verbosity", 1),
            )
        finally:
            stop.set()
