from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MirrorsConfig(AppConfig):
    """Signed static copies of the public site, published to origins that are costly to block."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "mirrors"
    verbose_name = _("Mirrors")

    def ready(self):
        from . import handlers

        handlers.connect()
