"""What the worker processes share through the database: when each periodic job last ran,
and which workers are alive."""

from django.db import models


class PeriodicJobRun(models.Model):
    """One row per periodic job: claimed with a conditional UPDATE, so that with several
    worker processes each due job runs once."""

    name = models.CharField(max_length=100, primary_key=True)
    last_run_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.last_run_at:%Y-%m-%d %H:%M:%S}"


class WorkerHeartbeat(models.Model):
    """A running worker writes its id here every tick; a task still marked running by a
    worker whose heartbeat stopped was cut off (the worker was killed) and is queued again."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"worker {self.worker_id[:8]} seen {self.seen_at:%H:%M:%S}"
