"""Who may see pledges: holders of ``donations.manage_pledges`` (the Treasurer group and
Administrators) and superusers, nobody else.

Django's default add/change/delete/view permissions of the Pledge model are ignored, so a
group that was given "all permissions" on models by habit (editors, moderators) still
sees nothing. Pledges are never added or deleted by hand: donors make them, retention
anonymises them.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

PERMISSION = "donations.manage_pledges"
# What a treasurer can do in the admin: list, open and mark received ("change"), export.
TREASURER_ACTIONS = frozenset({"view", "change", "export"})


class TreasurerPolicy(BasePermissionPolicy):
    """The permission policy of Pledge: every allowed action needs ``donations.manage_pledges``."""

    def user_has_permission(self, user, action):
        return action in TREASURER_ACTIONS and user.is_active and user.has_perm(PERMISSION)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not TREASURER_ACTIONS.intersection(actions):
            return users.none()
        app_label, codename = PERMISSION.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        return users.filter(
            Q(is_superuser=True) | Q(user_permissions__in=permission) | Q(groups__permissions__in=permission)
        ).distinct()
