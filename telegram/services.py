"""Telegram channel posts: what is posted, when it is queued, how the worker sends it.

Queueing. ``page_published_handler`` (Wagtail's ``page_published`` signal) writes the outbox row
in the publish's transaction, only when a news article, statement or campaign goes live for the
first time (``first_published_at == last_published_at``) or its editor chose "Publish and post
to Telegram again" (``PostAgainRequest``). Drafts and scheduled publishes send no signal until
they go live; translations reach it only when their review is approved (translations/). A page
with a view restriction (private) and a language without a channel queue nothing.

Sending exactly once. The worker claims a due row (state ``sending``, attempt time) in its own
transaction, calls the Bot API, and records the answer in another. Any failure before the API
accepted leaves a row to try again: 429 after Telegram's ``retry_after``, 5xx and lost
connections with back-off (``TELEGRAM_RETRY_ATTEMPTS``), other 4xx as failed with the API's
reason for moderators. The one case that can post twice is the one in flight: the API accepted
the post and the worker died (or the answer was lost) before the row said so. The row stays
``sending``; after ``TELEGRAM_SENDING_TIMEOUT_SECONDS`` it is tried again, and the post may then
appear twice, like the newsletter's one copy in doubt. No other path sends a row that is not due.
"""

import html
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from hhd_site.public_url import public_url

from . import bot_api
from .models import ChannelPost, PostAgainRequest, PostState

logger = logging.getLogger(__name__)

# The page types that are posted (app_label.ModelName, lower case as in content types).
POSTED_PAGE_TYPES = frozenset({"news.newspage", "news.statementpage", "campaigns.campaignpage"})
CAPTION_LIMIT = 1024  # sendPhoto's caption
MESSAGE_LIMIT = 4096  # sendMessage's text
ELLIPSIS = "…"
# The photo sent with a post: the main image, at most 1280 px, as JPEG (Telegram's photo formats).
PHOTO_FILTER = "max-1280x1280|format-jpeg|jpegquality-85"
# Rows the periodic job sends in one run (each call waits at most TELEGRAM_TIMEOUT_SECONDS).
DUE_BATCH = 20
INTERRUPTED = "interrupted while being sent on every attempt (it may have been posted)"


def channel_for(language: str) -> str:
    """The channel of a language, or "" when there is none or no bot token."""
    if not settings.TELEGRAM_BOT_TOKEN:
        return ""
    return settings.TELEGRAM_CHANNELS.get(language, "")


def is_posted_type(page) -> bool:
    return page.specific_class._meta.label_lower in POSTED_PAGE_TYPES


def post_url(channel: str, message_id: int) -> str:
    """The public link of a post in a channel with a @name; "" for a private (numeric) channel."""
    if channel.startswith("@"):
        return f"https://t.me/{channel[1:]}/{message_id}"
    return ""


# --- Queueing ------------------------------------------------------------------------------


def request_post_again(revision) -> None:
    """Remember that publishing ``revision`` should post the page again (used up by that publish)."""
    PostAgainRequest.objects.get_or_create(revision=revision)


def queue_post(page, revision=None) -> ChannelPost | None:
    """Write the outbox row for a page that has just been published, when it is to be posted.

    Returns the row that was queued, or None. Runs inside the publish's transaction when there
    is one; the task is enqueued when it commits (and the periodic job picks up the row if that
    enqueue is lost).
    """
    if not is_posted_type(page):
        return None  # every other page's publish costs no query here
    again = bool(revision is not None and PostAgainRequest.objects.filter(revision=revision).delete()[0])
    if not page.live:
        return None
    language = page.locale.language_code
    channel = channel_for(language)
    if not channel or page.get_view_restrictions().exists():
        return None
    first_time = page.first_published_at is not None and page.first_published_at == page.last_published_at
    with transaction.atomic():
        post = (
            ChannelPost.objects.select_for_update()
            .filter(page_id=page.pk, language=language, channel=channel)
            .first()
        )
        if post is None:
            if not (first_time or again):
                return None
            post = ChannelPost.objects.create(page_id=page.pk, language=language, channel=channel)
        elif again and post.state not in (PostState.PENDING, PostState.SENDING):
            previous = {"message_id": post.message_id, "state": post.state}
            _reset(post)
            log(page, "telegram.post_again", data={"channel": channel, "previous": previous})
        else:
            return None
        enqueue_on_commit(post.pk)
    return post


def page_published_handler(sender, instance, revision=None, **kwargs):
    """Wagtail's ``page_published``: queue the page's post if it is one to post."""
    queue_post(instance, revision)


def _reset(post: ChannelPost) -> None:
    post.state = PostState.PENDING
    post.attempts = 0
    post.next_attempt_at = timezone.now()
    post.attempt_started_at = None
    post.posted_at = None
    post.message_id = None
    post.post_url = ""
    post.error = ""
    post.save()


