"""The answer to a locked-out sign-in (django-axes' AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page, with how long to wait (Retry-After) and never stored by a cache:
    a shared cache or CDN would otherwise show it to the next person on that address."""
    response = render(request, "staff/lockout.html", status=429)
    cool_off = get_cool_off(request)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    add_never_cache_headers(response)
    return response
