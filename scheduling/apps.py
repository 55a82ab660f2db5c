from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    """The worker process: background tasks plus periodic jobs (scheduled publishing,
    retention, recovery of tasks a killed worker left behind)."""

    name = "scheduling"
    verbose_name = "Scheduling"
