"""Publishing the copy to two S3-compatible origins (moto on loopback) and a local directory."""

import base64
from datetime import timedelta

import pytest
from django.utils import timezone

from mirrors import services, signing, verification
from mirrors.models import OriginStatus
from mirrors.tests.conftest import bucket_files, free_port


def statuses():
    return {status.name: status for status in OriginStatus.objects.all()}


@pytest.mark.slow
def test_export_lands_in_both_buckets_and_the_local_directory_and_verifies(
    site_tree, mirror_settings, tmp_path
):
    services.export_everything()
    copy = services.site_dir(services.flavours()[0])
    expected = {
        path.relative_to(copy).as_posix(): path.read_bytes() for path in copy.rglob("*") if path.is_file()
    }
    assert "tk/index.html" in expected and "ru/about/index.html" in expected and "manifest.json" in expected
    assert bucket_files(mirror_settings.MIRROR_TEST_ENDPOINT, "mirror-a", "hhd") == expected
    assert bucket_files(mirror_settings.MIRROR_TEST_ENDPOINT, "mirror-b", "copy/x") == expected
    assert verification.verify_copy(tmp_path / "disk", signing.public_key_bytes()) == []
    rows = statuses()
    assert {row.failures for row in rows.values()} == {0}
    assert rows["bucket-a"].files == len(expected) and rows["bucket-a"].uploaded == len(expected) - 2


@pytest.mark.slow
def test_a_failing_origin_does_not_stop_the_others_and_is_retried_until_it_is_back(
    site_tree, mirror_settings, admin_client
):
    good = mirror_settings.MIRROR_ORIGINS[0]
    broken = {**mirror_settings.MIRROR_ORIGINS[1], "endpoint_url": f"http://127.0.0.1:{free_port()}"}
    mirror_settings.MIRROR_ORIGINS = [good, broken]
    services.export_everything()

    rows = statuses()
    assert rows["bucket-a"].last_success_at is not None and rows["bucket-a"].failures == 0
    assert rows["bucket-b"].last_success_at is None and rows["bucket-b"].failures == 1
    assert "EndpointConnectionError" in rows["bucket-b"].last_error
    assert rows["bucket-b"].next_retry_at > timezone.now()
    assert bucket_files(mirror_settings.MIRROR_TEST_ENDPOINT, "mirror-b", "copy/x") == {}

    report = admin_client.get("/admin/reports/mirrors/")
    assert report.status_code == 200
    assert "bucket-b" in report.content.decode() and "EndpointConnectionError" in report.content.decode()

    # Not yet due: the back-off is respected.
    assert services.retry_failed_origins() == 0
    # Still down when due: the failure count and the delay grow.
    OriginStatus.objects.filter(name="bucket-b").update(next_retry_at=timezone.now() - timedelta(seconds=1))
    assert services.retry_failed_origins() == 1
    assert statuses()["bucket-b"].failures == 2
    # Back: the retry publishes everything there.
    mirror_settings.MIRROR_ORIGINS = [good, {**broken, "endpoint_url": mirror_settings.MIRROR_TEST_ENDPOINT}]
    OriginStatus.objects.filter(name="bucket-b").update(next_retry_at=timezone.now() - timedelta(seconds=1))
    assert services.retry_failed_origins() == 1
    row = statuses()["bucket-b"]
    assert row.failures == 0 and row.last_error == "" and row.last_success_at is not None
    copied = bucket_files(mirror_settings.MIRROR_TEST_ENDPOINT, "mirror-b", "copy/x")
    assert copied == bucket_files(mirror_settings.MIRROR_TEST_ENDPOINT, "mirror-a", "hhd")


@pytest.mark.slow
def test_a_second_publication_uploads_only_the_changed_files(site_tree, mirror_settings):
    services.export_everything()
    about = site_tree.about["tk"]
    about.title = "HHD barada: täze"
    about.save_revision().publish()
    services.export_pages([about.pk])
    row = statuses()["bucket-a"]
    # The About page in Turkmen, its Russian translation (switcher), the home page that links it,
    # the sitemap; not the whole copy.
    assert 0 < row.uploaded < row.files / 2
    key = base64.b64decode(signing.public_key_text())
    assert verification.verify_copy(services.site_dir(services.flavours()[0]), key) == []


def test_retry_delay_doubles_up_to_an_hour():
    assert [services.retry_delay(n).total_seconds() for n in (1, 2, 3, 7, 20)] == [60, 120, 240, 3600, 3600]
