from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    """The contact form, and help requests sealed to caseworkers with their inbox in the admin."""

    name = "contact"
    verbose_name = _("Contact and help requests")

    def ready(self):
        from caching.signals import purge_on_change_of
        from home.calls_to_action import offer

        from . import retention  # noqa: F401 - registers the retention jobs
        from .models import CaseworkerKey
        from .services import help_pages

        # The help page says whether it can take requests (contact.services).
        purge_on_change_of(CaseworkerKey)
        offer("help", _("Ask for help"), help_pages, position=20)
