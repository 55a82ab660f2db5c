"""What the admin report shows of each origin the copy is published to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

VIEW_STATUS = "mirrors.view_originstatus"
REEXPORT = "mirrors.reexport_mirrors"


class OriginStatus(models.Model):
    """The last publication to one origin (configured in MIRROR_ORIGINS): a row per origin name.

    ``failures`` counts the failed attempts since the last success; the retry waits longer after
    each (mirrors.services.retry_delay). No personal data: origins and counts only.
    """

    name = models.CharField(_("origin"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20)
    last_success_at = models.DateTimeField(_("last successful publication"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    files = models.PositiveIntegerField(_("files"), default=0)
    bytes = models.PositiveBigIntegerField(_("bytes"), default=0)
    uploaded = models.PositiveIntegerField(_("files changed in the last publication"), default=0)
    failures = models.PositiveIntegerField(_("failures since the last success"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_retry_at = models.DateTimeField(_("next retry"), null=True, blank=True)

    class Meta:
        verbose_name = _("mirror origin status")
        verbose_name_plural = _("mirror origin statuses")
        ordering = ["name"]
        permissions = [("reexport_mirrors", _("Can re-export every mirror"))]

    def __str__(self):
        return self.name
