from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff roles, the review workflow's notifications, two-factor login, lockout, admin
    sessions and the audit log of logins and permission changes."""

    name = "staff"
    verbose_name = _("Staff and security")

    def ready(self):
        from . import checks, signals  # noqa: F401 - checks registers the start-up checks

        signals.connect()
