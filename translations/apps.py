from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    """The translation workflow around wagtail-localize: translations reach the public only
    through the editorial review (or a user who may publish), and a status report."""

    name = "translations"
    verbose_name = "Translations"

    def ready(self):
        from wagtail_localize.locales.components import LOCALE_COMPONENTS
        from wagtail_localize.models import LocaleSynchronization

        # "Synchronise content from another locale" (wagtail-localize's LocaleSynchronization)
        # fills the other languages' trees with live aliases of the Turkmen pages: unreviewed
        # Turkmen text on the Russian site, re-published with every Turkmen change. Its switch is
        # taken out of the locale form; translations/synchronisation.py explains the safe way.
        LOCALE_COMPONENTS[:] = [
            component for component in LOCALE_COMPONENTS if component["model"] is not LocaleSynchronization
        ]
