"""Reports → Mirrors, its re-export button and audit-log action."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .models import VIEW_STATUS


@hooks.register("register_admin_urls")
def register_mirror_urls():
    urls = [
        path("", admin_views.MirrorReportView.as_view(), name="report"),
        path("results/", admin_views.MirrorReportView.as_view(results_only=True), name="report_results"),
        path("reexport/", admin_views.reexport_everything, name="reexport"),
    ]
    return [path("reports/mirrors/", include((urls, "mirrors")))]


class MirrorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_STATUS)


@hooks.register("register_reports_menu_item")
def register_mirrors_menu_item():
    return MirrorsMenuItem(_("Mirrors"), reverse("mirrors:report"), icon_name="globe", order=8960)


@hooks.register("register_permissions")
def register_mirror_permissions():
    return Permission.objects.filter(
        content_type__app_label="mirrors", codename__in=["view_originstatus", "reexport_mirrors"]
    )


@hooks.register("register_log_actions")
def register_mirror_log_actions(actions):
    actions.register_action(
        "mirrors.reexport", _("Re-export mirrors"), _("Queued a full export of every mirror")
    )
