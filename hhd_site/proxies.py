"""Which request headers about the client to believe: only those our own proxies set.

A TLS front (Caddy in the compose file, a CDN) tells the application the visitor's address
(``X-Forwarded-For``) and scheme (``X-Forwarded-Proto``). Anyone else who reaches gunicorn could
send the same headers and pick an address per request, escaping every rate limit and the admin
lockout, or claim HTTPS. So the headers count only when the connecting peer is in
``TRUSTED_PROXIES``; from any other peer they are removed before Django sees the request.
"""

import ipaddress
from functools import cache

from django.conf import settings

# The forwarding headers a proxy sets and an untrusted peer must not.
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


@cache
def _networks(spec: tuple[str, ...]):
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in spec if entry.strip())


def is_trusted_proxy(address: str) -> bool:
    """True when ``address`` belongs to one of the deployment's own proxies (TRUSTED_PROXIES)."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str:
    """The visitor's address, for rate limits, the admin lockout and audit entries.

    The connecting peer, unless it is a trusted proxy: then the right-most entry of the
    forwarding header that is not itself a trusted proxy (entries further left were written
    by the client and prove nothing). Behind a chain of our own proxies (CDN → front) each
    appends the address it saw, so skipping trusted entries from the right finds the visitor.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(peer):
        return peer
    value = request.META.get(settings.CLIENT_IP_HEADER, "")
    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    for entry in reversed(entries):
        if not is_trusted_proxy(entry):
            return entry
    return entries[0] if entries else peer


class UntrustedForwardingHeadersMiddleware:
    """Drops forwarding headers that did not come from a trusted proxy.

    First in the middleware list, so SecurityMiddleware (HTTPS redirect, ``request.is_secure()``
    through SECURE_PROXY_SSL_HEADER) and every view see only what our own front said.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for header in {*FORWARDING_HEADERS, settings.CLIENT_IP_HEADER}:
                request.META.pop(header, None)
        return self.get_response(request)
