"""Reports → Mirrors: moderators see it; only administrators re-export, audit-logged."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from mirrors.models import OriginStatus
from staff.roles import ADMINISTRATORS, MODERATORS


@pytest.fixture
def staff_user(django_user_model):
    def make(group):
        user = django_user_model.objects.create_user(username=group.lower(), password="x" * 20)
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def test_moderators_see_the_report_but_cannot_reexport(client, staff_user, site_tree, settings, tmp_path):
    settings.MIRROR_EXPORT_ROOT = str(tmp_path)
    OriginStatus.objects.create(
        name="bucket-a", kind="s3", files=12, failures=2, last_error="EndpointConnectionError"
    )
    client.force_login(staff_user(MODERATORS))
    page = client.get("/admin/reports/mirrors/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "bucket-a" in text and "EndpointConnectionError" in text
    assert "/admin/reports/mirrors/reexport/" not in text
    refused = client.post("/admin/reports/mirrors/reexport/")
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's answer to PermissionDenied
    assert not ModelLogEntry.objects.filter(action="mirrors.reexport").exists()


def test_administrators_reexport_and_it_is_audit_logged(client, staff_user, site_tree, settings, tmp_path):
    settings.MIRROR_EXPORT_ROOT = str(tmp_path / "export")
    settings.MIRROR_ORIGINS = [{"name": "disk", "kind": "local", "path": str(tmp_path / "disk")}]
    admin = staff_user(ADMINISTRATORS)
    client.force_login(admin)
    assert "/admin/reports/mirrors/reexport/" in client.get("/admin/reports/mirrors/").content.decode()
    response = client.post("/admin/reports/mirrors/reexport/")
    assert (response.status_code, response.url) == (302, "/admin/reports/mirrors/")
    assert ModelLogEntry.objects.filter(action="mirrors.reexport", user=admin).count() == 1
    # The task ran at once (the tests' ImmediateBackend): the local origin has the copy.
    assert (tmp_path / "disk" / "tk" / "index.html").is_file()
    assert OriginStatus.objects.get(name="disk").failures == 0


def test_editors_do_not_see_the_report(client, staff_user, site_tree):
    client.force_login(staff_user("Editors"))
    response = client.get("/admin/reports/mirrors/")
    assert (response.status_code, response.url) == (302, "/admin/")


def test_publishing_enqueues_nothing_when_mirrors_are_off(
    site_tree, settings, django_capture_on_commit_callbacks
):
    settings.MIRROR_EXPORT_ROOT = ""
    with django_capture_on_commit_callbacks() as callbacks:
        site_tree.about["tk"].save_revision().publish()
    from mirrors import handlers

    assert not any(getattr(c, "__module__", "") == handlers.__name__ for c in callbacks)


def test_content_changed_re_exports_through_the_task(
    site_tree, settings, tmp_path, django_capture_on_commit_callbacks
):
    from mirrors.signals import content_changed

    settings.MIRROR_EXPORT_ROOT = str(tmp_path / "export")
    settings.MIRROR_ORIGINS = [{"name": "disk", "kind": "local", "path": str(tmp_path / "disk")}]
    with django_capture_on_commit_callbacks(execute=True):
        content_changed.send(sender=None, everything=True)
    assert (tmp_path / "disk" / "ru" / "about" / "index.html").is_file()


def test_the_local_origin_gets_the_onion_copy_when_there_is_an_onion_address(settings, tmp_path):
    from mirrors import origins

    settings.MIRROR_ORIGINS = [
        {"name": "disk", "kind": "local", "path": str(tmp_path)},
        {"name": "bucket", "kind": "s3", "bucket": "b"},
    ]
    settings.ONION_ADDRESS = ""
    assert [origin.flavour for origin in origins.configured()] == ["clearnet", "clearnet"]
    settings.ONION_ADDRESS = "b" * 56 + ".onion"
    assert [origin.flavour for origin in origins.configured()] == ["onion", "clearnet"]
