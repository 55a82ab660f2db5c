"""Small stand-ins for the site's roles and its "Editorial review" workflow, made by each test.

The real groups and workflow come from the staff app's migration; these have names of their
own and exactly the permissions the translation workflow relies on, so the tests here do not
depend on how (or when) the real roles are set up.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    "translations.view_translation_status",
    "news.view_topic",
    "news.add_topic",
    "news.change_topic",
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + [
    "home.change_organisationdetails",
    "translations.publish_snippet_translations",
]
TRANSLATOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    "translations.view_translation_status",
    "news.view_topic",
    "news.change_topic",
]


def permission(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def make_group(name, permissions=(), page_permissions=()):
    """A group with model permissions (app_label.codename) and page permissions
    (``(page, ["change_page", ...])``: that page and everything below it)."""
    group = Group.objects.create(name=name)
    group.permissions.add(*(permission(name) for name in permissions))
    for page, codenames in page_permissions:
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=group, page=page, permission=permission(f"wagtailcore.{codename}")
            )
    return group


def make_user(django_user_model, username, *groups, **fields):
    user = django_user_model.objects.create_user(username=username, password="x" * 16, **fields)
    user.groups.add(*groups)
    return user


def editorial_review(moderators):
    """The "Editorial review" workflow: one approval by ``moderators``, on the root page
    (so on every language's tree)."""
    workflow = Workflow.objects.create(name="Editorial review (tests)", active=True)
    task = GroupApprovalTask.objects.create(name="Moderators' approval (tests)")
    task.groups.set([moderators])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=Page.get_first_root_node(), defaults={"workflow": workflow})
    return workflow
