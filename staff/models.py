"""What the staff app stores besides the groups: one security stamp per admin user."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityStamp(models.Model):
    """Changes whenever the user's second factor changes (new authenticator app, new
    recovery codes). Every admin session remembers the stamp it was verified with; a session
    holding an old stamp is ended (staff.middleware), so a changed second factor logs out the
    user's other sessions. (A changed password does the same through Django's own session
    hash.)"""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("security stamp")

    def __str__(self):
        return f"Security stamp of user {self.user_id}"

    @classmethod
    def current(cls, user) -> str:
        stamp, _ = cls.objects.get_or_create(user=user)
        return str(stamp.value)

    @classmethod
    def renew(cls, user) -> str:
        value = uuid.uuid4()
        cls.objects.update_or_create(user=user, defaults={"value": value})
        return str(value)
