"""Reading counts: the date, the page, the language and a number. Nothing else is stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Permission to see reading counts (the page's counts and the "Most read pages" report).
VIEW_COUNTS = "readership.view_readingcount"


class ReadingCount(models.Model):
    """Views of one page in one language on one day (``monthly``: in the month that starts on ``day``).

    Rows are written by the worker only (readership.store), one upsert per page, language and
    day; after READERSHIP_DAILY_DAYS (2 years) a month's daily rows are summed into one monthly row.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    language = models.CharField(_("language"), max_length=8)
    day = models.DateField(_("day"))
    monthly = models.BooleanField(
        _("whole month"), default=False, help_text=_("The count of the whole month that starts on this day.")
    )
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("reading count")
        verbose_name_plural = _("reading counts")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "day", "monthly"], name="readership_one_count_per_period"
            )
        ]
        indexes = [models.Index(fields=["day", "page"], name="readership_day_page")]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.page_id} {self.language} {self.day}: {self.count}"
