"""Signal wiring of the staff app (see apps.StaffConfig.ready)."""

from django.apps import apps
from django.contrib.auth import get_user_model, user_logged_in, user_login_failed
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from wagtail import signals as wagtail_signals
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, TaskState, WorkflowState

from . import sessions


def _sync_roles_after_migrate(sender, **kwargs):
    # post_migrate is sent once per app; permissions of every app exist after the last one.
    if sender is list(apps.get_app_configs())[-1]:
        from .roles import sync_roles

        sync_roles()


def _language_home_created(sender, instance, created, raw=False, **kwargs):
    # A new language tree: its translators get it.
    if created and not raw and isinstance(instance, Page) and instance.depth == 2:
        from .roles import sync_roles

        sync_roles()


def _queue_notification(event):
    def handler(sender, instance, user=None, **kwargs):
        from .tasks import send_workflow_notification

        transaction.on_commit(
            lambda: send_workflow_notification.enqueue(event, instance.pk, user.pk if user else None)
        )

    handler.__name__ = f"queue_{event}_notification"
    return handler


_notification_handlers = {
    "task_submitted": (wagtail_signals.task_submitted, TaskState),
    "workflow_submitted": (wagtail_signals.workflow_submitted, WorkflowState),
    "workflow_approved": (wagtail_signals.workflow_approved, WorkflowState),
    "workflow_rejected": (wagtail_signals.workflow_rejected, WorkflowState),
}
# Wagtail's dispatch uids (wagtail/admin/signal_handlers.py) of the handlers replaced here.
_WAGTAIL_UIDS = {
    "task_submitted": "group_approval_task_submitted_email_notification",
    "workflow_submitted": "workflow_state_submitted_email_notification",
    "workflow_approved": "workflow_state_approved_email_notification",
    "workflow_rejected": "workflow_state_rejected_email_notification",
}


def route_workflow_notifications_through_worker():
    """Replace Wagtail's inline workflow e-mails by tasks the worker sends."""
    for event, (signal, sender) in _notification_handlers.items():
        signal.disconnect(sender=sender, dispatch_uid=_WAGTAIL_UIDS[event])
        signal.connect(_queue_notification(event), sender=sender, weak=False, dispatch_uid=f"hhd_{event}")


# --- Audit log: logins and permission changes ------------------------------------------


def _logged_in(sender, request, user, **kwargs):
    sessions.start(request)
    log(user, "staff.login", user=user)


def _login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or ""
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        log(user, "staff.login_failed", data={"username": username})
        return
    # An unknown user name: logged against the lockout record of that name and address.
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.filter(username=username).order_by("-attempt_time").first()
    if attempt is not None:
        log(attempt, "staff.login_failed", data={"username": username})


def _by_a_person() -> bool:
    """Changes made in the admin carry its user (Wagtail's log context); the roles' own
    set-up at migrate time is code, kept in staff/roles.py and its migrations."""
    return get_active_log_context().user is not None


def _membership_changed(sender, instance, action, pk_set, model, reverse, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or (action != "post_clear" and not pk_set):
        return
    if not _by_a_person():
        return
    what = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    names = sorted(str(obj) for obj in model.objects.filter(pk__in=pk_set or []))
    log(instance, "staff.permissions_changed", data={"change": what, "items": names})


def _tree_permission_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not _by_a_person():
        return
    target = getattr(instance, "page", None) or getattr(instance, "collection", None)
    log(
        instance.group,
        "staff.permissions_changed",
        data={"change": "added", "items": [f"{instance.permission.codename} on {target}"]},
    )


def _tree_permission_deleted(sender, instance, **kwargs):
    if not _by_a_person():
        return
    target_id = getattr(instance, "page_id", None) or getattr(instance, "collection_id", None)
    group = Group.objects.filter(pk=instance.group_id).first()
    if group is not None:
        log(
            group,
            "staff.permissions_changed",
            data={"change": "removed", "items": [f"{instance.permission.codename} on {target_id}"]},
        )


def _user_flags_changing(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk or not _by_a_person():
        return
    before = sender.objects.filter(pk=instance.pk).values("is_superuser", "is_staff", "is_active").first()
    if before is None:
        return
    changed = {
        flag: getattr(instance, flag) for flag, old in before.items() if getattr(instance, flag) != old
    }
    if changed:
        transaction.on_commit(lambda: log(instance, "staff.permissions_changed", data={"flags": changed}))


def connect():
    User = get_user_model()
    post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="staff_sync_roles")
    post_save.connect(_language_home_created, dispatch_uid="staff_language_home")
    route_workflow_notifications_through_worker()

    user_logged_in.connect(_logged_in, dispatch_uid="staff_logged_in")
    user_login_failed.connect(_login_failed, dispatch_uid="staff_login_failed")
    m2m_changed.connect(_membership_changed, sender=User.groups.through, dispatch_uid="staff_user_groups")
    m2m_changed.connect(
        _membership_changed, sender=User.user_permissions.through, dispatch_uid="staff_user_perms"
    )
    m2m_changed.connect(
        _membership_changed, sender=Group.permissions.through, dispatch_uid="staff_group_perms"
    )
    for model in (GroupPagePermission, GroupCollectionPermission):
        post_save.connect(_tree_permission_saved, sender=model, dispatch_uid=f"staff_saved_{model.__name__}")
        post_delete.connect(
            _tree_permission_deleted, sender=model, dispatch_uid=f"staff_deleted_{model.__name__}"
        )
    pre_save.connect(_user_flags_changing, sender=User, dispatch_uid="staff_user_flags")
