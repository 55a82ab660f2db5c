"""Admin integration: "Reading counts" in each page's header menu, Reports → "Most read pages"."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import admin_views
from .models import VIEW_COUNTS


@hooks.register("register_admin_urls")
def register_readership_urls():
    return [
        path("reading-counts/", admin_views.most_read, name="readership_most_read"),
        path("reading-counts/page/<int:page_id>/", admin_views.page_counts, name="readership_page_counts"),
    ]


@hooks.register("register_page_header_buttons")
def reading_counts_button(page, user, view_name, next_url=None):
    if page.is_root() or not user.has_perm(VIEW_COUNTS):
        return
    yield Button(
        _("Reading counts"),
        reverse("readership_page_counts", args=[page.pk]),
        icon_name="view",
        priority=66,  # after "History" (65)
    )


class MostReadMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_COUNTS)


@hooks.register("register_reports_menu_item")
def register_most_read_menu_item():
    return MostReadMenuItem(
        _("Most read pages"), reverse("readership_most_read"), icon_name="view", order=8960
    )


@hooks.register("register_permissions")
def register_readership_permissions():
    return Permission.objects.filter(content_type__app_label="readership", codename="view_readingcount")
