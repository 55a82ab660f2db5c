"""Onion-Location on public HTML pages, also when the page comes from the page cache."""

import pytest

from mirrorlist.middleware import onion_location

ONION = "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion"  # a real v3 address


@pytest.fixture
def onion_site(settings, site_tree):
    settings.ONION_ADDRESS = ONION
    return site_tree


@pytest.mark.django_db
def test_a_public_page_points_at_the_same_path_on_the_onion_service(client, onion_site):
    response = client.get("/ru/about/?page=2")
    assert response.status_code == 200
    assert response["Onion-Location"] == f"http://{ONION}/ru/about/?page=2"


@pytest.mark.django_db
def test_a_page_from_the_page_cache_carries_it_too(client, onion_site, settings):
    settings.PAGE_CACHE_SECONDS = 300  # on, as in production (off in the other tests)
    first = client.get("/tk/about/")
    second = client.get("/tk/about/")
    assert second["X-Page-Cache"] == "hit"
    assert first["X-Page-Cache"] == "miss"
    assert first["Onion-Location"] == second["Onion-Location"] == f"http://{ONION}/tk/about/"


@pytest.mark.django_db
def test_not_for_a_visitor_with_a_cookie_set(rf, settings):
    settings.ONION_ADDRESS = ONION
    response = html_response()
    response.set_cookie("csrftoken", "x")
    assert onion_location(rf.get("/tk/contact/"), response) is None


@pytest.mark.django_db
def test_nothing_without_an_onion_address(client, settings, site_tree):
    settings.ONION_ADDRESS = ""
    assert "Onion-Location" not in client.get("/tk/about/")


@pytest.mark.django_db
def test_not_on_the_admin_static_files_feeds_or_errors(client, onion_site):
    assert "Onion-Location" not in client.get("/admin/login/")
    assert "Onion-Location" not in client.get("/robots.txt")
    assert "Onion-Location" not in client.get("/tk/no-such-page/")
    assert "Onion-Location" not in client.get("/tk/feeds/rss/")


def html_response(status=200, cache_control="max-age=300", content_type="text/html; charset=utf-8"):
    from django.http import HttpResponse

    response = HttpResponse("<p>x</p>", status=status, content_type=content_type)
    if cache_control:
        response["Cache-Control"] = cache_control
    return response


@pytest.mark.parametrize(
    ("method", "path", "response", "sent"),
    [
        ("get", "/tk/", html_response(), True),
        ("head", "/tk/", html_response(), True),
        ("post", "/tk/newsletter/subscribe/", html_response(), False),  # a form's answer
        ("get", "/admin/pages/", html_response(), False),
        ("get", "/django-admin/", html_response(), False),
        ("get", "/tk/newsletter/preferences/token/", html_response(cache_control="private, no-store"), False),
        ("get", "/tk/newsletter/confirm/token/", html_response(cache_control="private, no-cache"), False),
        ("get", "/tk/search/?q=pasport", html_response(), False),
        ("get", "/static/css/site.css", html_response(content_type="text/css"), False),
        ("get", "/tk/moved/", html_response(status=301), False),
    ],
)
def test_which_responses_carry_it(rf, settings, method, path, response, sent):
    settings.ONION_ADDRESS = ONION.upper()  # written in capitals: sent in the form Tor uses
    location = onion_location(getattr(rf, method)(path), response)
    assert location == (f"http://{ONION}{path}" if sent else None)
