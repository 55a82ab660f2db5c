from django.apps import AppConfig


class MirrorlistConfig(AppConfig):
    """How readers find the mirrors: the list of addresses, the mirrors page, Onion-Location."""

    name = "mirrorlist"
    verbose_name = "Mirror list"

    def ready(self):
        from caching.signals import purge_on_change_of

        from . import checks, signals  # noqa: F401 - registers the system check and the handlers
        from .models import MirrorAddress

        purge_on_change_of(MirrorAddress)  # listed in every page's footer and on the mirrors page
