"""The Editorial review workflow: editors submit, moderators approve or ask for changes, and
the notifications go out through the background worker."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import TaskState, Workflow, WorkflowState

from news.models import NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    def make(username, group):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "x" * 16)
        user.groups.add(Group.objects.get(name=group))
        return user

    return {"editor": make("editor", "Editors"), "moderator": make("moderator", "Moderators")}


@pytest.fixture
def draft(site_tree):
    page = NewsPage(title="Deportation centre report", slug="deportation-centre-report", live=False)
    site_tree.homes["ru"].add_child(instance=page)
    page.save_revision()
    return page


def edit_data(page, title, **action):
    return {
        "title": title,
        "slug": page.slug,
        "date": "2026-11-27",
        "summary": "",
        "body-count": "0",
        "topics-TOTAL_FORMS": "0",
        "topics-INITIAL_FORMS": "0",
        "topics-MIN_NUM_FORMS": "0",
        "topics-MAX_NUM_FORMS": "1000",
        **action,
    }


def submit(client, page, title="Deportation centre report (checked)"):
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_data(page, title, **{"action-submit": "Submit"}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_the_migration_puts_every_language_tree_under_editorial_review(site_tree):
    workflow = Workflow.objects.get(name="Editorial review", active=True)
    assert [task.specific.groups.get().name for task in workflow.tasks.all()] == ["Moderators"]
    for home in site_tree.homes.values():
        assert home.get_workflow() == workflow


def test_an_editor_cannot_publish(client, people, draft):
    client.force_login(people["editor"])
    client.post(
        f"/admin/pages/{draft.pk}/edit/",
        edit_data(draft, "Published by an editor?", **{"action-publish": "Publish"}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    draft.refresh_from_db()
    assert not draft.live
    assert client.post(f"/admin/pages/{draft.pk}/publish/").status_code in (302, 403)
    draft.refresh_from_db()
    assert not draft.live


def test_a_submission_goes_live_only_after_a_moderator_approves_and_the_editor_hears_by_mail(
    client, people, draft, django_capture_on_commit_callbacks
):
    client.force_login(people["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, draft)
    draft.refresh_from_db()
    assert not draft.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # The moderators were told, by the worker (a queued task), not inside the editor's request.
    assert [m.to for m in mail.outbox] == [["moderator@example.org"]]
    mail.outbox.clear()

    task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)
    client.force_login(people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state.pk}/",
            {"comment": "Checked the names: fine."},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.title == "Deportation centre report (checked)"
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]


def test_a_moderator_asks_for_changes_with_a_comment_the_editor_receives(
    client, people, draft, django_capture_on_commit_callbacks
):
    client.force_login(people["editor"])
    submit(client, draft)
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)

    client.force_login(people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/workflow/action/{draft.pk}/reject/{task_state.pk}/",
            {"comment": "Remove the second name: it identifies a source."},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    draft.refresh_from_db()
    assert not draft.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    (message,) = mail.outbox
    assert message.to == ["editor@example.org"]
    assert "Remove the second name" in message.body


def test_the_worker_sends_the_notifications_the_request_only_queues(
    client, people, draft, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The real worker, except that it must not close the test's transaction-bound connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(people["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, draft)
    assert mail.outbox == []  # nothing sent inside the editor's request
    queued = DBTaskResult.objects.filter(task_path="staff.tasks.send_workflow_notification")
    assert queued.count() == 2  # workflow submitted + moderators' task submitted
    assert "example.org" not in str(list(queued.values_list("args_kwargs", flat=True)))

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert [m.to for m in mail.outbox] == [["moderator@example.org"]]
