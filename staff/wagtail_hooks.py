"""Admin integration of the staff app: audit-log actions and the account menu entry."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


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


@hooks.register("register_account_menu_item")
def two_step_sign_in_menu_item(request):
    return {
        "url": reverse("staff:recovery_codes"),
        "label": _("Two-step sign-in"),
        "help_text": _("Replace your authenticator app or make new recovery codes."),
    }
