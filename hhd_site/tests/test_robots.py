"""/robots.txt as a crawler reads it."""

import pytest

pytestmark = pytest.mark.django_db


def rules_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.content.decode().splitlines()


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_search_results_only(client):
    """Pages, feeds, documents and static files stay open to crawlers."""
    lines = rules_of(client.get("/robots.txt"))

    assert lines[0] == "User-agent: *"
    assert {line for line in lines if line.startswith("Disallow:")} == {
        "Disallow: /admin/",
        "Disallow: /tk/search/",
        "Disallow: /ru/search/",
        "Disallow: /tr/search/",
        "Disallow: /en/search/",
    }


def test_robots_txt_names_the_absolute_address_of_the_sitemap(client):
    lines = rules_of(client.get("/robots.txt"))

    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_gives_the_sitemap_on_the_public_address_whatever_host_was_asked(client, settings):
    settings.SITE_URL = "https://hhd.example.org"
    settings.ALLOWED_HOSTS = ["hhd.example.org", "internal.example.net"]

    lines = rules_of(client.get("/robots.txt", headers={"host": "internal.example.net"}))

    assert "Sitemap: https://hhd.example.org/sitemap.xml" in lines


def test_robots_txt_is_public_cacheable_and_sets_no_cookie(client):
    response = client.get("/robots.txt")

    assert not response.cookies
    assert response["Cache-Control"] == "public, max-age=300"
    assert client.head("/robots.txt").status_code == 200
    assert client.post("/robots.txt").status_code == 405
