"""Site-wide error views, rendered in the visitor's language."""

from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token


def page_not_found(request, exception=None):
    """404 in the language of the URL prefix (or Accept-Language for unprefixed URLs)."""
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


@requires_csrf_token
def server_error(request):
    """500 that needs no database: static text in the request's language only."""
    language = translation.get_language_from_path(request.path) or translation.get_language()
    with translation.override(language):
        template = loader.get_template("500.html")
        return HttpResponseServerError(template.render({"LANGUAGE_CODE": translation.get_language()}))
