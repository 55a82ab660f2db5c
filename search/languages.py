"""Which PostgreSQL text-search configuration (stemmer) each language of the site uses."""

from wagtail.models import Locale, TranslatableMixin

# PostgreSQL ships no Turkmen stemmer: Turkmen is indexed word for word, lower-cased.
SEARCH_CONFIGS_BY_LANGUAGE = {
    "tk": "simple",
    "ru": "russian",
    "tr": "turkish",
    "en": "english",
}
# For languages without an entry and for objects without a language (images, documents).
FALLBACK_SEARCH_CONFIG = "simple"
ALL_SEARCH_CONFIGS = tuple(sorted({*SEARCH_CONFIGS_BY_LANGUAGE.values(), FALLBACK_SEARCH_CONFIG}))


def search_config_for_language(language_code):
    """The text-search configuration for a language code such as ``ru`` or ``en-gb``."""
    if not language_code:
        return FALLBACK_SEARCH_CONFIG
    code = language_code.lower()
    return SEARCH_CONFIGS_BY_LANGUAGE.get(code) or SEARCH_CONFIGS_BY_LANGUAGE.get(
        code.split("-")[0], FALLBACK_SEARCH_CONFIG
    )


def languages_of(objs):
    """The language code of each object, in order: its locale's for translatable objects
    (pages, translatable snippets), None for the rest. Runs one query at most."""
    locale_ids = {obj.locale_id for obj in objs if isinstance(obj, TranslatableMixin)}
    language_codes = (
        dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))
        if locale_ids
        else {}
    )
    return [language_codes.get(obj.locale_id) if isinstance(obj, TranslatableMixin) else None for obj in objs]


def search_configs_of(objs):
    """The text-search configuration of each object, in order: its locale's language for
    translatable objects (pages, translatable snippets), the fallback for the rest.
    Runs one query at most."""
    return [search_config_for_language(code) for code in languages_of(objs)]
