"""Passkeys (WebAuthn) as a second factor, with django-otp-webauthn.

A passkey is bound to the relying-party ID, the host of SITE_URL, and the browser's answer
is accepted only from SITE_URL itself: a look-alike page cannot ask for it and a mirror
cannot use it (staff/checks.py checks the settings at start). Passkeys are a second factor
only: the password (with axes' lockout) comes first, there is no passwordless sign-in.

The library's JSON views are wrapped here: registering needs a session that passed the
second step (the library would let an account with no second factor register one after
the password alone), and every registration, use and removal goes to the audit log and, like
any change of second factor, signs the user out of their other sessions.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)
from wagtail.log_actions import log

from . import sessions
from .models import SecurityStamp

DEFAULT_NAME = "Passkey"


def relying_party_id(request=None) -> str:
    """The host of the public address: passkeys are bound to it."""
    return urlsplit(settings.SITE_URL).hostname or ""


def allowed_origins() -> list[str]:
    """The public address only (scheme, host and port), never a mirror's."""
    return [settings.SITE_URL] if settings.SITE_URL else []


def available_here(request) -> bool:
    """Passkeys work on the canonical admin address only; elsewhere the pages don't offer them."""
    site = urlsplit(settings.SITE_URL)
    return bool(site.hostname) and request.get_host() == site.netloc and request.scheme == site.scheme


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        return allowed_origins()


def passkeys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


class MayRegister:
    """Only a staff member whose session passed the second step registers a passkey."""

    def check_can_register(self):
        user = self.request.user
        if not user.has_perm("wagtailadmin.access_admin") or not user.is_verified():
            raise exceptions.NotVerified()


class BeginRegistration(MayRegister, BeginCredentialRegistrationView):
    pass


class CompleteRegistration(MayRegister, CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            device = WebAuthnCredential.objects.filter(user=self.request.user).order_by("-pk").first()
            if device is not None and device.name in ("", None):
                device.name = DEFAULT_NAME
                device.save(update_fields=["name"])
            self.request.session[sessions.STAMP] = SecurityStamp.renew(self.request.user)
            log(
                self.request.user,
                "staff.passkey_added",
                user=self.request.user,
                data={"passkey": device.pk if device else None},
            )
        return response


class BeginAuthentication(BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(CompleteCredentialAuthenticationView):
    """The second step with a passkey: as the code form does, remember the security stamp
    and write the audit log."""

    def complete_auth(self, device):
        super().complete_auth(device)
        request = self.request
        request.session[sessions.STAMP] = SecurityStamp.current(request.user)
        log(
            request.user,
            "staff.second_factor_verified",
            user=request.user,
            data={"with": type(device).__name__},
        )

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError) and self.request.user.is_authenticated:
            log(self.request.user, "staff.second_factor_failed", user=self.request.user)
        return super().handle_exception(exc)

    def get_success_url(self):
        from .views import next_url

        return self.get_redirect_url() or next_url(self.request)


def rename(user, pk, name: str) -> bool:
    return bool(passkeys_of(user).filter(pk=pk).update(name=name.strip()[:64] or DEFAULT_NAME))


def remove(request, pk) -> bool:
    from .two_factor import second_factor_changed

    with transaction.atomic():
        deleted, _ = passkeys_of(request.user).filter(pk=pk).delete()
    if deleted:
        second_factor_changed(request, request.user, "staff.passkey_removed")
    return bool(deleted)
