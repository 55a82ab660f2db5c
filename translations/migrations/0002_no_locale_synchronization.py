"""Languages are not synchronised with wagtail-localize's LocaleSynchronization.

It would fill the Russian, Turkish and English trees with *live aliases* of the Turkmen
pages: Turkmen text published in the other languages without any review, and published
again with every change to the Turkmen page (Wagtail updates and publishes aliases when their
original is published). The trees are kept in step by the translations themselves instead
(translations/review.py): a translation is created as a draft under the translation of its
parent, missing parents as drafts too, and "Include subtree" does a whole section at once.

This migration makes sure no synchronisation is configured; translations/apps.py takes the
switch out of the locale form.
"""

from django.db import migrations


def remove_locale_synchronisation(apps, schema_editor):
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    LocaleSynchronization.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(remove_locale_synchronisation, migrations.RunPython.noop)]
