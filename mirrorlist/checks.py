"""System check: ONION_ADDRESS, when set, is a valid v3 onion address (mirrorlist.E001)."""

from django.conf import settings
from django.core.checks import Error, register

from . import onion


@register()
def onion_address_check(app_configs, **kwargs):
    address = getattr(settings, "ONION_ADDRESS", "")
    if not address:
        return []
    problem = onion.problem(address)
    if problem is None:
        return []
    return [
        Error(
            f"ONION_ADDRESS is not a valid v3 onion address: {problem}.",
            hint="Copy the address from the onion service's hostname file (HiddenServiceDir/hostname).",
            id="mirrorlist.E001",
        )
    ]
