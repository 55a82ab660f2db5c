"""Newsletter subscribers, the issues editors send them, and the record of every delivery.

A subscriber is one e-mail address with the language they read in. The address is
encrypted at rest and found through its keyed digest; nothing else about the person is
kept. An issue is written for one language and sent in batches; each ``Delivery`` row
says whether that subscriber's copy went out, so a stopped sender resumes where it
stopped without sending anyone a second copy.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PreviewableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.admin_forms import PageForm
from safety.encryption import EncryptedTextField

ARTICLE_PAGE_TYPES = ["news.NewsPage", "news.StatementPage"]


def new_token_nonce() -> str:
    """A random value signed into every link of one subscriber (see ``Subscriber.token_nonce``)."""
    return secrets.token_urlsafe(12)


class Subscriber(models.Model):
    """One e-mail address that asked for the newsletter, in one language.

    Unconfirmed until the double opt-in link is used; unconfirmed rows are deleted after
    ``UNCONFIRMED_RETENTION_DAYS`` (newsletter.retention), and unsubscribing deletes the row.
    """

    email = EncryptedTextField(
        help_text=_("The address the newsletter is sent to. Encrypted at rest; needed to send the mail.")
    )
    email_digest = models.CharField(
        max_length=64,
        editable=False,
        help_text=_(
            "A keyed fingerprint of the address, so that a second request for the same address "
            "is recognised without decrypting any row."
        ),
    )
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the subscriber reads the newsletter in."),
    )
    consent_version = models.CharField(
        max_length=40,
        help_text=_("The version of the consent wording the subscriber agreed to, as proof of consent."),
    )
    source = models.CharField(
        max_length=20,
        default="form",
        help_text=_("Where the request came from, e.g. 'form' or 'campaign' (no personal data)."),
    )
    created_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the address was first submitted.")
    )
    requested_at = models.DateTimeField(
        default=timezone.now,
        help_text=_(
            "When the address was last submitted; an unconfirmed request expires counting from here."
        ),
    )
    confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the subscriber confirmed through the link in the e-mail; empty until then."),
    )
    token_nonce = models.CharField(
        max_length=32,
        default=new_token_nonce,
        editable=False,
        help_text=_(
            "A random value signed into this subscriber's links, so that links of a deleted and "
            "re-created subscription no longer work."
        ),
    )

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        constraints = [
            models.UniqueConstraint(fields=["email_digest"], name="newsletter_subscriber_unique_email"),
        ]
        indexes = [models.Index(fields=["language", "confirmed_at"], name="newsletter_sub_lang_confirmed")]
        permissions = [("export_subscriber", _("Can export and delete newsletter subscribers"))]

    def __str__(self):
        # Never the address: this string reaches admin pages and logs.
        return gettext("Subscriber %(number)s") % {"number": self.pk}

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class PauseReason(models.TextChoices):
    """Why a send waits: what the admin shows, without the server's text (it may quote an address)."""

    REFUSED = "refused", _("temporary refusal by the mail server")
    UNREACHABLE = "unreachable", _("the mail server could not be reached")


class NewsletterIssueQuerySet(models.QuerySet):
    def with_progress(self):
        """Annotate each issue with its sent, failed and left deliveries (one query for the list)."""
        return self.annotate(
            sent_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
            failed_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
            left_count=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]),
            ),
        )


