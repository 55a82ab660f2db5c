"""The public pages of the foundation, as a visitor's browser sees them over HTTP."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import HOME_TITLES

pytestmark = pytest.mark.django_db

LANGUAGES = ("tk", "ru", "tr", "en")


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("tr", "/tr/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("tk", "/tk/"),
        ("de-DE", "/tk/"),
        ("", "/tk/"),
    ],
)
def test_root_redirects_by_accept_language_falling_back_to_turkmen(
    client, site_tree, accept_language, expected
):
    response = client.get("/", headers={"accept-language": accept_language} if accept_language else {})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_in_each_language_shows_its_content_and_lang_attribute(client, site_tree, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    page = soup_of(response)
    assert page.html["lang"] == code
    assert page.h1.get_text(strip=True) == HOME_TITLES[code]


def test_every_page_links_each_existing_translation_and_x_default(client, site_tree):
    page = soup_of(client.get("/ru/about/"))
    alternates = {
        link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)
    }
    assert alternates == {
        "tk": "http://testserver/tk/about/",
        "ru": "http://testserver/ru/about/",
        "x-default": "http://testserver/tk/about/",
    }


def test_language_switcher_goes_to_the_translation_or_else_that_languages_home(client, site_tree):
    page = soup_of(client.get("/ru/about/"))
    switcher = page.find("nav", class_="language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links == {"tk": "/tk/about/", "ru": "/ru/about/", "tr": "/tr/", "en": "/en/"}
    assert switcher.find("a", attrs={"aria-current": "true"})["hreflang"] == "ru"


def test_menu_shows_pages_marked_show_in_menus_in_the_current_language(client, site_tree):
    menu = soup_of(client.get("/ru/")).find("nav", class_="main-menu")
    assert [a.get_text(strip=True) for a in menu.find_all("a")] == ["Главная", "О HHD"]
    menu = soup_of(client.get("/en/")).find("nav", class_="main-menu")
    assert [a.get_text(strip=True) for a in menu.find_all("a")] == ["Home"]


def test_footer_shows_the_organisations_contacts_in_the_pages_language(client, site_tree):
    footer = soup_of(client.get("/ru/")).find("footer")
    text = footer.get_text(" ", strip=True)
    assert "hakhukugadayanc@gmail.com" in text
    assert "@hakhukugadayanc7641" in text
    assert "@hakhukugadayanc" in text
    assert footer.find("a", href="https://www.youtube.com/@hakhukugadayanc7641")
    assert "Опора на права и закон" in soup_of(client.get("/ru/")).find("header").get_text()


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        ("tk", "Sahypa tapylmady"),
        ("ru", "Страница не найдена"),
        ("tr", "Sayfa bulunamadı"),
        ("en", "Page not found"),
    ],
)
def test_missing_page_answers_404_in_the_language_of_the_url(client, site_tree, code, heading):
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    page = soup_of(response)
    assert page.html["lang"] == code
    assert page.h1.get_text(strip=True) == heading


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        ("tk", "Bir näsazlyk ýüze çykdy"),
        ("ru", "Что-то пошло не так"),
        ("tr", "Bir şeyler ters gitti"),
        ("en", "Something went wrong"),
    ],
)
def test_server_error_page_speaks_the_language_of_the_url_without_touching_the_database(
    rf, code, heading, django_assert_num_queries
):
    from hhd_site.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get(f"/{code}/broken/"))
    assert response.status_code == 500
    page = soup_of(response)
    assert page.html["lang"] == code
    assert page.h1.get_text(strip=True) == heading


def test_anonymous_page_views_set_no_cookie(client, site_tree):
    for url in ("/tk/", "/ru/about/", "/en/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url


INLINE_EVENT = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.parametrize("url", ["/tk/", "/ru/about/", "/en/no-such-page/"])
def test_public_pages_carry_no_inline_script_style_or_event_handler(client, site_tree, url):
    response = client.get(url)
    page = soup_of(response)
    # JSON-LD is a data block that browsers never execute; every executable script is a file.
    executable = [script for script in page.find_all("script") if script.get("type") != "application/ld+json"]
    assert all(script.get("src") for script in executable)
    assert not page.find_all("style")
    assert not page.find_all(style=True)
    assert not INLINE_EVENT.search(response.content.decode())


def test_public_pages_load_nothing_from_another_host(client, site_tree):
    page = soup_of(client.get("/tk/"))
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
        for element in page.find_all(tag):
            # canonical and alternate links name addresses; they load nothing
            if tag == "link" and set(element.get("rel")) & {"alternate", "canonical"}:
                continue
            if tag == "script" and element.get("type") == "application/ld+json":
                continue
            assert element[attribute].startswith("/"), element
