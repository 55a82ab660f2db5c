from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    """Daily reading counts per page and language that identify nobody (README "Reading counts")."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "readership"
    verbose_name = _("Reading counts")

    def ready(self):
        import atexit

        from .buffer import counts

        # Counts still in this process's memory when it stops go out with it (at most ~2 s of them).
        atexit.register(counts.flush)