class NewsletterIssue(PreviewableMixin, ClusterableModel):
    """One newsletter written for the subscribers of one language: a subject, an introduction
    and links to news articles and statements (chosen, or everything published since the last issue).

    Editors write and preview it; Moderators and Administrators (``send_newsletterissue``)
    send it. Once sending starts the content is frozen in ``sent_html`` / ``sent_text``.
    """

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The issue goes to the confirmed subscribers who read in this language."),
    )
    subject = models.CharField(
        _("subject"),
        max_length=150,
        help_text=_(
            "The e-mail's subject line. Anyone who watches a subscriber's inbox can read it: keep it calm "
            "and general."
        ),
    )
    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text=_("A few sentences at the top of the e-mail, in the issue's language."),
    )
    include_new_articles = models.BooleanField(
        _("add new articles automatically"),
        default=False,
        help_text=_(
            "Add every news article and statement published in this language since the last issue "
            "was sent (or in the last 30 days, for the first issue)."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=IssueStatus.choices,
        default=IssueStatus.DRAFT,
        editable=False,
        help_text=_("Draft until someone sends it; sent when every delivery is done."),
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False, help_text=_("When it was created.")
    )
    send_requested_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("When sending was started; the subscribers confirmed by then receive it."),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
        help_text=_("Who started sending."),
    )
    finished_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text=_("When the last delivery was done.")
    )
    articles_since = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("The cut-off used for 'everything published since the last issue' when it was sent."),
    )
    audience_ready = models.BooleanField(
        default=False,
        editable=False,
        help_text=_("Whether a delivery row exists for every recipient (made by the first sending run)."),
    )
    paused_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "While the mail server refuses for now (or cannot be reached), sending waits until this "
            "time instead of spending the copies' attempts."
        ),
    )
    pause_reason = models.CharField(
        max_length=20,
        blank=True,
        editable=False,
        choices=PauseReason.choices,
        help_text=_("Why sending is paused (never an address)."),
    )
    pauses = models.PositiveSmallIntegerField(
        default=0,
        editable=False,
        help_text=_("Pauses in a row without a copy accepted in between; each one waits longer."),
    )
    sent_html = models.TextField(blank=True, editable=False, help_text=_("The body as sent (HTML)."))
    sent_text = models.TextField(blank=True, editable=False, help_text=_("The body as sent (plain text)."))

    objects = NewsletterIssueQuerySet.as_manager()

    panels = [
        HelpPanel(
            content=_(
                "Write the issue in one language, check it with 'Preview' and 'Send a test to myself' "
                "(on the issue's status page), then a Moderator or Administrator sends it."
            )
        ),
        MultiFieldPanel([FieldPanel("language"), FieldPanel("subject")], heading=_("Language and subject")),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                InlinePanel(
                    "articles",
                    label=_("Article"),
                    heading=_("Chosen articles and statements"),
                    help_text=_("In the order they should appear."),
                ),
                FieldPanel("include_new_articles"),
            ],
            heading=_("Articles"),
        ),
    ]
    preview_modes = [("", _("HTML e-mail")), ("text", _("Plain text"))]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at", "-pk"]
        permissions = [("send_newsletterissue", _("Can send newsletter issues"))]

    def __str__(self):
        return f"{self.subject} ({self.language})"

    @property
    def is_draft(self) -> bool:
        return self.status == IssueStatus.DRAFT

    @property
    def is_paused(self) -> bool:
        """Sending waits for the mail server (``paused_until`` is still ahead)."""
        return self.status == IssueStatus.SENDING and bool(
            self.paused_until and self.paused_until > timezone.now()
        )

    def clean(self):
        super().clean()
        # What subscribers received must stay what the admin shows.
        if self.pk and not self.is_draft:
            raise ValidationError(
                _("This issue is being sent or has been sent; it can no longer be changed.")
            )

    def progress(self) -> dict:
        """Sent, failed and left deliveries; uses ``with_progress()`` annotations when present."""
        if hasattr(self, "sent_count"):
            return {"sent": self.sent_count, "failed": self.failed_count, "left": self.left_count}
        return self.deliveries.aggregate(
            sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
            failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
            left=Count("pk", filter=Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING])),
        )

    def serve_preview(self, request, mode_name):
        """The e-mail as a subscriber will see it, rendered in the browser (HTML or plain text)."""
        from .mail import preview_response

        return preview_response(self, plain_text=mode_name == "text")


class NewsletterIssueArticle(Orderable):
    """A news article or statement an editor chose for an issue, in the editor's order."""

    issue = ParentalKey(NewsletterIssue, on_delete=models.CASCADE, related_name="articles")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
        help_text=_(
            "A news article or statement. One in another language is replaced by its translation in "
            "the issue's language, when that is live."
        ),
    )

    panels = [PageChooserPanel("page", ARTICLE_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("article of an issue")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """One subscriber's copy of one issue: waiting, being sent, sent or failed.

    Unique per issue and subscriber, so the audience of an issue can be written twice
    without doubling anyone. Unsubscribing deletes the subscriber and leaves the row
    (without a subscriber) for the counts.
    """

    issue = models.ForeignKey(
        NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries", help_text=_("The issue.")
    )
    subscriber = models.ForeignKey(
        Subscriber,
        null=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        help_text=_("The recipient; empty once they unsubscribed."),
    )
    status = models.CharField(
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        help_text=_("Where this copy is."),
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text=_("How many times sending was tried."))
    next_attempt_at = models.DateTimeField(
        default=timezone.now, help_text=_("Not tried again before this time (back-off after a failure).")
    )
    sent_at = models.DateTimeField(null=True, blank=True, help_text=_("When the mail server accepted it."))
    error = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Why the last attempt failed: the mail server's code and reason, never an address."),
    )
    resent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "When a moderator had this failed copy sent again ('send to those who missed it'); "
            "a copy is sent again once at most."
        ),
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_unique_recipient"
            ),
        ]
        indexes = [
            models.Index(fields=["issue", "status", "next_attempt_at"], name="newsletter_delivery_due")
        ]

    def __str__(self):
        return f"{self.issue_id}/{self.pk}: {self.status}"


class NewsletterPage(Page):
    """The page of its own where visitors subscribe to the newsletter (one per language).

    The form posts to ``newsletter:subscribe``; the page itself is cached and carries
    nothing per visitor.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=800,
        help_text=_("Above the form: what the newsletter is, how often it comes, and in which languages."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy policy"),
        help_text=_("Optional: the privacy policy, linked under the form."),
    )

    base_form_class = PageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("privacy_page")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    override_translatable_fields = [SynchronizedField("privacy_page")]

    class Meta:
        verbose_name = _("newsletter page")

    def get_context(self, request, *args, **kwargs):
        from .forms import SubscribeForm

        context = super().get_context(request, *args, **kwargs)
        context["form"] = SubscribeForm()  # the language defaults to the page's
        # The footer offers the same form; one on the page is enough.
        context["hide_footer_subscribe"] = True
        context["privacy_page"] = self.localized_privacy_page()
        return context

    def localized_privacy_page(self):
        """The live privacy policy in this page's language (one query), else the one chosen, else None."""
        if not self.privacy_page_id:
            return None
        chosen = Page.objects.filter(pk=self.privacy_page_id).values("translation_key")
        pages = Page.objects.live().filter(translation_key__in=chosen)
        return pages.filter(locale_id=self.locale_id).first() or pages.filter(pk=self.privacy_page_id).first()
