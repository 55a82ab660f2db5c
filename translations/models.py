"""The translation workflow's permissions (it has no data of its own)."""

from django.db import models

VIEW_TRANSLATION_STATUS = "translations.view_translation_status"
PUBLISH_SNIPPET_TRANSLATIONS = "translations.publish_snippet_translations"


class TranslationPermissions(models.Model):
    """Holds the permissions of the translation workflow; no table, no rows.

    - ``view_translation_status``: the translation status report (every page and snippet in
      every language).
    - ``publish_snippet_translations``: make a translation of a snippet without drafts (topics,
      organisation details) live. Saving such a snippet publishes it, so this is what a page's
      "publish" permission is for pages.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_translation_status", "Can see the translation status report"),
            ("publish_snippet_translations", "Can publish translations of topics and organisation details"),
        ]

    def __str__(self):
        return "Translation workflow permissions"
