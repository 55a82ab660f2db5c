"""Admin integration of the contact app: the caseworkers' inbox, contact messages, audit-log actions."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permissions import policy_registry, register_permission_policy

from . import admin_views, services
from .models import CaseStatus, ContactMessage, HelpRequest
from .permissions import CASES, MESSAGES, CaseworkerPolicy, MessagesPolicy

# Registered before any view asks for the models' policies (Wagtail would make default ones).
register_permission_policy(HelpRequest, CaseworkerPolicy(HelpRequest))
register_permission_policy(ContactMessage, MessagesPolicy(ContactMessage))


def only(permission):
    app_label, codename = permission.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


def url_finder(url_name):
    """The admin URL finder that links an object's audit-log entries (Reports → Site history) to
    ``url_name``, the one view of the object these viewsets route: they have no "edit" view, and
    Wagtail's default finder would look one up and fail the whole report."""
    return type("ContactAdminURLFinder", (ModelAdminURLFinder,), {"edit_url_name": url_name})


class CaseViewSet(ModelViewSet):
    """The caseworkers' inbox: the list, one case, keys and sharing. No add, edit or delete views:
    people make requests, caseworkers handle them, retention and erasure anonymise them."""

    model = HelpRequest
    name = "cases"
    url_prefix = "cases"
    icon = "folder-open-inverse"
    menu_label = _("Help requests")
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = admin_views.CaseIndexView
    copy_view_enabled = False
    # Found by reference only (CaseIndexView.search_queryset): everything else is sealed.
    search_fields = ["reference"]
    search_backend_name = None
    add_to_reference_index = False
    form_fields = ["status"]  # the generic add/edit views are not routed (get_urlpatterns)

    @property
    def url_finder_class(self):
        return url_finder(self.get_url_name("case"))

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, usage_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        kept = {"index", "index_results"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept] + [
            path("<int:pk>/", admin_views.CaseView.as_view(), name="case"),
            path("<int:pk>/update/", admin_views.CaseUpdateView.as_view(), name="update"),
            path("<int:pk>/notes/", admin_views.AddNoteView.as_view(), name="add_note"),
            path("<int:pk>/erase/", admin_views.EraseCaseView.as_view(), name="erase"),
            path("key/", admin_views.KeyView.as_view(), name="key"),
            path("key/register/", admin_views.RegisterKeyView.as_view(), name="register_key"),
            path("key/replace/", admin_views.ReplaceKeyView.as_view(), name="replace_key"),
            path("key/passphrase/", admin_views.ChangePassphraseView.as_view(), name="change_passphrase"),
            path("share/", admin_views.ShareView.as_view(), name="share"),
            path("share/<int:key_id>/", admin_views.ShareWithView.as_view(), name="share_with"),
        ]

    def get_permissions_to_register(self):
        return only(CASES)


class ContactMessageViewSet(ModelViewSet):
    """Messages from the contact form for the staff who answer them: list, read, mark handled, delete."""

    model = ContactMessage
    name = "contact_messages"
    url_prefix = "messages"
    icon = "mail"
    menu_label = _("Contact messages")
    menu_order = 160
    add_to_admin_menu = True
    index_view_class = admin_views.MessageIndexView
    copy_view_enabled = False
    search_fields = []
    search_backend_name = None
    add_to_reference_index = False
    form_fields = ["status"]  # the generic add/edit views are not routed (get_urlpatterns)

    @property
    def url_finder_class(self):
        return url_finder(self.get_url_name("read"))

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, usage_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        kept = {"index", "index_results"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept] + [
            path("<int:pk>/", admin_views.MessageView.as_view(), name="read"),
        ]

    def get_permissions_to_register(self):
        return only(MESSAGES)


@hooks.register("register_admin_viewset")
def register_case_viewset():
    return CaseViewSet()


@hooks.register("register_admin_viewset")
def register_message_viewset():
    return ContactMessageViewSet()


class InboxPanel(Component):
    """The caseworkers' dashboard panel: how many requests are new, urgent and still open, and
    waiting, each linking to the inbox filtered to them. Counts only: nothing of any request."""

    name = "caseworkers_inbox"
    template_name = "contact/admin/inbox_panel.html"
    order = 50  # before Wagtail's own panels: a new urgent request is the first thing to see

    class Media:
        css = {"all": ["contact/css/caseworker.css"]}

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        counts = services.inbox_counts()
        index = reverse("cases:index")
        context["counts"] = [
            {"label": _("New"), "count": counts["new"], "url": f"{index}?status=new"},
            {
                "label": _("Urgent"),
                "count": counts["urgent"],
                "url": f"{index}?urgent=true&open=true",
                "urgent": True,
            },
            {"label": _("Waiting"), "count": counts["waiting"], "url": f"{index}?status=waiting"},
        ]
        context["inbox_url"] = index
        return context


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request, panels):
    if policy_registry.get_by_type(HelpRequest).user_has_permission(request.user, "view"):
        panels.insert(0, InboxPanel())


class AssignmentFormatter(LogFormatter):
    """ "Assigned to Aýlar Orazowa": the log keeps the staff member's id, and names them when shown."""

    label = _("Assign case")

    def format_message(self, log_entry):
        if "assigned_to" not in log_entry.data:
            return str(self.label)
        user_id = log_entry.data["assigned_to"]
        if not user_id:
            return gettext("Assignment removed")
        user = get_user_model().objects.filter(pk=user_id).first()
        name = (user.get_full_name() or user.get_username()) if user else f"#{user_id}"
        return gettext("Assigned to %(name)s") % {"name": name}


class StatusChangeFormatter(LogFormatter):
    """ "Status changed from New to In progress"."""

    label = _("Change status")

    def format_message(self, log_entry):
        if not {"from", "to"} <= log_entry.data.keys():
            return str(self.label)
        labels = dict(CaseStatus.choices)
        return gettext("Status changed from %(old)s to %(new)s") % {
            "old": labels.get(log_entry.data.get("from"), log_entry.data.get("from")),
            "new": labels.get(log_entry.data.get("to"), log_entry.data.get("to")),
        }


@hooks.register("register_log_actions")
def register_contact_log_actions(actions):
    actions.register_action("contact.open_case", _("Open case"), _("Case opened"))
    actions.register_action("contact.assign")(AssignmentFormatter)
    actions.register_action("contact.change_status")(StatusChangeFormatter)
    actions.register_action("contact.add_note", _("Add note"), _("Note added"))
    actions.register_action("contact.share", _("Share case"), _("Case shared with a colleague's key"))
    actions.register_action("contact.erase", _("Erase case"), _("Case erased on request"))
    actions.register_action("contact.export", _("Export"), _("Exported (metadata only)"))
    actions.register_action("contact.register_key", _("Register key"), _("Caseworker key registered"))
    actions.register_action("contact.retire_key", _("Retire key"), _("Caseworker key retired"))
    actions.register_action("contact.change_passphrase", _("Change passphrase"), _("Key passphrase changed"))
    actions.register_action("contact.read_message", _("Read message"), _("Message read"))
    actions.register_action("contact.message_handled", _("Mark handled"), _("Message marked handled"))
    actions.register_action("contact.delete_message", _("Delete message"), _("Message deleted"))
