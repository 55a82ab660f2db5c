"""factory_boy factories for the news app's models, used by the tests of every app.

Pages are created live and marked as published now (as if published from the admin),
under the ``parent`` given: ``NewsPageFactory(parent=news_index, topics=[topic])``.
Translations are made with ``home.factories.translate_page`` and ``translate_topic``.
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from .models import NewsIndexPage, NewsPage, StatementCosigner, StatementPage, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Topic


def translate_topic(topic, language_code, **fields):
    """Create the translation of ``topic`` into a language, with the given name and slug."""
    translated = topic.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page that is live and says when it was published, like one published from the admin."""

    live = True
    first_published_at = factory.LazyAttribute(lambda page: timezone.now() if page.live else None)
    last_published_at = factory.LazyAttribute(lambda page: page.first_published_at)


class NewsIndexPageFactory(PublishedPageFactory):
    title = "Habarlar"
    slug = "news"
    intro = "Hak Hukuga Daýanç-yň habarlary we beýannamalary."

    class Meta:
        model = NewsIndexPage


class ArticlePageFactory(PublishedPageFactory):
    """What news articles and statements share. Pass ``topics=[...]`` to file the page under topics."""

    title = factory.Sequence(lambda n: f"Habar {n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    summary = factory.LazyAttribute(lambda page: f"{page.title}: gysgaça mazmun.")
    source = "HHD"

    class Meta:
        abstract = True


class NewsPageFactory(ArticlePageFactory):
    class Meta:
        model = NewsPage


class StatementPageFactory(ArticlePageFactory):
    title = factory.Sequence(lambda n: f"Beýannama {n}")
    addressee = "Türkmenistanyň Prezidentine"

    class Meta:
        model = StatementPage


class StatementCosignerFactory(factory.django.DjangoModelFactory):
    """A co-signing organisation; pass the ``statement`` it signed."""

    name = factory.Sequence(lambda n: f"Guramasy {n}")
    url = "https://example.org/"
    locale = factory.SelfAttribute("statement.locale")

    class Meta:
        model = StatementCosigner
