from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    """The donation page, pledges with bank-transfer references, and the treasurer's reconciliation."""

    name = "donations"
    verbose_name = _("Donations")

    def ready(self):
        from home.calls_to_action import offer

        from . import retention  # noqa: F401 - registers the retention job
        from .services import donation_pages

        offer("donate", _("Donate"), donation_pages, position=30)
