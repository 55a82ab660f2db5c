"""A task for the killed-worker test: the first run hangs (and is killed), a later run ends."""

import time
from pathlib import Path

from django_tasks import task


@task()
def hang_first_time(folder: str) -> None:
    folder = Path(folder)
    if not (folder / "started").exists():
        (folder / "started").write_text("1")
        time.sleep(600)  # killed long before this ends
    (folder / "finished").write_text("1")
