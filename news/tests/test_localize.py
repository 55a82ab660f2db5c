"""News page types go through wagtail-localize's translation workflow."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from news.factories import (
    NewsIndexPageFactory,
    StatementCosignerFactory,
    StatementPageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def translate_with_localize(django_capture_on_commit_callbacks):
    """Submit an instance for translation, translate its strings and publish, as a translator does."""

    def translate(instance, language_code, translations):
        # wagtail-localize publishes when the transaction commits; tests run inside one.
        with django_capture_on_commit_callbacks(execute=True):
            translated = _translate(instance, language_code, translations)
        translated.refresh_from_db()
        return translated

    return translate


def _translate(instance, language_code, translations):
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    locale = Locale.objects.get(language_code=language_code)
    translation = Translation.objects.create(source=source, target_locale=locale)
    for segment in source.stringsegment_set.select_related("string"):
        text = segment.string.data
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=translations.get(text, text),
        )
    translation.save_target(publish=True)
    return instance.get_translation(locale)


def test_a_statement_translated_with_wagtail_localize_keeps_cosigners_topics_and_dates(
    client, site_tree, translate_with_localize
):
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    translate_with_localize(index, "ru", {index.title: "Новости"})
    topic = TopicFactory(name="Pasportlar", slug="pasportlar")
    translate_with_localize(topic, "ru", {"Pasportlar": "Паспорта", "pasportlar": "pasporta"})
    statement = StatementPageFactory(
        parent=index, title="Beýannama", addressee="Häkimiýetlere", topics=[topic]
    )
    StatementCosignerFactory(statement=statement, name="Birinji gurama")
    StatementCosignerFactory(statement=statement, name="Ikinji gurama")
    statement.save_revision().publish()

    russian = translate_with_localize(
        statement,
        "ru",
        {"Beýannama": "Заявление", "Häkimiýetlere": "Властям", "Birinji gurama": "Первая организация"},
    )

    assert russian.live
    assert russian.date == statement.date
    assert [c.name for c in russian.cosigners.all()] == ["Первая организация", "Ikinji gurama"]
    page = client.get(russian.url).content.decode()
    assert "Заявление" in page and "Властям" in page
    assert 'href="/ru/news/?topic=pasporta">Паспорта</a>' in page
