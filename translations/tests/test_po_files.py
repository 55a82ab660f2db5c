"""Translators who work offline: download a PO file, translate it, upload it (wagtail-localize's views)."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from news.factories import TopicFactory
from news.models import Topic

from .conftest import (
    EN,
    editor_props,
    locale,
    publish_in_editor,
    russian,
    submit_page_translation,
    translation_of,
)

pytestmark = pytest.mark.django_db


def download(client, translation):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]), **EN)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
    return polib.pofile(response.content.decode())


def upload(client, translation, po, next_url):
    upload = SimpleUploadedFile("translation.po", str(po).encode(), content_type="text/x-gettext-translation")
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": upload, "next": next_url},
        **EN,
    )


def test_a_news_article_translated_offline_goes_live_when_a_moderator_publishes_it(client, newsroom):
    client.force_login(newsroom.editor)
    submit_page_translation(client, newsroom.article, "ru")
    page = russian(newsroom.article)
    translation = translation_of(page)

    client.force_login(newsroom.translator)
    po = download(client, translation)
    sources = {entry.msgid for entry in po}
    assert {"Pasport amnistiýasy", "Konsullyk pasport berenok."} <= sources
    offline = {
        "Pasport amnistiýasy": "Паспортная амнистия",
        "Konsullyk pasport berenok.": "Консульство молчит.",
    }
    for entry in po:
        entry.msgstr = offline.get(entry.msgid, entry.msgid)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
    assert upload(client, translation, po, edit_url)["Location"] == edit_url

    shown = {item["data"] for item in editor_props(client, page)["initialStringTranslations"]}
    assert set(offline.values()) <= shown
    assert not russian(newsroom.article).live

    client.force_login(newsroom.moderator)
    publish_in_editor(client, page)
    client.logout()
    page.refresh_from_db()
    assert page.live
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Паспортная амнистия" in response.content.decode()
    assert "Консульство молчит." in response.content.decode()


def test_a_po_file_for_another_translation_is_refused(client, newsroom):
    client.force_login(newsroom.editor)
    submit_page_translation(client, newsroom.article, "ru", "tr")
    russian_translation = translation_of(russian(newsroom.article))
    po = download(client, russian_translation)
    for entry in po:
        entry.msgstr = "Türkçe"
    turkish = russian_translation.source.translations.get(target_locale=locale("tr"))
    upload(client, turkish, po, "/admin/")
    assert not editor_props(client, turkish.get_target_instance())["initialStringTranslations"]


def test_a_topic_translated_offline(client, newsroom):
    topic = TopicFactory(name="Deportasiýa", slug="deportasiya")
    client.force_login(newsroom.moderator)
    client.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["news", "topic", topic.pk]),
        {"locales": [locale("ru").id]},
        **EN,
    )
    russian_topic = Topic.objects.get(translation_key=topic.translation_key, locale=locale("ru"))
    translation = translation_of(russian_topic)

    client.force_login(newsroom.translator)
    po = download(client, translation)
    offline = {"Deportasiýa": "Депортация", "deportasiya": "deportaciya"}
    for entry in po:
        entry.msgstr = offline[entry.msgid]
    edit_url = reverse("wagtailsnippets_news_topic:edit", args=[russian_topic.pk])
    upload(client, translation, po, edit_url)
    shown = {item["data"] for item in editor_props(client, russian_topic)["initialStringTranslations"]}
    assert shown == set(offline.values())
    russian_topic.refresh_from_db()
    assert russian_topic.name == "Deportasiýa"  # not public before a moderator publishes it

    client.force_login(newsroom.moderator)
    client.post(edit_url, {"action": "publish"}, **EN)
    russian_topic.refresh_from_db()
    assert (russian_topic.name, russian_topic.slug) == ("Депортация", "deportaciya")