def enqueue_on_commit(post_id: int, run_after=None) -> None:
    from .tasks import send_post

    def enqueue():
        try:
            task = send_post
            if run_after is not None:
                if not task.get_backend().supports_defer:
                    return  # a backend without a queue (development): the periodic job sends it
                task = task.using(run_after=run_after)
            task.enqueue(post_id)
        except Exception:
            # The periodic job sends the row anyway (send_due_posts).
            logger.exception("telegram post #%s: could not enqueue; the periodic job will send it", post_id)

    transaction.on_commit(enqueue)


# --- What is posted -------------------------------------------------------------------------


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _escaped_within(text: str, budget: int) -> str:
    """``text`` escaped, cut (at a word when it can, with an ellipsis) so that it fits ``budget``."""
    escaped = html.escape(text, quote=True)
    if telegram_length(escaped) <= budget:
        return escaped
    if budget <= telegram_length(ELLIPSIS):
        return ""
    low, high = 0, len(text)
    while low < high:  # the longest prefix whose escaped form and the ellipsis fit
        middle = (low + high + 1) // 2
        if telegram_length(html.escape(text[:middle].rstrip(), quote=True) + ELLIPSIS) <= budget:
            low = middle
        else:
            high = middle - 1
    cut = text[:low]
    word_end = cut.rfind(" ")
    if word_end > low * 2 // 3:
        cut = cut[:word_end]
    return html.escape(cut.rstrip(), quote=True) + ELLIPSIS


def page_link(page) -> str:
    """The page's address on the public site (SITE_URL), with no tracking parameters."""
    return public_url(page.get_url(None) or page.url_path)


def page_summary(page) -> str:
    return (getattr(page, "summary", "") or getattr(page, "search_description", "") or "").strip()


def format_post(title: str, summary: str, link: str, limit: int) -> str:
    """The post in Telegram's HTML: the title in bold, the summary, the link; every text escaped.

    When it does not fit ``limit``, the summary is shortened first, then the title; the link never.
    """
    escaped_link = html.escape(link, quote=True)
    link_html = f'<a href="{escaped_link}">{escaped_link}</a>'
    frame = "<b></b>\n\n" + link_html
    title_html = _escaped_within(title.strip(), limit - telegram_length(frame))
    fixed = f"<b>{title_html}</b>\n\n" + link_html
    summary = summary.strip()
    if summary:
        summary_html = _escaped_within(summary, limit - telegram_length(fixed) - 2)
        if summary_html:
            return f"<b>{title_html}</b>\n\n{summary_html}\n\n{link_html}"
    return fixed


def main_image(page):
    return getattr(page, "image", None)


def photo_bytes(image) -> bytes:
    """The main image as a JPEG rendition, read from the media storage (uploaded to Telegram)."""
    rendition = image.get_rendition(PHOTO_FILTER)
    with rendition.file.open("rb") as file:
        return file.read()


# --- Sending --------------------------------------------------------------------------------


def retry_delay(attempt: int) -> timedelta:
    """Back-off after failed attempt number ``attempt``: 1, 2, 4 … minutes, up to the cap."""
    return timedelta(minutes=min(settings.TELEGRAM_RETRY_MAX_DELAY_MINUTES, 2 ** min(attempt - 1, 16)))


def due_filter(now) -> Q:
    """Rows to send now: waiting and due, or left being sent longer than the timeout."""
    stale = now - timedelta(seconds=settings.TELEGRAM_SENDING_TIMEOUT_SECONDS)
    return Q(state=PostState.PENDING, next_attempt_at__lte=now) | Q(
        state=PostState.SENDING, attempt_started_at__lt=stale
    )


def claim(post_id: int, now) -> ChannelPost | None:
    """Mark a due row as being sent (one worker only); None when it is not due or is taken."""
    with transaction.atomic():
        post = (
            ChannelPost.objects.select_for_update(skip_locked=True)
            .filter(due_filter(now), pk=post_id)
            .first()
        )
        if post is None:
            return None
        if post.state == PostState.SENDING and post.attempts >= settings.TELEGRAM_RETRY_ATTEMPTS:
            # Its workers kept dying: a moderator decides (it may have been posted).
            post.state = PostState.FAILED
            post.error = INTERRUPTED
            post.save(update_fields=["state", "error"])
            logger.error("telegram post #%s: interrupted on every attempt; left to moderators", post_id)
            return None
        if post.state == PostState.SENDING:
            logger.warning(
                "telegram post #%s: left being sent by a stopped worker; trying again (it may appear twice)",
                post_id,
            )
        post.state = PostState.SENDING
        post.attempts += 1
        post.attempt_started_at = now
        post.save(update_fields=["state", "attempts", "attempt_started_at"])
    return post


