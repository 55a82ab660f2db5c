"""/sitemap.xml as a search engine reads it: every public page in every language, with its translations."""

import datetime

import pytest
from defusedxml import ElementTree
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from home.factories import StandardPageFactory, translate_page
from news.factories import NewsIndexPageFactory, NewsPageFactory, StatementPageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SERVER = "http://testserver"


def sitemap_of(response):
    """{location: {"lastmod": ..., "alternates": {hreflang: href}}}, in the order of the file."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        location = url.findtext(f"{SITEMAP}loc")
        assert location not in entries, f"{location} is listed twice"
        entries[location] = {
            "lastmod": url.findtext(f"{SITEMAP}lastmod"),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall(f"{XHTML}link")
                if link.get("rel") == "alternate"
            },
        }
    return entries


@pytest.fixture
def news(site_tree):
    """A news index with an article in Turkmen, both translated into Russian."""
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    article = NewsPageFactory(parent=index, title="Habar", slug="habar")
    return {
        "index": index,
        "article": article,
        "index_ru": translate_page(index, "ru", title="Новости"),
        "article_ru": translate_page(article, "ru", title="Новость"),
    }


def test_sitemap_lists_the_pages_of_all_four_languages_with_their_translations(client, news):
    entries = sitemap_of(client.get("/sitemap.xml"))

    homes = {code: f"{SERVER}/{code}/" for code in ("tk", "ru", "tr", "en")}
    assert list(entries) == [
        f"{SERVER}/tk/",
        f"{SERVER}/tk/about/",
        f"{SERVER}/tk/news/",
        f"{SERVER}/tk/news/habar/",
        f"{SERVER}/ru/",
        f"{SERVER}/ru/about/",
        f"{SERVER}/ru/news/",
        f"{SERVER}/ru/news/habar/",
        f"{SERVER}/tr/",
        f"{SERVER}/en/",
    ]
    for home in homes.values():
        assert entries[home]["alternates"] == {**homes, "x-default": homes["tk"]}
    about = {"tk": f"{SERVER}/tk/about/", "ru": f"{SERVER}/ru/about/"}
    # Not translated into Turkish or English: no alternates that would lead nowhere.
    assert entries[about["ru"]]["alternates"] == {**about, "x-default": about["tk"]}
    assert entries[f"{SERVER}/tk/news/habar/"]["alternates"] == {
        "tk": f"{SERVER}/tk/news/habar/",
        "ru": f"{SERVER}/ru/news/habar/",
        "x-default": f"{SERVER}/tk/news/habar/",
    }
    for location in entries:
        assert client.get(location.removeprefix(SERVER)).status_code == 200


def test_each_page_says_when_it_was_last_published(client, news, site_tree):
    about = site_tree.about["ru"]
    Page.objects.filter(pk=about.pk).update(
        last_published_at=datetime.datetime(2025, 2, 3, 12, tzinfo=datetime.UTC)
    )

    entries = sitemap_of(client.get("/sitemap.xml"))

    assert entries[f"{SERVER}/ru/about/"]["lastmod"] == "2025-02-03"
    assert (
        entries[f"{SERVER}/ru/news/habar/"]["lastmod"]
        == timezone.localdate(news["article_ru"].last_published_at).isoformat()
    )


def test_x_default_of_a_page_without_a_turkmen_version_is_the_page_itself(client, site_tree):
    contacts = StandardPageFactory(parent=site_tree.homes["en"], title="Contacts", slug="contacts")
    contacts.save_revision().publish()

    entries = sitemap_of(client.get("/sitemap.xml"))

    assert entries[f"{SERVER}/en/contacts/"]["alternates"] == {
        "en": f"{SERVER}/en/contacts/",
        "x-default": f"{SERVER}/en/contacts/",
    }


def test_drafts_private_pages_and_aliases_are_left_out(client, news, site_tree):
    # A Russian translation that is still a draft: no page, and no alternate pointing at it.
    draft = NewsPageFactory(parent=news["index"], title="Garalama", slug="garalama")
    translated_draft = draft.copy_for_translation(news["index_ru"].locale)
    assert not translated_draft.live
    StandardPageFactory(parent=site_tree.homes["tk"], title="Taslama", slug="taslama", live=False)
    members = StandardPageFactory(parent=site_tree.homes["tk"], title="Agzalar", slug="agzalar")
    StandardPageFactory(parent=members, title="Içerki", slug="icerki")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    # An alias shows the Turkmen About page at an English address (as wagtail-localize's tree
    # synchronisation makes them): it is no translation.
    alias = site_tree.about["tk"].copy_for_translation(site_tree.homes["en"].locale, alias=True)
    assert alias.live and client.get("/en/about/").status_code == 200

    entries = sitemap_of(client.get("/sitemap.xml"))

    assert f"{SERVER}/tk/news/garalama/" in entries
    assert entries[f"{SERVER}/tk/news/garalama/"]["alternates"] == {
        "tk": f"{SERVER}/tk/news/garalama/",
        "x-default": f"{SERVER}/tk/news/garalama/",
    }
    for left_out in (
        "/ru/news/garalama/",
        "/tk/taslama/",
        "/tk/agzalar/",
        "/tk/agzalar/icerki/",
        "/en/about/",
    ):
        assert f"{SERVER}{left_out}" not in entries
    assert "en" not in entries[f"{SERVER}/tk/about/"]["alternates"]


def test_sitemap_is_public_cacheable_and_sets_no_cookie(client, site_tree):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert not response.cookies
    assert response["Cache-Control"] == "public, max-age=300"


def test_sitemap_uses_the_public_address_whatever_host_and_scheme_served_it(client, site_tree, settings):
    settings.SITE_URL = "https://hhd.example.org"
    entries = sitemap_of(client.get("/sitemap.xml"))

    assert "https://hhd.example.org/tk/" in entries
    assert all(location.startswith("https://hhd.example.org/") for location in entries)


# The request's site, its root page's translations, the private sections, the pages (with
# their locales), and Wagtail's site root paths for the addresses (2).
SITEMAP_QUERIES = 6


@pytest.mark.parametrize("count", [5, 25])
def test_sitemap_takes_the_same_number_of_queries_whatever_the_number_of_pages(
    client, news, django_assert_num_queries, count
):
    for number in range(count):
        factory = NewsPageFactory if number % 2 else StatementPageFactory
        page = factory(parent=news["index"])
        translate_page(page, "ru")
    cache.clear()  # Wagtail's site root paths are cached: count them in.

    with django_assert_num_queries(SITEMAP_QUERIES):
        response = client.get("/sitemap.xml")

    assert response.content.count(b"<url>") == 10 + 2 * count
