"""Home page, standard pages and the organisation's contact details."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Subquery, Value, When
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from safety.validators import SIGNAL_USERNAME, TELEGRAM_USERNAME, is_phone_number

from .admin_forms import PageForm
from .blocks import BodyBlock
from .listings import latest_lists


class HomePage(Page):
    """The front page of one language of the site (one per locale)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences under the title: who HHD is and what it does."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("content"),
        help_text=_("The rest of the front page: text, headings, images, videos and buttons."),
    )
    featured_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured page"),
        help_text=_(
            "Optional: an article, statement or appeal shown at the top of the front page. "
            "Its translation is shown when there is one."
        ),
    )

    base_form_class = PageForm
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 4  # one per language

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("featured_page", heading=_("Featured")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    override_translatable_fields = [SynchronizedField("featured_page")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: a cached copy of the home page's content (caching.templatetags) needs no query.
        items = SimpleLazyObject(self.featured_and_latest)
        for name in ("featured", *latest_lists()):
            context[name] = SimpleLazyObject(lambda name=name: items[name])
        return context

    def featured_and_latest(self):
        """The featured page in this language (or None) and the newest pages of each list
        (home.listings)."""

        def latest(model):
            return list(
                model.objects.live()
                .filter(locale_id=self.locale_id)
                .select_related("image")
                .order_by("-date", "-pk")[:3]
            )

        featured = None
        if self.featured_page_id:
            # The editor may have chosen the page in another language: show this language's
            # version when it is live, else the chosen page (Page.localized), in one query.
            chosen = Page.objects.filter(pk=self.featured_page_id).values("translation_key")[:1]
            page = (
                Page.objects.filter(
                    Q(pk=self.featured_page_id)
                    | Q(live=True, locale_id=self.locale_id, translation_key=Subquery(chosen))
                )
                .order_by(Case(When(pk=self.featured_page_id, then=Value(1)), default=Value(0)))
                .first()
            )
            featured = page.specific if page is not None and page.live else None
        items = {"featured": featured}
        for name, model in latest_lists().items():
            items[name] = [item for item in latest(model) if item != featured]
        return items


class StandardPage(Page):
    """A plain content page: About HHD, Privacy policy and the like."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("A short summary shown under the title and in search results."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("content"),
        help_text=_("The text of the page, with headings, images, quotes, buttons, documents and videos."),
    )

    base_form_class = PageForm
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


def validate_signal_contact(value):
    if not (is_phone_number(value) or SIGNAL_USERNAME.match(value)):
        raise ValidationError(
            _("Write a phone number with the country code or a Signal username, e.g. hhd.01.")
        )


def validate_telegram_contact(value):
    if not TELEGRAM_USERNAME.match(value):
        raise ValidationError(_("Write the Telegram username, e.g. @hakhukugadayanc."))


def validate_phone_number(value):
    if not is_phone_number(value):
        raise ValidationError(_("Write a phone number with the country code, e.g. +90 555 123 45 67."))


class OrganisationDetails(TranslatableMixin, models.Model):
    """The organisation's name, address and channels, shown in every page's footer.

    One record per language: the name and address are translated, the e-mail
    address and social handles are the same in every language (synchronised).
    """

    name = models.CharField(
        _("organisation name"),
        max_length=120,
        default="Hak Hukuga Daýanç",
        help_text=_("The organisation's name as shown in the header and footer."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=160,
        blank=True,
        help_text=_("A few words under the name, e.g. 'Reliance on Rights and Law'."),
    )
    address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_("A postal address line; only the city if the full address must not be public."),
    )
    email = models.EmailField(
        _("e-mail address"),
        help_text=_("The public contact e-mail address, shown to every visitor. Copied to every language."),
    )
    youtube_handle = models.CharField(
        _("YouTube channel"),
        max_length=80,
        blank=True,
        help_text=_("YouTube handle with @, e.g. @hakhukugadayanc7641."),
    )
    tiktok_handle = models.CharField(
        _("TikTok account"),
        max_length=80,
        blank=True,
        help_text=_("TikTok handle with @, e.g. @hakhukugadayanc."),
    )
    # The ways to reach HHD that the help page offers when it cannot take a request, safest first
    # (Signal, Telegram, phone, then the e-mail address).
    signal = models.CharField(
        _("Signal number or username"),
        max_length=40,
        blank=True,
        validators=[validate_signal_contact],
        help_text=_(
            "Signal phone number or username, e.g. +90 555 123 45 67 or hhd.01. Offered first to people "
            "who ask for help. Leave empty if HHD does not use Signal."
        ),
    )
    telegram = models.CharField(
        _("Telegram username"),
        max_length=40,
        blank=True,
        validators=[validate_telegram_contact],
        help_text=_(
            "Telegram username with @, e.g. @hakhukugadayanc. Leave empty if HHD does not use Telegram."
        ),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=40,
        blank=True,
        validators=[validate_phone_number],
        help_text=_("A phone number that someone answers, with the country code, e.g. +90 555 123 45 67."),
    )

    panels = [
        HelpPanel(
            content=_(
                "These details appear in the footer of every page of this language. "
                "The e-mail address and the handles are copied to every language."
            )
        ),
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("tagline"), FieldPanel("address")], heading=_("Name and address")
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("signal"),
                FieldPanel("telegram"),
                FieldPanel("phone"),
                FieldPanel("youtube_handle"),
                FieldPanel("tiktok_handle"),
            ],
            heading=_("Channels"),
        ),
    ]
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("tagline"),
        TranslatableField("address"),
        SynchronizedField("email"),
        SynchronizedField("youtube_handle"),
        SynchronizedField("tiktok_handle"),
        SynchronizedField("signal"),
        SynchronizedField("telegram"),
        SynchronizedField("phone"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation details")
        verbose_name_plural = _("organisation details")

    def __str__(self):
        return f"{self.name} ({self.locale})"

    @property
    def youtube_url(self):
        return f"https://www.youtube.com/{self.youtube_handle}" if self.youtube_handle else ""

    @property
    def tiktok_url(self):
        return f"https://www.tiktok.com/{self.tiktok_handle}" if self.tiktok_handle else ""

    @property
    def signal_url(self):
        """Signal's link for a phone number (a username's link needs the app's own encoding)."""
        return (
            f"https://signal.me/#p/{self.phone_digits(self.signal)}" if is_phone_number(self.signal) else ""
        )

    @property
    def telegram_url(self):
        return f"https://t.me/{self.telegram.lstrip('@')}" if self.telegram else ""

    @property
    def phone_url(self):
        return f"tel:{self.phone_digits(self.phone)}" if self.phone else ""

    @staticmethod
    def phone_digits(number):
        """+ and the digits of a phone number, as links take it."""
        return ("+" if number.strip().startswith("+") else "") + "".join(filter(str.isdigit, number))

    @classmethod
    def for_language(cls, language_code):
        """The details in the given language, else in the default language, else any.

        Kept in the shared cache until something is published or changed.
        """
        from caching.generation import cached_fragment

        def build():
            records = list(cls.objects.select_related("locale").order_by("pk"))
            by_language = {record.locale.language_code: record for record in records}
            return (
                by_language.get(language_code) or by_language.get("tk") or (records[0] if records else None)
            )

        return cached_fragment(f"organisation:{language_code}", build)
