"""A system check: every language of the site has a text-search configuration."""

from django.conf import settings
from django.core.checks import Warning, register

from search.languages import SEARCH_CONFIGS_BY_LANGUAGE


@register()
def every_language_has_a_search_config(app_configs, **kwargs):
    """Warn when a language in LANGUAGES would silently be indexed without its stemmer."""
    return [
        Warning(
            f"Language {code!r} has no text-search configuration; its pages are indexed "
            "word for word ('simple').",
            hint="Add it to search.languages.SEARCH_CONFIGS_BY_LANGUAGE.",
            id="search.W001",
        )
        for code, _name in settings.LANGUAGES
        if code.lower() not in SEARCH_CONFIGS_BY_LANGUAGE
        and code.lower().split("-")[0] not in SEARCH_CONFIGS_BY_LANGUAGE
    ]
