"""A translation is posted to its language's channel when its review is approved, not while
it is in review. The translations app puts translations behind the Editorial review (the page
goes live, and Wagtail's page_published fires, only on approval); this runs that very flow with
the translations app's own test helpers."""

import pytest

from telegram.models import ChannelPost
from translations.tests.conftest import (  # noqa: F401 - client and newsroom are fixtures
    approve,
    client,
    newsroom,
    russian,
    submit_for_review,
    submit_page_translation,
    translate_strings,
)

pytestmark = pytest.mark.django_db


def test_a_translation_in_review_is_not_posted_and_is_posted_once_approved(bot_api, client, newsroom):  # noqa: F811
    client.force_login(newsroom.editor)
    submit_page_translation(client, newsroom.article, "ru")
    draft = russian(newsroom.article)
    client.force_login(newsroom.translator)
    translate_strings(
        client,
        draft,
        {"Pasport amnistiýasy": "Паспортная амнистия", "Konsullyk pasport berenok.": "Консульство молчит."},
    )
    assert submit_for_review(client, draft).status_code == 302
    submitted = russian(newsroom.article)
    assert submitted.workflow_in_progress and not submitted.live
    assert not ChannelPost.objects.filter(language="ru").exists()
    assert bot_api.requests == []

    client.force_login(newsroom.moderator)
    assert approve(client, submitted).status_code in (200, 302)
    post = ChannelPost.objects.get(language="ru")
    assert (post.page_id, post.channel, post.state) == (submitted.pk, "@hhd_ru", "posted")
    assert [request.fields["chat_id"] for request in bot_api.requests] == ["@hhd_ru"]
    assert bot_api.requests[0].fields["text"].startswith("<b>Паспортная амнистия</b>\n\nКонсульство молчит.")
