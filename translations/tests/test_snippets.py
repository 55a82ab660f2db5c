"""Topics and organisation details have no drafts: saving one publishes it. Their translations
are started and published only by users who may publish them."""

import pytest
from django.urls import reverse
from wagtail_localize.models import Translation

from news.factories import TopicFactory
from news.models import Topic

from .conftest import EN, assert_refused, locale, translate_strings

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(newsroom):
    return TopicFactory(name="Pasportlar", slug="pasportlar")


def submit_topic(client, topic, code):
    return client.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["news", "topic", topic.pk]),
        {"locales": [locale(code).id]},
        **EN,
    )


def russian_topic(topic):
    return Topic.objects.get(translation_key=topic.translation_key, locale=locale("ru"))


def edit_url(instance):
    return reverse("wagtailsnippets_news_topic:edit", args=[instance.pk])


def test_only_a_publisher_starts_a_topic_translation(client, newsroom, topic):
    client.force_login(newsroom.translator)
    assert_refused(submit_topic(client, topic, "ru"))
    assert not Topic.objects.filter(locale=locale("ru")).exists()

    client.force_login(newsroom.moderator)
    assert submit_topic(client, topic, "ru").status_code == 302
    assert russian_topic(topic).name == "Pasportlar"


def test_a_translator_translates_a_topic_and_a_moderator_publishes_it(client, newsroom, topic):
    client.force_login(newsroom.moderator)
    submit_topic(client, topic, "ru")

    client.force_login(newsroom.translator)
    translate_strings(client, russian_topic(topic), {"Pasportlar": "Паспорта"})
    response = client.post(edit_url(russian_topic(topic)), {"action": "publish"}, **EN)
    assert response.status_code == 302
    assert (
        "Only moderators can publish this translation"
        in client.get(response["Location"], **EN).content.decode()
    )
    assert russian_topic(topic).name == "Pasportlar"

    client.force_login(newsroom.moderator)
    client.post(edit_url(russian_topic(topic)), {"action": "publish"}, **EN)
    assert russian_topic(topic).name == "Паспорта"


def test_a_translator_cannot_unlink_a_topic_translation_to_edit_it_directly(client, newsroom, topic):
    client.force_login(newsroom.moderator)
    submit_topic(client, topic, "ru")
    translation = Translation.objects.get(source__object_id=topic.translation_key, target_locale=locale("ru"))
    stop = reverse("wagtail_localize:stop_translation", args=[translation.id])

    client.force_login(newsroom.translator)
    assert_refused(client.post(stop, {"next": edit_url(russian_topic(topic))}, **EN))
    translation.refresh_from_db()
    assert translation.enabled

    client.force_login(newsroom.moderator)
    client.post(stop, {"next": edit_url(russian_topic(topic))}, **EN)
    translation.refresh_from_db()
    assert not translation.enabled


def test_sync_translated_topics_publishes_only_for_a_publisher(client, newsroom, topic):
    client.force_login(newsroom.moderator)
    submit_topic(client, topic, "ru")
    topic.name = "Pasportlar we wizalar"
    topic.save()
    source = Translation.objects.get(
        source__object_id=topic.translation_key, target_locale=locale("ru")
    ).source
    url = reverse("wagtail_localize:update_translations", args=[source.id])

    client.force_login(newsroom.translator)
    client.post(url, {"publish_translations": "on"}, **EN)
    assert russian_topic(topic).name == "Pasportlar"

    client.force_login(newsroom.moderator)
    client.post(url, {"publish_translations": "on"}, **EN)
    assert russian_topic(topic).name == "Pasportlar we wizalar"


def test_the_translation_editor_tells_a_translator_who_publishes_a_topic(client, newsroom, topic):
    client.force_login(newsroom.moderator)
    submit_topic(client, topic, "ru")
    client.force_login(newsroom.translator)
    text = client.get(edit_url(russian_topic(topic)), **EN).content.decode()
    assert "a moderator publishes it" in text
