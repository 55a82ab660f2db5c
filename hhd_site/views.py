"""Site-wide error views, rendered in the visitor's language."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotFound
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

# Seconds a visitor (or a crawler) is asked to wait when the database is unreachable.
DATABASE_RETRY_AFTER = 30


def page_not_found(request, exception=None):
    """404 in the language of the URL prefix (or Accept-Language for unprefixed URLs)."""
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


def _render_without_database(request, template_name, status):
    """Static text in the request's language: no context processors, no database."""
    language = translation.get_language_from_path(request.path) or translation.get_language()
    with translation.override(language):
        template = loader.get_template(template_name)
        body = template.render({"LANGUAGE_CODE": translation.get_language()})
    response = HttpResponse(body, status=status)
    # Never kept by the page cache, a CDN or the browser: the next request may succeed.
    response["Cache-Control"] = "no-store, private"
    return response


def bad_request(request, exception=None):
    """400 (a body over the upload limit, a malformed request) in the visitor's language."""
    return _render_without_database(request, "400.html", status=400)


def permission_denied(request, exception=None):
    """403 in the visitor's language (Django's own page is English only)."""
    return _render_without_database(request, "403.html", status=403)


@requires_csrf_token
def server_error(request):
    """500, or 503 when the database is unreachable: static text, never a stack trace.

    Django calls this while the exception is being handled, so ``sys.exc_info()`` tells
    which one it was. A lost or refused database connection (OperationalError,
    InterfaceError) is a temporary outage: 503 with Retry-After.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = _render_without_database(request, "503.html", status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return _render_without_database(request, "500.html", status=500)
