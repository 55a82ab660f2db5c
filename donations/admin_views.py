"""The treasurer's area in the Wagtail admin: pledges, totals per month, reconciliation, export.

Every view checks the Pledge permission policy (donations.permissions.TreasurerPolicy):
only holders of ``donations.manage_pledges`` get in.
"""

import django_filters
from django.contrib import messages
from django.core import signing
from django.db.models.functions import TruncMonth
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from safety import references
from safety.spreadsheets import inert_cell

from . import reconciliation, services
from .currencies import Currency, format_money
from .forms import StatementUploadForm
from .models import Pledge, PledgeStatus


def month_choices():
    """The months in which pledges were made, newest first, as ``("2025-06", "June 2025")``."""
    months = Pledge.objects.annotate(month=TruncMonth("created_at")).values_list("month", flat=True)
    return [
        (month.strftime("%Y-%m"), formats.date_format(month, "YEAR_MONTH_FORMAT"))
        for month in sorted(set(months), reverse=True)
    ]


class PledgeFilterSet(WagtailFilterSet):
    """Filters of the pledge list: status, currency and the month a pledge was made."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=PledgeStatus.choices)
    currency = django_filters.ChoiceFilter(label=_("Currency"), choices=Currency.choices)
    month = django_filters.ChoiceFilter(
        label=_("Month pledged"), choices=month_choices, method="filter_month"
    )

    class Meta:
        model = Pledge
        fields = ["status", "currency"]

    def filter_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        return queryset.filter(created_at__year=year, created_at__month=month)


def _amount(pledge):
    return format_money(pledge.amount, pledge.currency)


def _received(pledge):
    if pledge.received_amount is None:
        return ""
    currency = pledge.received_currency or pledge.currency
    return f"{format_money(pledge.received_amount, currency)} · {formats.date_format(pledge.received_on)}"


class PledgeIndexView(IndexView):
    """The pledge list with filters, links to the totals and reconciliation, and audit-logged export."""

    filterset_class = PledgeFilterSet
    list_export = [
        "display_reference",
        "created_at",
        "amount",
        "currency",
        "frequency",
        "status",
        "received_amount",
        "received_currency",
        "received_on",
        "name",
        "email",
        "language",
    ]
    export_headings = {"display_reference": _("Reference")}
    custom_field_preprocess = {
        "name": {"csv": inert_cell, "xlsx": inert_cell},
        "email": {"csv": inert_cell, "xlsx": inert_cell},
    }

    @property
    def columns(self):
        return [
            self._get_title_column("__str__"),
            DateColumn("created_at", label=_("Pledged"), sort_key="created_at"),
            Column("amount", label=_("Amount"), accessor=_amount, sort_key="amount"),
            Column("frequency", label=_("How often"), accessor="get_frequency_display"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("received", label=_("Received"), accessor=_received, sort_key="received_on"),
        ]

    @property
    def header_buttons(self):
        return [
            HeaderButton(_("Totals"), url=reverse("pledges:totals"), icon_name="table"),
            HeaderButton(_("Reconcile a statement"), url=reverse("pledges:reconcile"), icon_name="upload"),
        ]

    def search_queryset(self, queryset):
        """Find a pledge by its reference as the donor reads it out: any case, dashes, spaces."""
        return references.filter_by_reference(queryset, self.search_query) if self.is_searching else queryset

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Personal data leaves the site here: every exported pledge gets an audit-log entry.
        services.log_export(queryset, user=self.request.user, export_format=spreadsheet_format)
        return super().as_spreadsheet(queryset, spreadsheet_format)


class PledgeEditView(EditView):
    """One pledge: who gave it (logged when opened), and the form to mark it received or cancelled."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.object.name or self.object.email:
            log(self.object, "donations.view_donor", user=request.user)
        return response

    def get_initial(self):
        initial = super().get_initial()
        # A treasurer marking a pledge received usually confirms the pledged amount.
        if self.object.status != PledgeStatus.RECEIVED:
            initial.setdefault("received_amount", self.object.amount)
            initial.setdefault("received_currency", self.object.currency)
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return services.update_pledge(
            self.form.instance,
            status=data["status"],
            received_amount=data.get("received_amount"),
            received_on=data.get("received_on"),
            received_currency=data.get("received_currency", ""),
            user=self.request.user,
        )


