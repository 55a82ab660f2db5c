"""Who sees what of this app in the admin.

- Help requests: holders of ``contact.handle_helprequests`` (the Caseworkers group and
  Administrators) and superusers. Nobody else sees a list, a case, an export or a key.
- Contact messages: holders of ``contact.view_contactmessage`` (Caseworkers and Administrators:
  the roles that answer people; not Moderators, by the least-data rule).

The models have no default add/change/delete/view permissions (``default_permissions = ()``),
so no group can be given them "by habit"; every admin view checks these policies.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

CASES = "contact.handle_helprequests"
MESSAGES = "contact.view_contactmessage"


def users_with(permission):
    """Active users holding ``permission`` directly, through a group, or as superusers."""
    app_label, codename = permission.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(user_permissions__in=granted) | Q(groups__permissions__in=granted))
        .distinct()
    )


class SinglePermissionPolicy(BasePermissionPolicy):
    """Every allowed action needs one permission; other actions are refused to everyone."""

    permission = ""
    actions = frozenset()

    def user_has_permission(self, user, action):
        return action in self.actions and user.is_active and user.has_perm(self.permission)

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        return users_with(self.permission)


class CaseworkerPolicy(SinglePermissionPolicy):
    """Help requests: list, open and handle ("change"), export the triage metadata."""

    permission = CASES
    actions = frozenset({"view", "change", "export"})


class MessagesPolicy(SinglePermissionPolicy):
    """Contact messages: list, read, mark handled ("change") and delete."""

    permission = MESSAGES
    actions = frozenset({"view", "change", "delete"})
