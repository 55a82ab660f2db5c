"""What the staff app stores besides the groups: one security stamp per admin user, and the
enrolment links through which a user sets up a first (or, after losing everything, a new)
second factor."""

import uuid

from django.conf import settings
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


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


class EnrolmentLink(models.Model):
    """A single-use link an administrator made for one user to set up a second factor.

    Without it an account that has no second factor yet cannot get one: otherwise whoever
    first signed in with its password would enrol their own authenticator and own the
    account (trust on first use). Only the SHA-256 hash of the link's random token is kept,
    so a copy of the database opens no account. Issuing a new link deletes the user's older
    ones (staff.enrolment.issue_link)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    # Who made it; empty when a management command did (the audit log says which).
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment link")

    def __str__(self):
        return f"Enrolment link of user {self.user_id}"


@register_setting(icon="key")
class SignInPolicy(BaseGenericSetting):
    """Which roles must sign in with a passkey: for their members a code from the
    authenticator app is refused at the second step (a code typed into a look-alike page is
    phished with it, a passkey is not). Recovery codes still work, so a member who lost
    their passkey can still come in and register a new one.

    No role is ticked on a new install: ticking one before its members have registered a
    passkey would leave them only their recovery codes. Administrators tick a role once
    its members have one (the Passkeys page shows how many have)."""

    passkey_roles = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="+",
        verbose_name=_("roles that must use a passkey"),
        help_text=_(
            "Members of these roles cannot pass the second sign-in step with a code from the "
            "authenticator app: only with a passkey or a recovery code. Tick a role only once "
            "its members have registered a passkey."
        ),
    )

    panels = [FieldPanel("passkey_roles", widget=CheckboxSelectMultiple)]

    class Meta:
        verbose_name = _("sign-in policy")

    def __str__(self):
        return "Sign-in policy"

    @classmethod
    def requires_passkey(cls, user) -> bool:
        return cls.objects.filter(passkey_roles__in=user.groups.all()).exists()
