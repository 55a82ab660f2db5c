"""Fixtures shared by every app's tests: a small four-language site."""

from dataclasses import dataclass, field

import pytest
from wagtail.models import Locale, Page, Site

from home.factories import HomePageFactory, OrganisationDetailsFactory, StandardPageFactory, translate_page

HOME_TITLES = {
    "tk": "Hak Hukuga Daýanç: baş sahypa",
    "ru": "Хак Хукуга Дайанч: главная",
    "tr": "Hak Hukuga Daýanç: ana sayfa",
    "en": "Hak Hukuga Daýanç: home",
}


@dataclass
class SiteTree:
    """The pages of the test site, by language code."""

    homes: dict = field(default_factory=dict)
    about: dict = field(default_factory=dict)
    site: Site | None = None


@pytest.fixture
def site_tree(db):
    """A Turkmen home page as the site root, translated into ru/tr/en, with an About page
    in Turkmen and Russian only (so the switcher's fallback to a home page is exercised)."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page
    tree = SiteTree()
    home = HomePageFactory(parent=root, title=HOME_TITLES["tk"], slug="home")
    Site.objects.all().delete()
    tree.site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    tree.homes["tk"] = home
    for code in ("ru", "tr", "en"):
        tree.homes[code] = translate_page(home, code, title=HOME_TITLES[code])
    tree.about["tk"] = StandardPageFactory(parent=home, title="HHD barada", slug="about")
    tree.about["ru"] = translate_page(tree.about["tk"], "ru", title="О HHD")
    details = OrganisationDetailsFactory()
    for code, tagline in (
        ("ru", "Опора на права и закон"),
        ("tr", "Hak ve hukuka dayanak"),
        ("en", "Reliance on Rights and Law"),
    ):
        translated = details.copy_for_translation(Locale.objects.get(language_code=code))
        translated.tagline = tagline
        translated.save()
    return tree
