"""The admin's language: staff choose it on their account page without filling in anything
else, and staff who chose none get one language the admin is complete in: the browser's when the
admin is offered in it (Turkmen too, since the project ships its catalogue), else the default."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

# A string of the site's own (staff app) and one of Wagtail's, on the account page.
OURS = {
    "en": "Two-step sign-in",
    "ru": "Двухэтапный вход",
    "tr": "İki adımlı giriş",
    "tk": "Iki ädimli giriş",
}
WAGTAILS = {"en": "Preferred language", "ru": "Предпочтительный язык", "tr": "Tercih edilen dil"}


@pytest.fixture
def nameless(client, staff_user):
    """A staff member with no first or last name (as an enrolment link leaves them)."""
    user = staff_user("nameless", "Editors")
    user.first_name = user.last_name = ""
    user.save()
    client.force_login(user)
    return user


def account_page(client, **headers):
    response = client.get(reverse("wagtailadmin_account"), **headers)
    assert response.status_code == 200
    return response.content.decode()


def html_lang(html):
    return BeautifulSoup(html, "html.parser").html["lang"]


def form_as_posted(html):
    """The account form's fields with the values they were rendered with, as a browser posts it."""
    form = BeautifulSoup(html, "html.parser").find("form", id="w-editor-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file"):
            continue
        if field.name == "select":
            selected = field.find("option", selected=True)
            data[name] = selected.get("value", "") if selected else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


@pytest.mark.parametrize(
    "accept_language", [{}, {"HTTP_ACCEPT_LANGUAGE": "de"}, {"HTTP_ACCEPT_LANGUAGE": "de,fr;q=0.5"}]
)
def test_staff_without_a_choice_get_the_default_admin_language_complete(client, nameless, accept_language):
    """No language asked for, or none the admin has: not the site's default (Turkmen), which
    Django falls back to, but ADMIN_DEFAULT_LANGUAGE."""
    html = account_page(client, **accept_language)
    assert html_lang(html) == "en"
    assert OURS["en"] in html and WAGTAILS["en"] in html
    assert OURS["tk"] not in html


@pytest.mark.parametrize("accept_language", ["tk", "tk,de;q=0.5", "de,tk;q=0.5"])
def test_a_browser_asking_for_turkmen_gets_the_turkmen_admin(client, nameless, accept_language):
    html = account_page(client, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert html_lang(html) == "tk"
    assert OURS["tk"] in html and OURS["en"] not in html


@pytest.mark.parametrize("default", ["ru", "tr", "tk"])
def test_the_default_admin_language_is_a_setting(client, nameless, settings, default):
    settings.ADMIN_DEFAULT_LANGUAGE = default
    UserProfile.get_for_user(nameless)  # a profile without a preferred language
    html = account_page(client, HTTP_ACCEPT_LANGUAGE="de")
    assert html_lang(html) == default
    assert OURS[default] in html and OURS["en"] not in html
    if default in WAGTAILS:
        assert WAGTAILS[default] in html and WAGTAILS["en"] not in html


def test_the_default_admin_language_is_one_the_admin_is_offered_in():
    from django.conf import settings

    assert settings.ADMIN_DEFAULT_LANGUAGE == "en"
    assert [code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES] == ["tk", "en", "ru", "tr"]


def test_a_browser_asking_for_a_complete_admin_language_still_gets_it(client, nameless):
    html = account_page(client, HTTP_ACCEPT_LANGUAGE="tr")
    assert html_lang(html) == "tr" and OURS["tr"] in html and WAGTAILS["tr"] in html


def test_the_public_site_keeps_turkmen_as_its_default(client, site_tree):
    response = client.get("/tk/")
    assert html_lang(response.content.decode()) == "tk"


def test_a_staff_member_without_a_name_chooses_the_admin_language(client, nameless):
    data = form_as_posted(account_page(client))
    assert data["name_email-first_name"] == "" and data["name_email-last_name"] == ""
    data["locale-preferred_language"] = "ru"

    response = client.post(reverse("wagtailadmin_account"), data)

    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").get_text()[:1500]
    assert UserProfile.get_for_user(nameless).preferred_language == "ru"
    html = account_page(client, HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(html) == "ru" and OURS["ru"] in html and WAGTAILS["ru"] in html


def test_an_address_once_given_is_not_removed_from_the_account_page(client, nameless):
    data = form_as_posted(account_page(client))
    data["name_email-email"] = ""
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 200
    nameless.refresh_from_db()
    assert nameless.email == "nameless@example.org"
