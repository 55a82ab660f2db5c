"""How the worker sends a post: 429 waits for Telegram's retry_after, 5xx and lost connections
are tried again with back-off, other refusals fail with the reason, and a worker killed after
Telegram accepted the post is the one case that may post twice."""

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone
from wagtail_factories import ImageFactory

from telegram import services
from telegram.models import ChannelPost, PostState
from telegram.services import CAPTION_LIMIT, send_due_posts, send_post, telegram_length

from .conftest import draft_article, publish

pytestmark = pytest.mark.django_db


def later(seconds):
    return timezone.now() + datetime.timedelta(seconds=seconds)


def test_an_article_with_a_main_image_is_sent_as_a_photo_with_a_caption_within_1024(bot_api, news_index):
    image = ImageFactory(title="Surat")
    article = draft_article(news_index, image=image, summary="Uzyn mazmun & <möhüm> " * 200)
    publish(article)

    request = bot_api.requests[0]
    assert request.method == "sendPhoto"
    assert request.fields["chat_id"] == "@hhd_tk"
    assert request.fields["parse_mode"] == "HTML"
    caption = request.fields["caption"]
    assert telegram_length(caption) <= CAPTION_LIMIT
    assert caption.endswith(
        f'<a href="https://hhd.example{article.url}">https://hhd.example{article.url}</a>'
    )
    # The bytes of a JPEG rendition are uploaded: Telegram never fetches anything from the site.
    assert request.files["photo"][:3] == b"\xff\xd8\xff"
    assert ChannelPost.objects.get().state == PostState.POSTED


def test_429_waits_for_telegrams_retry_after_and_then_posts(bot_api, news_index):
    bot_api.answers = [bot_api.too_many(retry_after=42)]
    before = timezone.now()
    publish(draft_article(news_index))

    post = ChannelPost.objects.get()
    assert post.state == PostState.PENDING
    assert post.error == "HTTP 429: Too Many Requests: retry after 42"
    waited = (post.next_attempt_at - before).total_seconds()
    assert 42 <= waited < 52
    assert send_due_posts(now=later(30)) == 0  # not before Telegram said
    assert len(bot_api.requests) == 1

    assert send_due_posts(now=later(60)) == 1
    post.refresh_from_db()
    assert post.state == PostState.POSTED
    assert len(bot_api.requests) == 2


def test_5xx_is_tried_again_with_back_off_and_then_fails_with_the_reason(bot_api, news_index, settings):
    settings.TELEGRAM_RETRY_ATTEMPTS = 3
    bot_api.answers = [bot_api.server_error()] * 3
    publish(draft_article(news_index))
    post = ChannelPost.objects.get()
    assert (post.state, post.attempts) == (PostState.PENDING, 1)
    first_wait = post.next_attempt_at

    assert send_post(post.pk, clock=lambda: later(30)) == ""  # the back-off (a minute) is not over
    assert send_post(post.pk, clock=lambda: later(61)) == PostState.PENDING
    post.refresh_from_db()
    assert post.attempts == 2
    assert post.next_attempt_at - later(61) > datetime.timedelta(seconds=110)  # then two minutes
    assert post.next_attempt_at > first_wait

    assert send_post(post.pk, clock=lambda: later(400)) == PostState.FAILED
    post.refresh_from_db()
    assert (post.state, post.attempts, post.error) == (PostState.FAILED, 3, "HTTP 500: Internal Server Error")
    assert len(bot_api.requests) == 3
    assert send_due_posts(now=later(100_000)) == 0  # a failed post waits for a moderator


def test_5xx_then_success_posts_once(bot_api, news_index):
    bot_api.answers = [bot_api.server_error()]
    publish(draft_article(news_index))
    assert send_due_posts(now=later(120)) == 1
    post = ChannelPost.objects.get()
    assert (post.state, post.attempts) == (PostState.POSTED, 2)
    assert len(bot_api.requests) == 2


