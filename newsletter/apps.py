from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    """Subscribers with double opt-in, one-click unsubscribe, and issues sent in batches."""

    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from . import retention  # noqa: F401 - registers the retention job
