"""Every absolute URL a reader or a machine is given is on the public address (SITE_URL),
whatever host name or scheme the request came in by (an internal address, a mirror, a
health check): canonical and OpenGraph URLs, hreflang alternates, share links, feeds,
robots.txt and Wagtail's own Site record."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.models import Site

from home.apps import sync_site_address
from home.factories import translate_page
from news.factories import NewsIndexPageFactory, NewsPageFactory

PUBLIC = "https://hhd.example.org"


@pytest.fixture
def public_address(settings):
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "hhd.example.org"]
    cache.clear()


@pytest.fixture
def article(site_tree):
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"], title="Habarlar", slug="news")
    translate_page(index, "ru", title="Новости")
    page = NewsPageFactory(
        parent=index, title="Täze habar", slug="taze-habar", date=datetime.date(2025, 4, 1)
    )
    translate_page(page, "ru", title="Свежая новость")
    return page


def absolute_urls(html):
    page = BeautifulSoup(html, "html.parser")
    urls = [link["href"] for link in page.select("link[rel=canonical], link[rel=alternate][hreflang]")]
    urls += [meta["content"] for meta in page.select("meta[property='og:url']")]
    return page, urls


def test_a_page_served_under_another_host_names_only_the_public_address(client, article, public_address):
    response = client.get("/tk/news/taze-habar/", HTTP_HOST="127.0.0.1")
    page, urls = absolute_urls(response.content.decode())
    assert page.select_one("link[rel=canonical]")["href"] == f"{PUBLIC}/tk/news/taze-habar/"
    assert len(urls) >= 4  # canonical, og:url, hreflang tk and ru
    assert all(url.startswith(f"{PUBLIC}/") for url in urls), urls
    share = [a["href"] for a in page.select(".share a")]
    assert share[-1] == f"{PUBLIC}/tk/news/taze-habar/"
    assert "127.0.0.1" not in response.content.decode()


def test_feeds_link_the_public_address_for_the_feed_itself_and_every_entry(client, article, public_address):
    for path in ("/tk/feeds/news.rss", "/tk/feeds/news.atom"):
        body = client.get(path, HTTP_HOST="127.0.0.1").content.decode()
        links = re.findall(r'(?:<link>|href=")(https?://[^<"]+)', body)
        assert links, body[:500]
        assert all(link.startswith(f"{PUBLIC}/") for link in links), links
        assert f"{PUBLIC}/tk/news/taze-habar/" in links
        assert "127.0.0.1" not in body


def test_robots_txt_points_at_the_sitemap_on_the_public_address(client, site_tree, public_address):
    body = client.get("/robots.txt", HTTP_HOST="127.0.0.1").content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in body


def test_migrate_puts_the_default_site_record_on_the_public_address(site_tree, public_address):
    """Wagtail's own full URLs (and the addresses a CDN is told to purge) come from it."""
    assert (site_tree.site.hostname, site_tree.site.port) == ("localhost", 80)
    sync_site_address()  # what post_migrate runs
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("hhd.example.org", 443, PUBLIC)
    assert site_tree.homes["tk"].full_url == f"{PUBLIC}/tk/"
