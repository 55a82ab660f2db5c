"""Campaign appeals that supporters sign, and their signatures.

A campaign is one CampaignPage per language, joined by wagtail-localize's translation key;
signatures belong to the campaign (the key), whichever language they were made in, so
the counter and the exports cover every language.
"""

import secrets

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from hhd_site.public_url import canonical_url
from home.admin_forms import PageForm
from safety.encryption import EncryptedTextField

from .countries import COUNTRIES, DEFAULT_COUNTRY

# Anonymous page views show a counter at most this old (the page cache and CDN lifetime).
COUNTER_CACHE_SECONDS = 60
PUBLIC_LIST_LENGTH = 10


class CampaignState(models.TextChoices):
    OPEN = "open", _("Open for signatures")
    CLOSED = "closed", _("Closed")
    DELIVERED = "delivered", _("Delivered to the addressee")


class CampaignPage(Page):
    """An appeal that supporters sign: the text, the goal, the state and the updates."""

    lead = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_(
            "One or two sentences under the title: what the appeal asks for. Also shown when the page "
            "is shared."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
        help_text=_("The image at the top of the page and when the page is shared."),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    addressee = models.CharField(
        _("addressee"),
        max_length=300,
        blank=True,
        help_text=_("To whom the appeal is addressed, e.g. 'To the President of Turkmenistan'."),
    )
    appeal = RichTextField(
        _("text of the appeal"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_("The text of the appeal with its demands, as it will be delivered."),
    )
    goal = models.PositiveIntegerField(
        _("signature goal"),
        default=10_000,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many confirmed signatures the campaign aims for. Visitors see the count against this goal."
        ),
    )
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Optional: after this moment the form closes by itself."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=CampaignState.choices,
        default=CampaignState.OPEN,
        help_text=_("Closed or delivered campaigns show a notice instead of the form."),
    )
    ended_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text=_("When the campaign stopped taking signatures.")
    )
    show_public_list = models.BooleanField(
        _("public list of signers"),
        default=False,
        help_text=_(
            "Show the latest signers who agreed to it, by first name and city only. Leave off when "
            "even that could put signers at risk."
        ),
    )
    email_subject = models.CharField(
        _("subject of the confirmation e-mail"),
        max_length=120,
        blank=True,
        help_text=_(
            "Optional neutral subject for the confirmation e-mail, e.g. 'Please confirm your e-mail "
            "address', so that a watched inbox does not show what was signed. Empty: a subject that "
            "names the campaign."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("keep signers' details (days)"),
        default=365,
        help_text=_(
            "Days after the campaign ends (deadline or closing) until the names, e-mails and cities "
            "of its signers are erased. Only the counts remain."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy policy"),
        help_text=_("The privacy policy that signers agree to; shown in the language of the visitor."),
    )

    base_form_class = PageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Main image")),
        MultiFieldPanel(
            [FieldPanel("addressee"), FieldPanel("appeal")],
            heading=_("The appeal"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("goal"), FieldPanel("deadline")]),
                FieldPanel("state"),
                FieldPanel("show_public_list"),
            ],
            heading=_("Signing"),
        ),
        InlinePanel("updates", heading=_("Campaign updates"), label=_("Update")),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("email_subject"), FieldPanel("privacy_page"), FieldPanel("retention_days")],
            heading=_("Signers' protection"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("addressee"),
        index.SearchField("appeal"),
    ]
    override_translatable_fields = [
        SynchronizedField("image"),
        SynchronizedField("goal"),
        SynchronizedField("deadline"),
        SynchronizedField("state"),
        SynchronizedField("show_public_list"),
        SynchronizedField("retention_days"),
        SynchronizedField("privacy_page"),
        TranslatableField("email_subject"),
    ]

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        permissions = [("export_signatures", _("Can see signature counts and export signatures"))]

    def save(self, *args, **kwargs):
        if self.state != CampaignState.OPEN and self.ended_at is None:
            self.ended_at = timezone.now()
        elif self.state == CampaignState.OPEN:
            self.ended_at = None
        return super().save(*args, **kwargs)

    @property
    def summary(self):
        """What link previews and search engines show (home.templatetags.site_meta)."""
        return self.lead

    @property
    def campaign_key(self):
        """What every language's page of this campaign shares (its signatures hang off it)."""
        return self.translation_key

    def is_open(self, now=None) -> bool:
        """Whether the form takes signatures now: open state and the deadline not passed."""
        now = now or timezone.now()
        return self.state == CampaignState.OPEN and (self.deadline is None or now < self.deadline)

    def end(self):
        """When the campaign stopped taking signatures (closing or deadline), or None if it has not."""
        if self.ended_at:
            return self.ended_at
        if self.deadline and self.deadline <= timezone.now():
            return self.deadline
        return None

    def get_context(self, request, *args, **kwargs):
        from . import services
        from .forms import SignatureForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", SignatureForm(initial={"country": DEFAULT_COUNTRY}))
        context["signature_count"] = services.confirmed_count(self)
        context["signing_open"] = self.is_open()
        context["updates"] = list(self.updates.all())
        context["public_signers"] = services.public_signers(self) if self.show_public_list else []
        privacy = self.privacy_page.localized if self.privacy_page_id else None
        context["privacy_page"] = privacy if privacy is not None and privacy.live else None
        context["share_url"] = canonical_url(request, self)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.page_cache_seconds = COUNTER_CACHE_SECONDS
        return response


