"""The site's URLs plus the shared answers of public forms, for the header tests.

The feature apps' own form views join ``FORM_POSTS`` in test_security_headers.py as they land.
"""

from django.urls import path

from hhd_site.urls import handler404, handler500  # noqa: F401
from hhd_site.urls import urlpatterns as site_urlpatterns
from safety.ratelimits import forbidden_cross_site, too_many_attempts

urlpatterns = [
    path("_forms/too-many-attempts/", lambda request: too_many_attempts(request, 120)),
    path("_forms/cross-site/", forbidden_cross_site),
    *site_urlpatterns,
]
