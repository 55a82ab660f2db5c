"""Records every form that takes personal data shares."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentWording(models.Model):
    """The exact wording of a consent as a visitor saw it, so a stored version can be read back.

    A record keeps only the version string (safety.consent.consent_version); this table
    says what that version said, in which language, and since when.
    """

    version = models.CharField(
        _("version"), max_length=40, unique=True, help_text=_("Language and hash of the text.")
    )
    language = models.CharField(_("language"), max_length=8, help_text=_("The language of the wording."))
    text = models.TextField(_("text"), help_text=_("The wording exactly as shown."))
    first_used_at = models.DateTimeField(
        _("first used"), default=timezone.now, help_text=_("When this wording was first used.")
    )

    class Meta:
        verbose_name = _("consent wording")

    def __str__(self):
        return self.version
