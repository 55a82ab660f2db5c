"""Every public response carries the security headers; the admin its own enforced policy.

The rules of MDN's HTTP Observatory are checked one by one at the end of this file (its
scanner only scans ports 80 and 443 of a public host name).
"""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from campaigns.factories import CampaignPageFactory
from hhd_site.headers import SecurityHeadersMiddleware, admin_policy, private_response, public_policy
from hhd_site.tests.production import PRODUCTION_ENV, run_manage
from news.factories import NewsIndexPageFactory, NewsPageFactory

from .security_headers import assert_public_security_headers, directives

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
)


@pytest.fixture
def article(site_tree):
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    return NewsPageFactory(parent=index, title="Stambulda täze hukuk goraýjy gurama")


# Public pages by name: how to reach each from the test site. A campaign page joins with one
# line once the campaigns app has its factory, e.g.
#   "campaign": lambda tree: CampaignPageFactory(parent=tree.homes["tk"]).url,
PUBLIC_PAGES = {
    "home": lambda tree: tree.homes["tk"].url,
    "article": lambda tree: NewsPageFactory(parent=NewsIndexPageFactory(parent=tree.homes["tk"])).url,
    "standard page": lambda tree: tree.about["ru"].url,
    "feed": lambda tree: "/tk/feeds/news.rss",
    "sitemap": lambda tree: "/sitemap.xml",
    "campaign": lambda tree: CampaignPageFactory(parent=tree.homes["tk"]).url,
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_carry_every_security_header_and_set_no_cookie(client, site_tree, name):
    response = client.get(PUBLIC_PAGES[name](site_tree))
    assert response.status_code == 200
    assert_public_security_headers(response)
    assert not response.cookies


# Answers to public form POSTs: (address, data). A feature app's form joins with one line,
# e.g. ("/tk/campaigns/<slug>/sign/", {...}); every answer must also be no-store, private.
FORM_POSTS = [
    ("/_forms/too-many-attempts/", {}),
    ("/_forms/cross-site/", {}),
]


@pytest.mark.urls("hhd_site.tests.form_urls")
@pytest.mark.parametrize(("address", "data"), FORM_POSTS)
def test_form_answers_carry_the_headers_and_are_never_stored(client, site_tree, address, data):
    response = client.post(address, data)
    assert_public_security_headers(response)
    assert response["Cache-Control"] == "no-store, private"
    assert not response.cookies


def test_a_refused_signing_form_answers_with_the_headers_and_is_never_stored(client, site_tree):
    campaign = CampaignPageFactory(parent=site_tree.homes["tk"])
    response = client.post(f"/tk/campaigns/{campaign.pk}/sign/", {"full_name": "<b>x</b>", "email": "nope"})
    assert response.status_code == 400
    assert_public_security_headers(response)
    assert response["Cache-Control"] == "no-store, private"
    assert not response.cookies


def test_a_post_to_an_unknown_address_gets_the_headers_too(client, site_tree):
    response = client.post("/tk/no-such-form/", {"name": "x"})
    assert response.status_code == 404
    assert_public_security_headers(response)


def test_private_response_helper_forbids_every_cache():
    @private_response
    def thank_you(request):
        from django.http import HttpResponse

        response = HttpResponse("thanks")
        response["Cache-Control"] = "public, max-age=60"
        return response

    assert thank_you(RequestFactory().get("/"))["Cache-Control"] == "no-store, private"


def test_not_found_page_carries_the_headers(client, site_tree):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert_public_security_headers(response)
    assert not response.cookies


def test_server_error_page_carries_the_headers_and_no_stack_trace(client, site_tree, monkeypatch):
    from home.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(HomePage, "serve", broken)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 500
    assert_public_security_headers(response)
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret detail" not in body and "Traceback" not in body


@pytest.fixture
def database_down(db):
    """Every query fails as it does when PostgreSQL refuses connections, until the test ends.

    At the cursor rather than by closing the connection: the test's own transaction (and a
    transactional test's flush, which would empty the database for later tests) stay intact.
    """
    from django.db import OperationalError
    from django.db.backends.postgresql.base import DatabaseWrapper

    def refuse(self, name=None):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    # Undone before the test's transaction is rolled back (that needs a cursor).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseWrapper, "create_cursor", refuse)
        yield


def test_database_unreachable_gives_a_translated_503_page_not_a_stack_trace(client, site_tree, database_down):
    client.raise_request_exception = False
    response = client.get("/ru/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store, private"
    assert_public_security_headers(response)
    body = response.content.decode()
    assert '<html lang="ru">' in body
    assert "Сайт ненадолго недоступен" in body
    assert "Traceback" not in body and "OperationalError" not in body and "5432" not in body


def test_cached_pages_are_still_served_while_the_database_is_unreachable(
    client, site_tree, settings, request
):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/tk/")
    request.getfixturevalue("database_down")
    again = client.get("/tk/")
    assert again.status_code == 200
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content


def test_a_page_from_the_cache_carries_exactly_the_headers_of_a_fresh_one(client, site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 300
    fresh = client.get("/ru/about/")
    cached = client.get("/ru/about/")
    assert (fresh["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    assert {name: cached.get(name) for name in SECURITY_HEADERS} == {
        name: fresh.get(name) for name in SECURITY_HEADERS
    }
    assert_public_security_headers(cached)
    assert not cached.cookies


def test_hsts_is_sent_over_https_for_two_years_with_subdomains_and_preload(client, site_tree, settings):
    # The values production.py sets (the subprocess test below checks them there).
    settings.SECURE_HSTS_SECONDS = 63_072_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/tk/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"


def test_production_settings_harden_hsts_redirects_and_cookies():
    script = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_NAME, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_NAME,"
        " s.LANGUAGE_COOKIE_SECURE, s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE, s.MESSAGE_STORAGE)"
    )
    result = run_manage(PRODUCTION_ENV, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    # The last line: Django's shell may first say how many objects it imported.
    assert result.stdout.splitlines()[-1].split() == [
        "63072000", "True", "True", "True",
        "__Host-sessionid", "True", "True",
        "__Host-csrftoken", "True", "True",
        "__Host-language", "True", "Lax", "Lax",
        "django.contrib.messages.storage.session.SessionStorage",
    ]  # fmt: skip


def test_production_adds_the_media_domain_to_img_src_only_when_configured():
    script = "from django.conf import settings as s; print(s.CSP_PUBLIC['img-src'], s.CSP_ADMIN['img-src'])"
    plain = run_manage(PRODUCTION_ENV, "shell", "-c", script)
    assert "cdn" not in plain.stdout and "https://" not in plain.stdout
    bucket = {
        **PRODUCTION_ENV,
        "AWS_STORAGE_BUCKET_NAME": "hhd-media",
        "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
    }
    with_bucket = run_manage(bucket, "shell", "-c", script)
    assert with_bucket.stdout.count("https://media.example.org") == 2, with_bucket.stderr


def test_admin_cookies_are_secure_http_only_same_site_and_host_prefixed(client, settings, admin_user):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    login = reverse("wagtailadmin_login")
    client.get(login, secure=True)
    response = client.post(
        login,
        {
            "username": "admin",
            "password": "password",
            "csrfmiddlewaretoken": client.cookies["__Host-csrftoken"].value,
        },
        secure=True,
    )
    assert response.status_code == 302
    for name in ("__Host-sessionid", "__Host-csrftoken"):
        cookie = client.cookies[name]
        assert cookie["secure"] and cookie["httponly"], name
        assert cookie["samesite"] == "Lax" and cookie["path"] == "/", name
        assert not cookie["domain"], name  # __Host-: bound to this host only
    assert set(client.cookies) == {"__Host-sessionid", "__Host-csrftoken"}


def test_admin_has_its_own_enforced_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == admin_policy()
    assert "Content-Security-Policy-Report-Only" not in response
    admin = directives(response["Content-Security-Policy"])
    assert admin["default-src"] == ["'none'"]
    assert admin["frame-ancestors"] == ["'none'"]
    assert admin["base-uri"] == ["'none'"]
    assert admin["form-action"] == ["'self'"]
    assert admin["connect-src"] == ["'self'"]
    # Only this origin's files; the inline exceptions are explained in settings.CSP_ADMIN.
    assert all(source in ("'self'", "'unsafe-inline'") for source in admin["script-src"])
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    # Same-origin referrers, so that the admin's own form POSTs carry their Origin.
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_login_page_is_under_the_admin_policy(client, db):
    response = client.get(reverse("wagtailadmin_login"))
    assert response["Content-Security-Policy"] == admin_policy()


def test_only_wagtails_preview_may_be_framed_and_only_by_the_admin_itself():
    from django.http import HttpResponse

    def preview(request):
        response = HttpResponse("<h1>preview</h1>")
        response["X-Frame-Options"] = "SAMEORIGIN"
        # Wagtail renders the preview through the middleware for the page's public URL first.
        response["Content-Security-Policy"] = public_policy()
        return response

    response = SecurityHeadersMiddleware(preview)(RequestFactory().get("/admin/pages/3/edit/preview/"))
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]
    assert response["Content-Security-Policy"] == admin_policy("'self'")


def test_a_public_view_with_its_own_stricter_policy_keeps_it(client, db):
    from django.http import HttpResponse

    def document(request):
        response = HttpResponse(b"%PDF-1.4")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(document)(RequestFactory().get("/documents/1/a.pdf"))
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


# --- MDN HTTP Observatory, rule by rule ---------------------------------------------------
# (rule → what earns the best result). The scanner itself needs ports 80/443 of a host name;
# these are the same checks against the test site.


def test_observatory_rules_all_pass_with_their_best_results(client, site_tree, settings):
    settings.SECURE_HSTS_SECONDS = 63_072_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True
    home = client.get("/tk/", secure=True)
    policy = directives(home["Content-Security-Policy"])
    results = {
        # csp-implemented-with-no-unsafe-default-src-none (+10): header, not <meta>; no
        # unsafe-*, no data:/http: in script-src; default-src 'none'.
        "content-security-policy": policy["default-src"] == ["'none'"]
        and "unsafe" not in home["Content-Security-Policy"]
        and not any(source in ("data:", "http:", "https:", "*") for source in policy["script-src"])
        and b'http-equiv="Content-Security-Policy"' not in home.content,
        # cookies-not-found (0): anonymous pages set none (admin cookies: test above).
        "cookies": not home.cookies,
        # cross-origin-resource-sharing-not-implemented (0): no Access-Control-Allow-Origin.
        "cross-origin-resource-sharing": "Access-Control-Allow-Origin" not in home,
        # redirection-to-https (0): plain HTTP is answered with a redirect to https on the same host.
        "redirection": (lambda r: r.status_code == 301 and r["Location"] == "https://testserver/tk/")(
            client.get("/tk/")
        ),
        # referrer-policy-no-referrer (+5).
        "referrer-policy": home["Referrer-Policy"] == "no-referrer",
        # hsts-implemented-max-age-at-least-six-months (0); preloading is up to the domain.
        "strict-transport-security": home["Strict-Transport-Security"].startswith("max-age=63072000"),
        # sri-not-implemented-but-all-scripts-loaded-from-secure-origin (0): same-origin scripts only.
        "subresource-integrity": not re.search(rb'<script[^>]+src="(https?:)?//', home.content),
        # x-content-type-options-nosniff (0).
        "x-content-type-options": home["X-Content-Type-Options"] == "nosniff",
        # x-frame-options-implemented-via-csp (+5): frame-ancestors 'none'.
        "x-frame-options": policy["frame-ancestors"] == ["'none'"] and home["X-Frame-Options"] == "DENY",
        # corp-implemented-with-same-origin (0).
        "cross-origin-resource-policy": home["Cross-Origin-Resource-Policy"] == "same-origin",
    }
    assert results == dict.fromkeys(results, True)
