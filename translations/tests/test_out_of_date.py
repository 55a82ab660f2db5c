"""After the source changes, its translations are out of date until they are translated again."""

import pytest
from django.urls import reverse

from news.factories import TopicFactory
from translations import review, status

from .conftest import (
    EN,
    approve,
    change_source,
    editor_props,
    locale,
    publish_in_editor,
    submit_for_review,
    translate_strings,
    translation_of,
)

pytestmark = pytest.mark.django_db


def page_cell(page, code):
    (row,) = status.PageStatus([page.translation_key], status.ordered_locales()).rows()
    return row.cells[locale(code).pk]


def snippet_cell(instance, code):
    rows = [
        row
        for row in status.SnippetStatus(status.ordered_locales()).rows()
        if row.title == str(instance) and row.kind == str(instance._meta.verbose_name)
    ]
    return rows[0].cells[locale(code).pk]


def translate_everything(client, page, prefix):
    """Translate every text of the page that is not translated yet."""
    props = editor_props(client, page)
    done = {item["string_id"] for item in props["initialStringTranslations"]}
    strings = {
        segment["source"]: f"{prefix} {segment['source']}"
        for segment in props["segments"]
        if segment["type"] == "string" and segment["id"] not in done
    }
    translate_strings(client, page, strings)


def test_a_published_change_to_the_source_puts_the_translation_out_of_date_until_it_is_translated(
    client, newsroom, published_translation
):
    client.force_login(newsroom.moderator)
    translate_everything(client, published_translation, "RU")
    publish_in_editor(client, published_translation)
    assert page_cell(newsroom.article, "ru").status == status.UP_TO_DATE

    change_source(newsroom.article, "Täze habar bar.")
    cell = page_cell(newsroom.article, "ru")
    source_id = translation_of(published_translation).source_id
    assert cell.status == status.OUT_OF_DATE
    assert cell.reason == status.REASON_SOURCE_CHANGED
    assert cell.url.startswith(reverse("wagtail_localize:update_translations", args=[source_id]))

    client.force_login(newsroom.translator)
    client.post(reverse("wagtail_localize:update_translations", args=[source_id]), **EN)
    cell = page_cell(newsroom.article, "ru")
    assert cell.status == status.OUT_OF_DATE
    assert "1 of" in str(cell.reason) and "not translated yet" in str(cell.reason)
    assert cell.url == reverse("wagtailadmin_pages:edit", args=[published_translation.id])

    translate_strings(client, published_translation, {"Täze habar bar.": "Есть новости."})
    assert page_cell(newsroom.article, "ru").reason == status.REASON_NOT_SAVED
    submit_for_review(client, published_translation)
    cell = page_cell(newsroom.article, "ru")
    assert (cell.status, cell.reason) == (status.DRAFT, status.REASON_WAITING)

    client.force_login(newsroom.moderator)
    approve(client, published_translation)
    assert page_cell(newsroom.article, "ru").status == status.UP_TO_DATE


def test_a_translation_made_by_hand_is_out_of_date_once_the_source_is_published_again(newsroom):
    about = newsroom.site_tree.about["tk"]
    assert page_cell(about, "ru").status == status.UP_TO_DATE
    about.refresh_from_db()
    about.save_revision().publish()
    cell = page_cell(about, "ru")
    assert (cell.status, cell.reason) == (status.OUT_OF_DATE, status.REASON_OLDER_THAN_SOURCE)


def test_a_changed_topic_puts_its_translations_out_of_date(client, newsroom):
    topic = TopicFactory(name="Pasportlar", slug="pasportlar")
    review.translate_object_for_review(topic, [locale("ru")], user=newsroom.moderator)
    russian = topic.get_translation(locale("ru"))
    client.force_login(newsroom.moderator)
    translate_strings(client, russian, {"Pasportlar": "Паспорта", "pasportlar": "pasporta"})
    client.post(reverse("wagtailsnippets_news_topic:edit", args=[russian.pk]), {"action": "publish"}, **EN)
    assert snippet_cell(topic, "ru").status == status.UP_TO_DATE

    topic.name = "Pasport we wiza"
    topic.save()
    cell = snippet_cell(topic, "ru")
    assert cell.status == status.OUT_OF_DATE
    assert cell.reason == status.REASON_SOURCE_CHANGED
