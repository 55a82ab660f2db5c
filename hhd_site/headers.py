"""Security headers on every response: the Content-Security-Policy (one for the public site,
one for the admin), Permissions-Policy and Cross-Origin-Resource-Policy.

Django's SecurityMiddleware already sends HSTS, ``X-Content-Type-Options: nosniff``,
``Referrer-Policy`` and ``Cross-Origin-Opener-Policy`` (settings in hhd_site/settings/), and
XFrameOptionsMiddleware ``X-Frame-Options``. This middleware sits directly under
SecurityMiddleware and above the page cache, so a page served from the cache gets exactly
the headers of a freshly rendered one.

Public pages are shared by every visitor through the cache and a CDN, so their policy cannot
use per-request nonces: public templates carry no inline script or style at all, and the
policy allows only files from this origin. Every exception is written in the settings
(``CSP_PUBLIC`` and ``CSP_ADMIN``) with the reason beside it.
"""

from functools import wraps

from django.conf import settings

# Wagtail's admin, and Django's admin should it ever be mounted.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def serialise_policy(directives):
    """``{"default-src": ["'none'"], ...}`` → ``"default-src 'none'; ..."`` (empty sources dropped)."""
    parts = []
    for directive, sources in directives.items():
        sources = [source for source in sources if source]
        parts.append(" ".join([directive, *sources]) if sources else directive)
    return "; ".join(parts)


def public_policy():
    """The policy of every public response (pages, feeds, error pages, form answers)."""
    return serialise_policy(settings.CSP_PUBLIC)


def admin_policy(frame_ancestors="'none'"):
    """The admin's policy. Wagtail's preview panel frames a preview view from the admin
    itself; only those responses (X-Frame-Options: SAMEORIGIN) may be framed, by the admin."""
    return serialise_policy({**settings.CSP_ADMIN, "frame-ancestors": [frame_ancestors]})


def is_admin_path(path):
    return path.startswith(ADMIN_PREFIXES)


class SecurityHeadersMiddleware:
    """Add the CSP, Permissions-Policy and Cross-Origin-Resource-Policy to every response.

    A public view that sets its own Content-Security-Policy keeps it: Wagtail's document view
    sends ``default-src 'none'``, stricter than the public policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_admin_path(request.path_info):
            # Always the admin's policy, even over one already set: Wagtail renders a page
            # preview by running a request for the page's public URL through this same
            # middleware, and returns that response from the admin's preview view.
            framed = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
            response["Content-Security-Policy"] = admin_policy("'self'" if framed else "'none'")
        elif "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = public_policy()
        if is_admin_path(request.path_info):
            # Under "no-referrer" a browser sends "Origin: null" with every form POST, and
            # Django's CSRF check then refuses the admin's own forms (its login first of
            # all). "same-origin" still sends nothing to any other site.
            response.setdefault("Referrer-Policy", "same-origin")
        # The admin alone may ask for passkeys (publickey-credentials-create/get=(self)).
        in_admin = is_admin_path(request.path_info)
        permissions = settings.PERMISSIONS_POLICY_ADMIN if in_admin else settings.PERMISSIONS_POLICY
        response.setdefault("Permissions-Policy", permissions)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def keep_private(response):
    """Mark a response that no cache, shared or the browser's own, may keep.

    For form answers, confirmation and thank-you pages: they may show what a visitor typed,
    and the page cache (caching/middleware.py) never stores a ``private``/``no-store`` answer.
    """
    response["Cache-Control"] = "no-store, private"
    return response


def private_response(view):
    """View decorator: the response is sent with ``Cache-Control: no-store, private``."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return keep_private(view(request, *args, **kwargs))

    return wrapped