class TreasurerView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page of the treasurer's area outside the model views (permission checked like them)."""

    model = Pledge
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("pledges:index"), "label": _("Pledges")},
            {"url": "", "label": self.get_page_title()},
        ]


class TotalsView(TreasurerView):
    """Pledged and received totals per month and currency."""

    permission_required = "view"
    page_title = _("Totals per month")
    template_name = "donations/admin/totals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = services.totals_by_month()
        return context


class ReconcileView(TreasurerView):
    """Upload a statement; see the proposed matches and the unmatched lines."""

    permission_required = "change"
    page_title = _("Reconcile a bank statement")
    template_name = "donations/admin/reconcile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", StatementUploadForm())
        context["columns"] = reconciliation.statement_columns()
        return context

    def post(self, request, *args, **kwargs):
        form = StatementUploadForm(request.POST, request.FILES)
        context = {"form": form}
        if form.is_valid():
            try:
                lines = reconciliation.read_statement(form.cleaned_data["statement"])
            except reconciliation.StatementError as error:
                form.add_error("statement", str(error))
            else:
                result = reconciliation.match_statement(lines)
                context.update(
                    result=result,
                    line_count=len(lines),
                    token=reconciliation.sign_proposals(result.proposals),
                )
        return self.render_to_response(self.get_context_data(**context))


def _line_numbers(values):
    return [int(value) for value in values if value.isdigit()]


# Why a ticked line was not recorded, said to the treasurer with the line numbers.
REFUSAL_MESSAGES = {
    reconciliation.Refusal.NEEDS_CHOICE: lambda count: ngettext(
        "Line %(lines)s was not recorded: the match has warnings and “Record anyway” was not ticked.",
        "Lines %(lines)s were not recorded: the matches have warnings and “Record anyway” was not ticked.",
        count,
    ),
    reconciliation.Refusal.CANCELLED: lambda count: ngettext(
        "Line %(lines)s was not recorded: the pledge was cancelled and “Reopen and record” was not ticked.",
        "Lines %(lines)s were not recorded: the pledges were cancelled and “Reopen and record” was not "
        "ticked.",
        count,
    ),
    reconciliation.Refusal.NOT_PROPOSED: lambda count: ngettext(
        "Line %(lines)s was not recorded: it is not one of the proposed matches.",
        "Lines %(lines)s were not recorded: they are not among the proposed matches.",
        count,
    ),
    reconciliation.Refusal.ALREADY_RECEIVED: lambda count: ngettext(
        "Line %(lines)s was not recorded: the pledge was received in the meantime.",
        "Lines %(lines)s were not recorded: the pledges were received in the meantime.",
        count,
    ),
}


class ReconcileConfirmView(TreasurerView):
    """Record the matches the treasurer chose (POST only); say which ticked lines were refused and why."""

    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            confirmation = reconciliation.confirm(
                request.POST.get("proposals", ""),
                ticked=_line_numbers(request.POST.getlist("line")),
                anyway=_line_numbers(request.POST.getlist("anyway")),
                reopen=_line_numbers(request.POST.getlist("reopen")),
                user=request.user,
            )
        except signing.BadSignature:
            messages.error(request, _("These matches have expired; please upload the statement again."))
            return redirect("pledges:reconcile")
        confirmed = len(confirmation.recorded)
        message = ngettext(
            "%(count)s pledge marked received.", "%(count)s pledges marked received.", confirmed
        ) % {"count": confirmed}
        messages.success(request, message)
        refused_by_reason = {}
        for number, reason in confirmation.refused.items():
            refused_by_reason.setdefault(reason, []).append(number)
        for reason, numbers in refused_by_reason.items():
            lines = ", ".join(str(number) for number in numbers)
            messages.warning(request, REFUSAL_MESSAGES[reason](len(numbers)) % {"lines": lines})
        return redirect(reverse("pledges:index") + "?status=received")
