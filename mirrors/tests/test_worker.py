"""The real worker (manage.py run_worker) re-exports a published page within a minute."""

import signal

import pytest

from mirrors import signing, verification
from scheduling.tests.worker_process import start_worker, stop, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WORKER_SETTINGS = """\
from hhd_site.settings.test import *  # noqa: F403

MIRROR_EXPORT_ROOT = {root!r}
MIRROR_ORIGINS = [{{"name": "disk", "kind": "local", "path": {disk!r}}}]
"""


def test_publishing_a_page_reaches_the_local_origin_through_the_real_worker(site_tree, settings, tmp_path):
    from mirrors import services

    root, disk = str(tmp_path / "export"), str(tmp_path / "disk")
    settings.MIRROR_EXPORT_ROOT = root
    settings.MIRROR_ORIGINS = [{"name": "disk", "kind": "local", "path": disk}]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    services.export_everything()
    page = tmp_path / "disk" / "tk" / "about" / "index.html"
    assert "HHD barada" in page.read_text()

    (tmp_path / "worker_settings.py").write_text(WORKER_SETTINGS.format(root=root, disk=disk))
    with (tmp_path / "worker.log").open("wb") as log:
        worker = start_worker(settings_folder=tmp_path, stderr=log)
        try:
            about = site_tree.about["tk"]
            about.title = "HHD barada: işçi"
            about.save_revision().publish()  # enqueues the re-export (committed: transactional test)
            assert wait_for(lambda: "HHD barada: işçi" in page.read_text(), seconds=60), (
                tmp_path / "worker.log"
            ).read_text(errors="replace")
        finally:
            stop(worker, signal.SIGTERM)
    assert verification.verify_copy(disk, signing.public_key_bytes()) == []