def test_an_unreachable_api_is_tried_again(bot_api, news_index, settings):
    settings.TELEGRAM_API_BASE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    publish(draft_article(news_index))
    post = ChannelPost.objects.get()
    assert post.state == PostState.PENDING
    assert post.error.startswith("no answer (")


def test_another_refusal_fails_at_once_with_the_reason_for_moderators(bot_api, news_index):
    bot_api.answers = [bot_api.bad_request("Bad Request: chat not found")]
    publish(draft_article(news_index))
    post = ChannelPost.objects.get()
    assert (post.state, post.attempts, post.error) == (
        PostState.FAILED,
        1,
        "HTTP 400: Bad Request: chat not found",
    )
    assert send_due_posts(now=later(100_000)) == 0


def test_a_posted_row_is_never_sent_again(bot_api, news_index):
    publish(draft_article(news_index))
    post = ChannelPost.objects.get()
    assert send_post(post.pk) == ""
    assert send_due_posts(now=later(100_000)) == 0
    assert len(bot_api.requests) == 1


def test_a_lost_enqueue_is_made_good_by_the_periodic_job(bot_api, news_index):
    article = draft_article(news_index)
    # The publish commits, but its task never reaches the queue (no on-commit callbacks run).
    with TestCase.captureOnCommitCallbacks(execute=False):
        article.save_revision().publish()
    assert bot_api.requests == []
    assert send_due_posts() == 1
    assert ChannelPost.objects.get().state == PostState.POSTED


def test_a_worker_killed_after_telegram_accepted_may_post_that_one_twice_after_the_timeout(
    bot_api, news_index, monkeypatch, settings
):
    """The documented in-flight case: the API accepted, the worker died before recording it."""
    settings.TELEGRAM_SENDING_TIMEOUT_SECONDS = 300

    def killed(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(services, "record_posted", killed)
    publish(draft_article(news_index))  # the task dies (the immediate backend records it as failed)
    post = ChannelPost.objects.get()
    assert post.state == PostState.SENDING
    assert len(bot_api.requests) == 1  # Telegram has the post

    monkeypatch.undo()
    # Other workers and the periodic job leave it alone while it could still be in flight …
    assert send_due_posts(now=later(60)) == 0
    assert send_post(post.pk) == ""
    assert len(bot_api.requests) == 1
    # … and send it again once the timeout says its worker is gone: the one possible duplicate.
    assert send_due_posts(now=later(301)) == 1
    post.refresh_from_db()
    assert (post.state, post.attempts) == (PostState.POSTED, 2)
    assert len(bot_api.requests) == 2
    assert send_due_posts(now=later(100_000)) == 0  # and never a third time


def test_a_page_unpublished_before_its_post_went_out_is_skipped(bot_api, news_index):
    article = draft_article(news_index)
    with TestCase.captureOnCommitCallbacks(execute=False):
        article.save_revision().publish()
    article.refresh_from_db()
    article.unpublish()
    assert send_due_posts() == 1
    post = ChannelPost.objects.get()
    assert (post.state, post.error) == (PostState.SKIPPED, "the page is no longer public")
    assert bot_api.requests == []


def test_a_post_whose_workers_die_on_every_attempt_is_left_to_moderators(bot_api, news_index, settings):
    settings.TELEGRAM_RETRY_ATTEMPTS = 2
    article = draft_article(news_index)
    with TestCase.captureOnCommitCallbacks(execute=False):
        article.save_revision().publish()
    post = ChannelPost.objects.get()
    # Two attempts that died while being sent (claimed, never answered).
    services.claim(post.pk, timezone.now())
    services.claim(post.pk, later(301))
    assert send_due_posts(now=later(700)) == 0
    post.refresh_from_db()
    assert (post.state, post.attempts, post.error) == (PostState.FAILED, 2, services.INTERRUPTED)
    assert bot_api.requests == []
