from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelegramConfig(AppConfig):
    """Posts of news, statements and campaigns to each language's Telegram channel."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "telegram"
    verbose_name = _("Telegram channel posts")

    def ready(self):
        from wagtail.signals import page_published

        from . import services

        page_published.connect(services.page_published_handler, dispatch_uid="telegram-queue-post")