def _still_public(page) -> bool:
    return page.live and not page.get_view_restrictions().exists()


def send_post(post_id: int, *, clock=timezone.now) -> str:
    """Send one due post; returns its state afterwards ("" when it was not due).

    ``clock`` gives "now" (tests move it forward to reach retries).
    """
    post = claim(post_id, clock())
    if post is None:
        return ""
    page = post.page.specific
    if not _still_public(page):
        return _finish(post, PostState.SKIPPED, error="the page is no longer public")
    text_args = (page.title, page_summary(page), page_link(page))
    try:
        image = main_image(page)
        if image is not None:
            result = bot_api.call(
                "sendPhoto",
                {
                    "chat_id": post.channel,
                    "caption": format_post(*text_args, limit=CAPTION_LIMIT),
                    "parse_mode": "HTML",
                },
                files={"photo": ("photo.jpg", photo_bytes(image), "image/jpeg")},
            )
        else:
            result = bot_api.call(
                "sendMessage",
                {
                    "chat_id": post.channel,
                    "text": format_post(*text_args, limit=MESSAGE_LIMIT),
                    "parse_mode": "HTML",
                    "link_preview_options": {"is_disabled": False},
                },
            )
    except bot_api.BotApiError as error:
        return _after_error(post, error, clock())
    message_id = result.get("message_id") if isinstance(result, dict) else None
    record_posted(post, message_id, clock())
    return PostState.POSTED


def record_posted(post: ChannelPost, message_id, now) -> None:
    """Write down that Telegram accepted the post (the step a killed worker may miss)."""
    message_id = message_id if isinstance(message_id, int) else None
    ChannelPost.objects.filter(pk=post.pk).update(
        state=PostState.POSTED,
        posted_at=now,
        message_id=message_id,
        post_url=post_url(post.channel, message_id) if message_id else "",
        error="",
    )
    logger.info("telegram post #%s: posted", post.pk)


def _after_error(post: ChannelPost, error: bot_api.BotApiError, now) -> str:
    if error.kind == bot_api.PERMANENT:
        logger.error("telegram post #%s: refused (%s)", post.pk, error.detail)
        return _finish(post, PostState.FAILED, error=error.detail)
    if post.attempts >= settings.TELEGRAM_RETRY_ATTEMPTS:
        logger.error(
            "telegram post #%s: failed for good after %s attempts (%s)", post.pk, post.attempts, error
        )
        return _finish(post, PostState.FAILED, error=error.detail)
    if error.kind == bot_api.RETRY_AFTER:
        next_attempt = now + timedelta(seconds=error.retry_after or 0)
    else:
        next_attempt = now + retry_delay(post.attempts)
    ChannelPost.objects.filter(pk=post.pk).update(
        state=PostState.PENDING, next_attempt_at=next_attempt, error=error.detail[:300]
    )
    logger.warning(
        "telegram post #%s: not accepted (%s); attempt %s of %s, next at %s",
        post.pk,
        error.detail,
        post.attempts,
        settings.TELEGRAM_RETRY_ATTEMPTS,
        next_attempt.isoformat(),
    )
    with transaction.atomic():
        enqueue_on_commit(post.pk, run_after=next_attempt)
    return PostState.PENDING


def _finish(post: ChannelPost, state: str, error: str = "") -> str:
    ChannelPost.objects.filter(pk=post.pk).update(state=state, error=error[:300])
    return state


def send_due_posts(now=None) -> int:
    """Send every due row (the periodic job), so that no post waits on a lost task; returns how many."""
    now = now or timezone.now()
    sent = 0
    for post_id in (
        ChannelPost.objects.filter(due_filter(now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:DUE_BATCH]
    ):
        if send_post(post_id, clock=lambda: now):
            sent += 1
    return sent


# --- Moderators -----------------------------------------------------------------------------


def retry_post(post: ChannelPost, user) -> bool:
    """Send a failed or skipped post again now; False when it was not failed or skipped."""
    with transaction.atomic():
        post = ChannelPost.objects.select_for_update().get(pk=post.pk)
        if post.state not in (PostState.FAILED, PostState.SKIPPED):
            return False
        _reset(post)
        log(post.page, "telegram.retry", user=user, data={"channel": post.channel})
        enqueue_on_commit(post.pk)
    return True


def skip_post(post: ChannelPost, user) -> bool:
    """Give up a failed or waiting post: it is not sent; False when it was posted or being sent."""
    with transaction.atomic():
        post = ChannelPost.objects.select_for_update().get(pk=post.pk)
        if post.state not in (PostState.FAILED, PostState.PENDING):
            return False
        post.state = PostState.SKIPPED
        post.save(update_fields=["state"])
        log(post.page, "telegram.skip", user=user, data={"channel": post.channel})
    return True
