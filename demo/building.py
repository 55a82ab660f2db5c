"""Idempotent building blocks of the demo: find or create a page, copy it into every locale, publish."""

from dataclasses import dataclass, field

from wagtail.fields import StreamField
from wagtail.models import Site

from .texts import DEFAULT_LANGUAGE, ILLUSTRATIONS, CallToAction, Figure, Heading, Paragraph, Quote

__all__ = ["DEFAULT_LANGUAGE", "DemoSite", "child_page", "publish", "stream_data", "translations_of"]


@dataclass
class DemoSite:
    """What has been built so far, by language code."""

    locales: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)  # illustration key -> image
    homes: dict = field(default_factory=dict)
    abouts: dict = field(default_factory=dict)
    news_indexes: dict = field(default_factory=dict)
    privacies: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)  # language code -> {topic key: Topic}
    articles: dict = field(default_factory=dict)  # article key -> {language code: page}
    site: Site | None = None
    # Lines for the "Sign in" part of seed_demo's summary: demo accounts, keys and their
    # passphrases (development only), added by whatever builds them.
    sign_in: list = field(default_factory=list)

    def pages_of(self, language):
        """The pages a call to action can point at, by the names the texts use."""
        return {
            "home": self.homes[language],
            "about": self.abouts[language],
            "news": self.news_indexes[language],
            "privacy": self.privacies[language],
        }


def child_page(parent, page_model, text, **fields):
    """The child of ``parent`` with the text's slug, created as a draft if it is not there yet."""
    page = page_model.objects.child_of(parent).filter(slug=text.slug).first()
    if page is None:
        page = page_model(title=text.title, slug=text.slug, live=False, **fields)
        parent.add_child(instance=page)
    return page


def translations_of(page, locales):
    """The page in every locale, by language code; missing translations are copied from it."""
    pages = {}
    for code, locale in locales.items():
        if page.locale_id == locale.pk:
            pages[code] = page
            continue
        translation = page.get_translation_or_none(locale)
        if translation is None:
            translation = page.copy_for_translation(locale, copy_parents=True)
        pages[code] = translation.specific
    return pages


def publish(page, **fields):
    """Set the fields on a fresh copy of the page and publish a revision, unless it shows them already.

    Leaving an unchanged live page alone keeps a second run from adding revisions.
    """
    page = type(page).objects.get(pk=page.pk)
    if page.live and not page.has_unpublished_changes and shows_values(page, fields):
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def shows_values(page, fields):
    """Whether the page holds these values: StreamFields as raw data, foreign keys by id, m2m as sets."""
    for name, value in fields.items():
        field = page._meta.get_field(name)
        if field.many_to_many:
            current, value = {item.pk for item in getattr(page, name).all()}, {item.pk for item in value}
        elif field.many_to_one:
            current, value = getattr(page, field.attname), (value.pk if value is not None else None)
        elif isinstance(field, StreamField):
            current = [
                {"type": block["type"], "value": block["value"]}
                for block in getattr(page, name).get_prep_value()
            ]
        else:
            current = getattr(page, name)
        if current != value:
            return False
    return True


def stream_data(blocks, language, demo):
    """The StreamField data of a page body's blocks in one language."""
    pages = demo.pages_of(language)
    data = []
    for block in blocks:
        if isinstance(block, Heading):
            data.append({"type": "heading", "value": {"text": block.text, "level": block.level}})
        elif isinstance(block, Paragraph):
            data.append({"type": "paragraph", "value": block.html})
        elif isinstance(block, Quote):
            data.append({"type": "quote", "value": {"quote": block.text, "attribution": block.attribution}})
        elif isinstance(block, Figure):
            value = {
                "image": demo.images[block.illustration].pk,
                "alt_text": ILLUSTRATIONS[block.illustration].alt_text[language],
                "caption": block.caption,
            }
            data.append({"type": "image", "value": value})
        elif isinstance(block, CallToAction):
            value = {"label": block.label, "page": pages[block.target].pk, "url": ""}
            data.append({"type": "call_to_action", "value": value})
        else:
            raise TypeError(f"No StreamField block for {block!r}")
    return data
