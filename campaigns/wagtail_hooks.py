"""Admin integration: the Signatures area for moderators and the audit-log action of exports."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_signature_urls():
    urls = [
        path("", admin_views.index, name="index"),
        path("<int:page_id>/", admin_views.detail, name="detail"),
        path("<int:page_id>/export/<str:file_format>/", admin_views.export, name="export"),
    ]
    return [path("signatures/", include((urls, "campaigns_signatures")))]


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_signatures_menu_item():
    return ModeratorsMenuItem(
        _("Signatures"), reverse("campaigns_signatures:index"), icon_name="list-ul", order=250
    )


@hooks.register("register_log_actions")
def register_export_action(actions):
    actions.register_action("campaigns.export_signatures", _("Export signatures"), _("Exported signatures"))