class CampaignUpdate(TranslatableMixin, Orderable):
    """A dated entry in a campaign's story, e.g. "delivered to the consulate in Istanbul"."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("The date of the event. Today by default.")
    )
    text = models.TextField(
        _("text"), max_length=1000, help_text=_("What happened, in one or two sentences.")
    )

    panels = [FieldPanel("date"), FieldPanel("text")]
    override_translatable_fields = [SynchronizedField("date"), TranslatableField("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("campaign update")
        ordering = ["-date", "sort_order"]

    def __str__(self):
        return f"{self.date}: {self.text[:40]}"


def new_nonce():
    return secrets.token_urlsafe(12)


class Signature(models.Model):
    """One person's signature under a campaign, counted once it is confirmed by e-mail.

    Personal fields are encrypted at rest (docs/data-protection.md); duplicates are found through the
    keyed digest of the normalised e-mail, which a database constraint keeps unique per
    campaign. After the campaign's retention period the personal fields are erased and
    the row stays only to be counted.
    """

    campaign_key = models.UUIDField(db_index=True, help_text=_("The campaign (all its languages)."))
    language = models.CharField(max_length=8, help_text=_("The language of mail to the signer."))
    # Why each personal field is kept: the name is what the addressee receives; the e-mail
    # confirms the signature and lets the signer withdraw it; the city is optional and
    # shown only when the signer agrees.
    full_name = EncryptedTextField(help_text=_("Encrypted."))
    email = EncryptedTextField(help_text=_("Encrypted."))
    # NULL once anonymised: NULLs never collide under the unique constraint below.
    email_digest = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, help_text=_("Keyed hash.")
    )
    country = models.CharField(max_length=2, choices=COUNTRIES, default=DEFAULT_COUNTRY)
    city = EncryptedTextField(blank=True, help_text=_("Encrypted."))
    show_publicly = models.BooleanField(default=False)
    wants_newsletter = models.BooleanField(default=False)
    consent_version = models.CharField(max_length=40, help_text=_("Which consent wording was agreed to."))
    nonce = models.CharField(max_length=24, default=new_nonce, help_text=_("Ties links to this row."))
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_key", "email_digest"], name="campaigns_one_signature_per_address"
            ),
        ]
        indexes = [
            models.Index(fields=["campaign_key", "confirmed_at"], name="campaigns_sig_confirmed"),
        ]

    def __str__(self):
        # Never the name or address: this string can reach logs and the admin.
        return f"Signature #{self.pk}"

    @property
    def first_name(self) -> str:
        return self.full_name.split()[0] if self.full_name.strip() else ""
