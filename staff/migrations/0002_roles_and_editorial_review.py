"""The staff groups and the "Editorial review" workflow, so that a fresh install has both."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Moderators' approval"


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); the groups
    # need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    from staff.roles import sync_roles

    sync_roles(apps, exact=True)


def create_editorial_review(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.set([Group.objects.get(name="Moderators")])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    # The root page (so every language's tree, including homes created later) and each
    # language's home page that exists now.
    for page in Page.objects.filter(depth__lte=2):
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    # Wagtail's own default workflow is replaced, not left as a second one to choose.
    Workflow.objects.exclude(pk=workflow.pk).filter(name="Moderators approval").update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("home", "0002_site_locales"),
        ("news", "0001_initial"),
        ("campaigns", "0001_initial"),
        ("newsletter", "0001_initial"),
        ("donations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(create_editorial_review, migrations.RunPython.noop),
    ]
