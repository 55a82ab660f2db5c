"""Start-up checks of the passkey settings (staff.passkeys): the relying-party ID and the
allowed origins come from the public address, SITE_URL, and nowhere else."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.utils.module_loading import import_string


def _relying_party_id() -> str:
    if getattr(settings, "OTP_WEBAUTHN_RP_ID_CALLABLE", ""):
        return import_string(settings.OTP_WEBAUTHN_RP_ID_CALLABLE)(request=None)
    return getattr(settings, "OTP_WEBAUTHN_RP_ID", "")


def _allowed_origins() -> list[str]:
    from django_otp_webauthn.utils import get_credential_model

    return get_credential_model().get_webauthn_helper(request=None).get_allowed_origins()


@register()
def check_passkey_settings(app_configs=None, **kwargs):
    site = urlsplit(settings.SITE_URL or "")
    host = site.hostname or ""
    rp_id = _relying_party_id()
    errors = []
    if not host or rp_id != host:
        errors.append(
            Error(
                f"The passkeys' relying-party ID ({rp_id!r}) is not the host of SITE_URL ({host!r}).",
                hint="Set SITE_URL to the site's public address; passkeys are bound to its host. "
                "Do not set OTP_WEBAUTHN_RP_ID.",
                id="staff.E020",
            )
        )
    origins = _allowed_origins()
    if origins != [settings.SITE_URL]:
        errors.append(
            Error(
                f"Passkeys are accepted from {origins!r}, not from SITE_URL alone ({settings.SITE_URL!r}).",
                hint="Passkeys work only on the canonical admin address, never on a mirror: "
                "do not set OTP_WEBAUTHN_ALLOWED_ORIGINS.",
                id="staff.E021",
            )
        )
    # Production is where the session cookie is Secure (hhd_site/settings/production.py).
    if settings.SESSION_COOKIE_SECURE and site.scheme != "https":
        errors.append(
            Error(
                "Passkeys need an https:// public address in production "
                f"(SITE_URL is {settings.SITE_URL!r}).",
                id="staff.E022",
            )
        )
    if getattr(settings, "OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN", True):
        errors.append(
            Error(
                "Passkeys must be a second factor only: the password, with its lockout, comes first.",
                hint="Set OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False.",
                id="staff.E023",
            )
        )
    if host:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            pass
        else:
            errors.append(
                Warning(
                    f"Browsers refuse passkeys on an IP address ({host}).",
                    hint="Use SITE_URL=http://localhost:8000 to try passkeys in development.",
                    id="staff.W024",
                )
            )
    return errors
