"""The outbox of Telegram channel posts: one row per page, language and channel.

A row is written when a page goes live for the first time in a language (or when the editor
chose "Publish and post to Telegram again"), in the transaction of that publish, and the
worker sends it (telegram.services). The row's state says where the post is; the unique
(page, language, channel) is what keeps a page from being posted twice by accident.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MANAGE_POSTS = "telegram.manage_channelpost"
VIEW_POSTS = "telegram.view_channelpost"


class PostState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    POSTED = "posted", _("Posted")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


class ChannelPost(models.Model):
    """One page's post to one language's channel: waiting, being sent, posted, failed or skipped.

    No personal data: a page, a language, a public channel's name and what the Bot API answered.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("The news article, statement or campaign that is posted."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("The page's language; the post goes to this language's channel."),
    )
    channel = models.CharField(
        _("channel"), max_length=100, help_text=_("The Telegram channel, e.g. @hhd_tk.")
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=PostState.choices,
        default=PostState.PENDING,
        help_text=_("Where the post is."),
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("How many times sending was tried.")
    )
    next_attempt_at = models.DateTimeField(
        default=timezone.now, help_text=_("Not tried again before this time (back-off after a failure).")
    )
    attempt_started_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the last attempt started; a post left being sent for too long is tried again."),
    )
    posted_at = models.DateTimeField(
        _("posted"), null=True, blank=True, help_text=_("When Telegram accepted the post.")
    )
    message_id = models.BigIntegerField(
        null=True, blank=True, help_text=_("The post's number in the channel, as Telegram gave it.")
    )
    post_url = models.URLField(
        _("link to the post"),
        blank=True,
        help_text=_("The post's public address (for channels with a public @name)."),
    )
    error = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("Why the last attempt failed, as the Bot API said it."),
    )
    created_at = models.DateTimeField(
        _("queued"), default=timezone.now, help_text=_("When the post was queued.")
    )

    class Meta:
        verbose_name = _("Telegram post")
        verbose_name_plural = _("Telegram posts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "channel"], name="telegram_post_unique_page_language_channel"
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="telegram_post_due")]
        permissions = [("manage_channelpost", _("Can retry or skip Telegram posts"))]

    def __str__(self):
        return f"{self.page_id}/{self.language}/{self.channel}: {self.state}"


class PostAgainRequest(models.Model):
    """The editor chose "Publish and post to Telegram again" for this revision.

    Kept by revision, not by request, so that a publish scheduled for later posts again when it
    goes live; it is used up (deleted) by that publish.
    """

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("request to post again")

    def __str__(self):
        return f"revision {self.revision_id}"
