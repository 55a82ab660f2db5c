"""Test support: a force_login that stands for a complete two-step sign-in.

Tests of admin areas log users in with ``client.force_login``; the root conftest makes that
also pass the second step (a confirmed authenticator for the user, recorded in the session),
as a real sign-in would. The two-step sign-in itself is tested through the real login and
verification views (staff/tests).
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import sessions
from .models import SecurityStamp


def pass_second_factor(client, user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[sessions.STAMP] = SecurityStamp.current(user)
    session.save()
    return device
