"""Records every form that takes personal data shares."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentWording(models.Model):
    """The exact wording of a consent as a visitor saw it, so a stored version can be read back.

    A record keeps only the version string (safety.consent.consent_version); this table
    says what that version said, in which language, and since when.
    """

    version = models.CharField(max_length=40, unique=True, help_text=_("Language and hash of the text."))
    language = models.CharField(max_length=8)
    text = models.TextField(help_text=_("The wording exactly as shown."))
    first_used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("consent wording")

    def __str__(self):
        return self.version
