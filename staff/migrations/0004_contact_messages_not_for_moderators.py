"""Moderators no longer read contact messages: only the roles that answer people do (caseworkers,
administrators). ``sync_roles()`` only ever adds, so an existing install loses the permission here."""

from django.db import migrations


def withdraw_contact_messages_from_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.remove(
            *Permission.objects.filter(content_type__app_label="contact", codename="view_contactmessage")
        )


class Migration(migrations.Migration):
    dependencies = [("staff", "0003_enrolment_links"), ("contact", "0002_field_labels")]

    operations = [migrations.RunPython(withdraw_contact_messages_from_moderators, migrations.RunPython.noop)]
