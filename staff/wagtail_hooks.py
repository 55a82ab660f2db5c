"""Admin integration of the staff app: audit-log actions, the account menu entry and the
enrolment links of the Users area."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import enrolment, views


@hooks.register("register_log_actions")
def register_staff_actions(actions):
    actions.register_action("staff.login", _("Sign in"), _("Signed in with a password"))
    actions.register_action("staff.login_failed", _("Failed sign-in"), _("Failed sign-in"))
    actions.register_action(
        "staff.second_factor_verified", _("Two-step sign-in"), _("Passed the second sign-in step")
    )
    actions.register_action(
        "staff.second_factor_failed", _("Failed two-step sign-in"), _("Entered a wrong second-step code")
    )
    actions.register_action(
        "staff.second_factor_set", _("Authenticator app set up"), _("Set up an authenticator app")
    )
    actions.register_action(
        "staff.recovery_codes_renewed", _("Recovery codes renewed"), _("Made new recovery codes")
    )
    actions.register_action("staff.permissions_changed", _("Permissions changed"), _("Changed permissions"))
    actions.register_action(
        "staff.enrolment_link_issued", _("Enrolment link made"), _("Made an enrolment link")
    )
    actions.register_action(
        "staff.enrolment_link_used", _("Enrolment link used"), _("Used an enrolment link")
    )
    actions.register_action(
        "staff.enrolment_link_refused",
        _("Enrolment link refused"),
        _("Tried to use an enrolment link made for another account"),
    )


@hooks.register("register_admin_urls")
def register_enrolment_link_urls():
    return [
        path(
            "staff/enrolment-link/<int:user_id>/",
            views.IssueEnrolmentLinkView.as_view(),
            name="staff_issue_enrolment_link",
        )
    ]


@hooks.register("register_user_listing_buttons")
def enrolment_link_button(user, request_user):
    if enrolment.may_issue(request_user, user):
        yield Button(
            _("Enrolment link"),
            reverse("staff_issue_enrolment_link", args=[user.pk]),
            icon_name="key",
            priority=50,
        )


@hooks.register("register_account_menu_item")
def two_step_sign_in_menu_item(request):
    return {
        "url": reverse("staff:recovery_codes"),
        "label": _("Two-step sign-in"),
        "help_text": _("Replace your authenticator app or make new recovery codes."),
    }


@hooks.register("register_log_actions")
def register_passkey_actions(actions):
    actions.register_action("staff.passkey_added", _("Passkey registered"), _("Registered a passkey"))
    actions.register_action("staff.passkey_removed", _("Passkey removed"), _("Removed a passkey"))
    actions.register_action(
        "staff.second_factor_refused",
        _("Authenticator code refused"),
        _("Tried an authenticator app code where the role requires a passkey"),
    )


@hooks.register("register_account_menu_item")
def passkeys_menu_item(request):
    return {
        "url": reverse("staff:passkeys"),
        "label": _("Passkeys"),
        "help_text": _("Register a passkey, or remove one you no longer have."),
    }
