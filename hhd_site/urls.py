from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from caching import routes
from hhd_site import robots, sitemaps, views
from search import views as search_views
from staff import admin_language

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error

urlpatterns = [
    # Before Wagtail's admin: reachable after the password, before the second step.
    path("admin/two-factor/webauthn/", include("staff.passkey_urls")),
    path("admin/two-factor/", include("staff.urls")),
    # Wagtail's account page, whose admin language can be chosen without a name (staff/admin_language.py).
    path("admin/account/", admin_language.account_view, name="wagtailadmin_account"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.sitemap_xml, name="sitemap"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page carries its language in the URL: /tk/, /ru/, /tr/, /en/.
# `/` is redirected by LocaleMiddleware according to Accept-Language, with
# Turkmen (LANGUAGE_CODE) as the fallback.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("feeds/", include("news.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("donations/", include("donations.urls")),
    path("contact/", include("contact.urls")),
    # Wagtail's own URLs, its page view through caching.routes (the same view, found faster).
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, routes.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
