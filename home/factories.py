"""factory_boy factories for the home app's models, used by the tests of every app."""

import factory
import wagtail_factories
from wagtail.models import Locale

from .models import HomePage, OrganisationDetails, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Baş sahypa"
    intro = "Hak Hukuga Daýanç türkmen raýatlarynyň hukuklaryny goraýar."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Sahypa {n}")
    intro = "Gysgaça mazmun."
    show_in_menus = True

    class Meta:
        model = StandardPage


class OrganisationDetailsFactory(factory.django.DjangoModelFactory):
    name = "Hak Hukuga Daýanç"
    tagline = "Hukuga daýanç"
    address = "Stambul, Türkiýe"
    email = "hakhukugadayanc@gmail.com"
    youtube_handle = "@hakhukugadayanc7641"
    tiktok_handle = "@hakhukugadayanc"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = OrganisationDetails


def translate_page(page, language_code, **fields):
    """Create and publish the translation of ``page`` (and any untranslated parents)."""
    locale = Locale.objects.get(language_code=language_code)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated
