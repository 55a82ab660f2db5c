"""Admin views of the reading counts (readership.reports)."""

from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from . import reports
from .models import VIEW_COUNTS


def _require(request):
    if not request.user.has_perm(VIEW_COUNTS):
        raise PermissionDenied


def page_counts(request, page_id):
    """Views per day for the last 90 days, and the total per language, of one page."""
    _require(request)
    page = get_object_or_404(Page, pk=page_id)
    days, totals = reports.page_days(page)
    return TemplateResponse(
        request,
        "readership/admin/page_counts.html",
        {"page": page, "days": days, "totals": totals, "days_shown": reports.DAYS_SHOWN},
    )


class PeriodForm(forms.Form):
    first = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("First day, included.")
    )
    last = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("Last day, included.")
    )

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("last") and data["first"] > data["last"]:
            raise forms.ValidationError(_("The first day comes after the last one."))
        return data


def most_read(request):
    """Reports → Most read pages, for a chosen period (the last 30 days unless chosen)."""
    _require(request)
    today = timezone.localdate()
    initial = {"first": today - timedelta(days=29), "last": today}
    form = PeriodForm(request.GET if "first" in request.GET else None, initial=initial)
    period = form.cleaned_data if form.is_bound and form.is_valid() else initial
    rows = reports.most_read(period["first"], period["last"]) if not form.errors else []
    return TemplateResponse(
        request,
        "readership/admin/most_read.html",
        {"form": form, "rows": rows, "first": period["first"], "last": period["last"]},
    )
