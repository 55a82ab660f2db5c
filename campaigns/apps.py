from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Appeals that supporters sign (CampaignPage, Signature), with double opt-in and exports."""

    name = "campaigns"
    verbose_name = "Campaigns"

    def ready(self):
        from . import retention  # noqa: F401 - registers the retention jobs
