"""Reports → Mirrors: each origin's last publication and failures; "Re-export everything"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log
from wagtail.models import Site

from . import services
from .models import REEXPORT, VIEW_STATUS, OriginStatus


class BytesColumn(Column):
    def get_value(self, instance):
        return filesizeformat(instance.bytes)


class FailureColumn(Column):
    """Failures since the last success, with the last error."""

    cell_template_name = "mirrors/admin/failure_cell.html"

    def get_value(self, instance):
        return instance


class MirrorReportView(ReportView):
    """One row per origin. Moderators and administrators see it; administrators re-export."""

    page_title = _("Mirrors")
    header_icon = "globe"
    index_url_name = "mirrors:report"
    index_results_url_name = "mirrors:report_results"
    template_name = "mirrors/admin/report.html"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_STATUS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def columns(self):
        return [
            Column("name", label=_("Origin")),
            Column("kind", label=_("Kind")),
            DateColumn("last_success_at", label=_("Last successful publication")),
            Column("files", label=_("Files")),
            BytesColumn("bytes", label=_("Size")),
            FailureColumn("failures", label=_("Failures")),
        ]

    def get_queryset(self):
        return OriginStatus.objects.order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_reexport"] = self.request.user.has_perm(REEXPORT)
        context["mirrors_enabled"] = services.enabled()
        return context


@require_POST
def reexport_everything(request):
    """Enqueue a full export (administrators only), written to the audit log."""
    if not request.user.has_perm(REEXPORT):
        raise PermissionDenied
    if not services.enabled():
        messages.warning(request, gettext("Mirrors are not configured (MIRROR_EXPORT_ROOT)."))
        return redirect("mirrors:report")
    from . import tasks

    tasks.export_everything.enqueue()
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        log(site, "mirrors.reexport", user=request.user)
    messages.success(request, gettext("Every mirror will be exported again in a moment."))
    return redirect("mirrors:report")
