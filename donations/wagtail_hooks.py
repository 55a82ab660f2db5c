"""Admin integration of the donations app: the treasurer's area and its audit-log actions."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .admin_views import (
    PledgeEditView,
    PledgeIndexView,
    ReconcileConfirmView,
    ReconcileView,
    TotalsView,
)
from .forms import PledgeAdminForm
from .models import Pledge
from .permissions import PERMISSION, TreasurerPolicy

# Registered before any view asks for Pledge's policy (Wagtail would make a default one).
register_permission_policy(Pledge, TreasurerPolicy(Pledge))


class PledgeViewSet(ModelViewSet):
    """Pledges for the treasurer: list, open and mark received, totals, reconciliation, export.

    No add, copy, delete or usage views: donors make pledges, and retention anonymises them.
    """

    model = Pledge
    name = "pledges"
    url_prefix = "donations"
    icon = "table"
    menu_label = _("Donations")
    menu_order = 400
    add_to_admin_menu = True
    index_view_class = PledgeIndexView
    edit_view_class = PledgeEditView
    copy_view_enabled = False
    # Searched by reference only (PledgeIndexView.search_queryset); names are encrypted.
    search_fields = ["reference"]
    search_backend_name = None
    add_to_reference_index = False
    edit_handler = ObjectList(
        [
            HelpPanel(template="donations/admin/pledge_summary.html", heading=_("Pledge")),
            FieldPanel("status"),
            FieldRowPanel(
                [FieldPanel("received_amount"), FieldPanel("received_currency"), FieldPanel("received_on")]
            ),
        ],
        base_form_class=PledgeAdminForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None, delete_url_name=None, usage_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        kept = {"index", "index_results", "edit", "history", "history_results"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept] + [
            path("totals/", TotalsView.as_view(), name="totals"),
            path("reconcile/", ReconcileView.as_view(), name="reconcile"),
            path("reconcile/confirm/", ReconcileConfirmView.as_view(), name="reconcile_confirm"),
        ]

    def get_permissions_to_register(self):
        # Only the custom permission is offered in the group editor; the default ones do nothing.
        from django.contrib.auth.models import Permission

        app_label, codename = PERMISSION.split(".")
        return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("register_admin_viewset")
def register_pledge_viewset():
    return PledgeViewSet()


@hooks.register("register_log_actions")
def register_donation_log_actions(actions):
    actions.register_action("donations.mark_received", _("Mark received"), _("Marked received"))
    actions.register_action("donations.cancel", _("Cancel pledge"), _("Pledge cancelled"))
    actions.register_action("donations.reopen", _("Reopen pledge"), _("Cancelled pledge reopened"))
    actions.register_action("donations.export", _("Export"), _("Exported with the donor's details"))
    actions.register_action("donations.view_donor", _("View donor"), _("Donor's details viewed"))
