"""The translation status report (Reports → Translation status), and wagtail-localize's own
Translations report for the same people."""

from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, Table, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail_localize.views.report import TranslationsReportView as LocalizeTranslationsReportView

from .models import VIEW_TRANSLATION_STATUS
from .status import PageStatus, SnippetStatus, ordered_locales


class StatusColumn(Column):
    """One language's column: the status tag and a link to act on it."""

    cell_template_name = "translations/status_cell.html"

    def __init__(self, locale):
        super().__init__(f"locale_{locale.pk}", label=locale.get_display_name())
        self.locale = locale

    def get_value(self, instance):
        return instance.cells.get(self.locale.pk)


def status_columns(locales, title_label):
    return [
        TitleColumn("title", label=title_label, get_url=lambda row: row.edit_url),
        Column("kind", label=_("Type")),
        *(StatusColumn(locale) for locale in locales),
    ]


class TranslationStatusReportView(ReportView):
    """Every page and translatable snippet in every language: missing, out of date, draft or
    up to date, each with a link to translate, update or edit it.

    Pages are paginated by translation key (one row per page, in the order of the tree);
    topics and organisation details follow in their own table.
    """

    page_title = _("Translation status")
    header_icon = "site"
    index_url_name = "translations:status"
    index_results_url_name = "translations:status_results"
    results_template_name = "translations/status_report_results.html"
    paginate_by = 50
    verbose_name_plural = _("pages")

    def dispatch(self, request, *args, **kwargs):
        if not may_see_translation_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def locales(self):
        return ordered_locales()

    @cached_property
    def columns(self):
        return status_columns(self.locales, _("Page"))

    def get_queryset(self):
        # One entry per translation key, in the order of the first tree it appears in.
        return (
            Page.objects.filter(depth__gt=1, alias_of__isnull=True)
            .values("translation_key")
            .annotate(first_path=Min("path"))
            .order_by("first_path")
        )

    @cached_property
    def report_url(self):
        return reverse(self.index_url_name)

    def decorate_paginated_queryset(self, object_list):
        keys = [entry["translation_key"] for entry in object_list]
        return PageStatus(keys, self.locales, self.report_url).rows()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["snippet_table"] = Table(
            status_columns(self.locales, _("Title")),
            SnippetStatus(self.locales, self.report_url).rows(),
        )
        return context

    def get(self, request, *args, **kwargs):
        self.object_list = self.get_filtered_queryset()
        context = self.get_context_data()
        # The page's table is built from the decorated rows, not the translation keys.
        context["object_list"] = self.decorate_paginated_queryset(context["object_list"])
        context["table"] = self.get_table(context["object_list"])
        return self.render_to_response(context)


def may_see_translation_reports(user):
    """Whether ``user`` translates or publishes: the people the translation reports are for.

    Both reports list the titles of every page in every language, drafts included, which
    caseworkers and the treasurer have no need to see.
    """
    return user.has_perm(VIEW_TRANSLATION_STATUS)


class TranslationsReportView(LocalizeTranslationsReportView):
    """wagtail-localize's Translations report (Reports → Translations), which it shows to every
    admin user, for those who translate or publish only."""

    def dispatch(self, request, *args, **kwargs):
        if not may_see_translation_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # Its own is unordered: pages of it could repeat or skip rows.
        return super().get_queryset().order_by("pk")
