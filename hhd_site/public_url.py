"""The site's public address: the one place absolute URLs are built from (settings.SITE_URL).

A request's own Host header is never used for links that leave the page (mail, feeds, the
sitemap, canonical and OpenGraph URLs): mail is sent by the worker, which has no request, and
a page may be reached through a mirror or an internal address that readers must not be sent to.
"""

from urllib.parse import urlsplit

from django.conf import settings


def public_url(path: str = "/") -> str:
    """The absolute URL of ``path`` (an absolute path such as ``/tk/news/``) on the public address."""
    if path.startswith(("https://", "http://")):
        return path
    if not path.startswith("/"):
        path = "/" + path
    return settings.SITE_URL + path


def canonical_url(request, page):
    """The page's absolute address on the public address (SITE_URL), whatever host served it."""
    return public_url(page.get_url(request))


def site_address() -> tuple[str, int]:
    """The host name and port of the public address, for Wagtail's Site record.

    Wagtail writes a Site's links as ``http://`` for every port but 443, so the record of an
    ``https://`` address on port 443 and of ``http://127.0.0.1:8000`` both give back SITE_URL.
    """
    parts = urlsplit(settings.SITE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port
