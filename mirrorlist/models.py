"""The list of mirror addresses (a translatable snippet) and the mirrors page that shows it."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.admin_forms import PageForm

from . import onion


class MirrorAddress(TranslatableMixin, models.Model):
    """One address where a copy of the site can be read when the site itself is blocked.

    The address, kind, order and whether it is shown are the same in every language
    (synchronised); the note is translated.
    """

    BUCKET = "bucket"
    GIT_PAGES = "git-pages"
    ONION = "onion"
    OTHER = "other"
    KINDS = [
        (BUCKET, _("Storage bucket")),
        (GIT_PAGES, _("Git pages")),
        (ONION, _("Onion service (Tor Browser)")),
        (OTHER, _("Other")),
    ]

    address = models.URLField(
        _("address"),
        max_length=400,
        help_text=_("The full address of the copy, e.g. https://storage.googleapis.com/bucket/index.html."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=KINDS,
        default=OTHER,
        help_text=_("Where the copy is kept; readers see it beside the address."),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Optional, shown beside the address, e.g. 'Works without a VPN in most regions'."),
    )
    sort_order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first.")
    )
    active = models.BooleanField(
        _("shown"),
        default=True,
        help_text=_("Untick to stop listing an address that is blocked or gone, without deleting it."),
    )

    panels = [
        FieldPanel("address"),
        FieldPanel("kind"),
        FieldPanel("note"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]
    override_translatable_fields = [
        SynchronizedField("address"),
        SynchronizedField("kind"),
        TranslatableField("note"),
        SynchronizedField("sort_order"),
        SynchronizedField("active"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("mirror address")
        verbose_name_plural = _("mirror addresses")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.address

    @classmethod
    def current(cls, language=None):
        """The addresses to list in a language, in order, with one query: each address in that
        language, or in the site's default language when it has not been translated yet."""
        language = language or translation.get_language()
        preference = {language: 0, settings.LANGUAGE_CODE: 1}
        chosen = {}
        for mirror in cls.objects.select_related("locale"):
            rank = preference.get(mirror.locale.language_code, 2)
            if mirror.translation_key not in chosen or rank < chosen[mirror.translation_key][0]:
                chosen[mirror.translation_key] = (rank, mirror)
        chosen = {key: mirror for key, (_rank, mirror) in chosen.items()}
        mirrors = [mirror for mirror in chosen.values() if mirror.active]
        return sorted(mirrors, key=lambda mirror: (mirror.sort_order, mirror.pk))


def onion_address():
    """``http://….onion/`` of the site's onion service, or "" without one."""
    address = getattr(settings, "ONION_ADDRESS", "")
    return f"http://{onion.normalise(address)}/" if address else ""


class MirrorsPage(Page):
    """Where readers find the copies of the site and how to check one is genuine (one per language)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=1200,
        help_text=_("Above the list: why the copies exist and when to use them."),
    )

    base_form_class = PageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("mirrors page")

    def get_context(self, request, *args, **kwargs):
        from mirrors import signing

        context = super().get_context(request, *args, **kwargs)
        context["mirrors"] = MirrorAddress.current()
        context["onion_address"] = onion_address()
        if signing.is_configured():
            context["public_key"] = signing.public_key_text()
            context["fingerprint"] = signing.fingerprint()
        return context


def mirrors_page_url(language=None):
    """The path of the mirrors page in a language (or the default language's), or ""."""
    language = language or translation.get_language()
    pages = {
        page.locale.language_code: page
        for page in MirrorsPage.objects.live().select_related("locale").only("url_path", "locale")
    }
    page = pages.get(language) or pages.get(settings.LANGUAGE_CODE)
    return page.get_url() if page is not None else ""
