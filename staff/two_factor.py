"""Second-factor devices of an admin user: an authenticator app (TOTP) and recovery codes."""

import secrets

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from .models import SecurityStamp

RECOVERY_CODES = 10
# Recovery codes: 10 characters without look-alikes (no 0/O, 1/I/L), in two groups of five.
RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
APP_NAME = "Authenticator app"
CODES_NAME = "Recovery codes"


def pending_authenticator(user) -> TOTPDevice:
    """The not yet confirmed authenticator of a set-up in progress (made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the device as an inline SVG QR code (no outside service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1b1b1b", light="#ffffff")


def secret_for_typing(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def new_recovery_code() -> str:
    code = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
    return f"{code[:5]}-{code[5:]}"


def normalise_code(value: str) -> str:
    return "".join(value.split()).upper()


def issue_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes by new ones; returns them (shown once)."""
    codes = [new_recovery_code() for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=CODES_NAME, confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_authenticator(user, device: TOTPDevice, code: str) -> bool:
    """Check the first code of a new authenticator; on success it replaces any older one."""
    if not device.verify_token(normalise_code(code)):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True


def verify_code(user, code: str):
    """The device that accepts ``code`` (authenticator first, then recovery codes), or None.

    Devices throttle themselves after failures (django-otp's exponential back-off)."""
    code = normalise_code(code)
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, TOTPDevice) and not code.isdigit():
                continue
            if device.verify_token(code):
                return device
    return None


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factor_changed(request, user, action: str) -> None:
    """A second factor changed: other sessions of the user end, this one carries on."""
    from . import sessions

    request.session[sessions.STAMP] = SecurityStamp.renew(user)
    log(user, action, user=request.user)
