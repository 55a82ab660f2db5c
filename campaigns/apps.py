from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Appeals that supporters sign (CampaignPage, Signature), with double opt-in and exports."""

    name = "campaigns"
    verbose_name = "Campaigns"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from home.calls_to_action import offer

        from . import retention  # noqa: F401 - registers the retention jobs
        from .services import open_appeals

        offer("sign", _("Sign the appeal"), open_appeals, position=10)
