"""When a page is posted: the first time it goes live in a language with a channel, or when the
editor publishes it with "Publish and post to Telegram again"; never a draft, a private page, a
translation still in review or a language without a channel."""

import pytest
from django.test import TestCase
from wagtail.models import PageViewRestriction

from campaigns.factories import CampaignPageFactory
from home.factories import translate_page
from news.factories import StatementPageFactory
from telegram.models import ChannelPost, PostAgainRequest, PostState

from .conftest import draft_article, publish

pytestmark = pytest.mark.django_db


def test_the_first_publish_of_an_article_posts_it_once_to_its_languages_channel(bot_api, news_index):
    article = draft_article(news_index, title="Pasport amnistiýasy", summary="Konsullyk pasport berenok.")
    publish(article)

    post = ChannelPost.objects.get()
    assert (post.page_id, post.language, post.channel, post.state) == (article.pk, "tk", "@hhd_tk", "posted")
    assert [request.method for request in bot_api.requests] == ["sendMessage"]
    sent = bot_api.requests[0].fields
    assert sent["chat_id"] == "@hhd_tk"
    assert sent["parse_mode"] == "HTML"
    link = f"https://hhd.example{article.url}"
    assert sent["text"] == (
        f'<b>Pasport amnistiýasy</b>\n\nKonsullyk pasport berenok.\n\n<a href="{link}">{link}</a>'
    )
    assert "?" not in link  # no tracking parameters
    assert post.message_id == 101
    assert post.post_url == "https://t.me/hhd_tk/101"
    assert post.posted_at is not None


def test_statements_and_campaigns_are_posted_too(bot_api, site_tree, news_index):
    statement = StatementPageFactory(parent=news_index, live=False, first_published_at=None)
    campaign = CampaignPageFactory(
        parent=site_tree.homes["tk"],
        live=False,
        first_published_at=None,
        lead="Gol çekiň: <adalat> & azatlyk",
    )
    publish(statement)
    publish(campaign)
    assert set(ChannelPost.objects.values_list("page_id", "state")) == {
        (statement.pk, "posted"),
        (campaign.pk, "posted"),
    }
    assert "Gol çekiň: &lt;adalat&gt; &amp; azatlyk" in bot_api.requests[1].fields["text"]


def test_other_page_types_are_not_posted(bot_api, news_index):
    with TestCase.captureOnCommitCallbacks(execute=True):
        news_index.save_revision().publish()
    assert not ChannelPost.objects.exists()
    assert bot_api.requests == []


def test_a_draft_is_not_posted(bot_api, news_index):
    article = draft_article(news_index)
    with TestCase.captureOnCommitCallbacks(execute=True):
        article.save_revision()
    assert not ChannelPost.objects.exists()
    assert bot_api.requests == []


def test_a_publish_scheduled_for_later_posts_only_when_it_goes_live(bot_api, news_index):
    import datetime

    from django.utils import timezone

    article = draft_article(news_index)
    article.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    publish(article)
    assert not ChannelPost.objects.exists()

    # The time has come: the worker's scheduled publishing puts it live, and then it is posted.
    import time

    from django.core.management import call_command

    time.sleep(2.1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)
    assert ChannelPost.objects.get().state == PostState.POSTED
    assert len(bot_api.requests) == 1


def test_a_private_page_is_not_posted(bot_api, news_index):
    article = draft_article(news_index)
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    publish(article)
    assert not ChannelPost.objects.exists()
    assert bot_api.requests == []


def test_a_page_under_a_private_section_is_not_posted(bot_api, news_index):
    PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)
    publish(draft_article(news_index))
    assert not ChannelPost.objects.exists()


def test_a_language_without_a_channel_posts_and_queues_nothing(bot_api, news_index, settings):
    settings.TELEGRAM_CHANNELS = {"ru": "@hhd_ru"}
    publish(draft_article(news_index))
    assert not ChannelPost.objects.exists()
    assert bot_api.requests == []


def test_without_a_token_nothing_is_posted_or_queued(bot_api, news_index, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    publish(draft_article(news_index))
    assert not ChannelPost.objects.exists()
    assert bot_api.requests == []


def test_a_translation_goes_to_its_own_languages_channel(bot_api, news_index):
    article = draft_article(news_index, title="Habar")
    publish(article)
    with TestCase.captureOnCommitCallbacks(execute=True):
        russian = translate_page(article, "ru", title="Новость", summary="Кратко.")
    assert set(ChannelPost.objects.values_list("page_id", "language", "channel")) == {
        (article.pk, "tk", "@hhd_tk"),
        (russian.pk, "ru", "@hhd_ru"),
    }
    assert bot_api.requests[1].fields["chat_id"] == "@hhd_ru"
    assert bot_api.requests[1].fields["text"].startswith("<b>Новость</b>\n\nКратко.")


def test_publishing_an_edited_page_again_does_not_post_again(bot_api, news_index):
    article = draft_article(news_index)
    publish(article)
    article.title = "Habar (düzedildi)"
    publish(article)
    assert ChannelPost.objects.count() == 1
    assert len(bot_api.requests) == 1


def test_a_page_published_again_after_being_unpublished_is_not_posted_again(bot_api, news_index):
    article = draft_article(news_index)
    publish(article)
    article.unpublish()
    article.refresh_from_db()
    publish(article)
    assert len(bot_api.requests) == 1


def test_post_again_on_a_publish_posts_once_more_and_is_used_up(bot_api, news_index):
    from telegram.services import request_post_again

    article = draft_article(news_index)
    publish(article)
    article.title = "Habar (täzelendi)"
    with TestCase.captureOnCommitCallbacks(execute=True):
        revision = article.save_revision()
        request_post_again(revision)
        revision.publish()
    post = ChannelPost.objects.get()
    assert len(bot_api.requests) == 2
    assert bot_api.requests[1].fields["text"].startswith("<b>Habar (täzelendi)</b>")
    assert (post.state, post.message_id) == (PostState.POSTED, 102)
    assert not PostAgainRequest.objects.exists()

    publish(article)  # the next ordinary publish
    assert len(bot_api.requests) == 2
