"""The help page and its form, as a person in trouble gets them."""

import logging
import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching.middleware import hot_pages
from contact.factories import HelpRequestPageFactory, make_caseworker_key
from contact.models import CaseEnvelope, CaseStatus, CaseworkerKey, HelpRequest
from home.factories import translate_page
from home.models import OrganisationDetails
from safety import references

from .conftest import TEST_ITERATIONS, backdated_token, help_data, open_case

pytestmark = pytest.mark.django_db

INLINE_EVENT = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def post_help(client, page, language="tk", **overrides):
    return client.post(f"/{language}/contact/help/{page.pk}/", help_data(**overrides))


def test_the_page_shows_the_warning_the_quick_exit_and_every_question(client, help_page, caseworker_key):
    response = client.get(help_page.url)
    assert response.status_code == 200
    html = soup_of(response)
    assert html.select_one(".safety-warning").get_text(strip=True)
    quick_exit = html.select_one("a[data-quick-exit]")
    assert quick_exit["href"] == "https://www.google.com/"
    assert "noreferrer" in quick_exit["rel"]
    assert html.select_one("script[src$='contact/js/quick_exit.js']")
    form = html.select_one("form.help-form")
    assert form["action"] == f"/tk/contact/help/{help_page.pk}/#form-errors"  # lands on the error summary
    names = {element["name"] for element in form.select("[name]")}
    assert {
        "category",
        "location",
        "urgent",
        "contact_channel",
        "contact_value",
        "language",
        "name",
        "account",
        "consent",
        "website",
        "form_token",
    } <= names
    categories = [radio["value"] for radio in form.select("input[name=category]")]
    assert categories == [
        "passport",
        "residence",
        "detention",
        "work_housing",
        "schooling",
        "pressure",
        "other",
    ]
    channels = [radio["value"] for radio in form.select("input[name=contact_channel]")]
    assert channels == ["phone", "whatsapp", "telegram", "signal", "email"]
    assert form.select_one("select[name=language] option[selected]")["value"] == "tk"
    assert not form.select_one("input[name=urgent]").has_attr("checked")
    assert not form.select_one("input[name=consent]").has_attr("checked")


def test_an_editor_sets_the_warning_text_per_language(client, help_page):
    russian = translate_page(help_page, "ru", title="Попросить о помощи", safety_warning="Пишите с телефона.")
    html = soup_of(client.get(russian.url))
    assert "Пишите с телефона." in html.select_one(".safety-warning").get_text()
    assert html.select_one("select[name=language] option[selected]")["value"] == "ru"


def test_the_page_is_cacheable_no_cookie_no_csrf_token_no_inline_script(client, help_page):
    response = client.get(help_page.url)
    assert not response.cookies
    content = response.content.decode()
    assert "csrfmiddlewaretoken" not in content
    html = soup_of(response)
    assert all(
        script.get("src") for script in html.find_all("script") if script.get("type") != "application/ld+json"
    )
    assert not html.find_all("style") and not html.find_all(style=True)
    assert not INLINE_EVENT.search(content)


def test_the_page_is_served_from_the_page_cache(client, help_page, settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    hot_pages.clear()
    assert client.get(help_page.url)["X-Page-Cache"] == "miss"
    assert client.get(help_page.url)["X-Page-Cache"] == "hit"


# The page's own row (its route is remembered per generation, caching.routes, and so are the
# live translations for the language switcher) and the privacy policy linked beside the
# consent in this language.
EXPECTED_QUERIES = 2


def test_the_page_runs_a_fixed_number_of_queries(client, site_tree):
    page = HelpRequestPageFactory(parent=site_tree.homes["tk"], privacy_page=site_tree.about["tk"])
    client.get(page.url)  # warm Wagtail's per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    assert "HHD barada" in response.content.decode()  # the privacy link, in Turkmen
    assert len(queries) == EXPECTED_QUERIES, [query["sql"] for query in queries]


def test_an_urgent_request_is_sealed_and_the_person_sees_a_reference_and_what_happens_next(
    client, help_page, caseworker_key
):
    response = post_help(client, help_page)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    case = HelpRequest.objects.get()
    assert (case.category, case.urgent, case.language, case.status) == (
        "detention",
        True,
        "tk",
        CaseStatus.NEW,
    )
    assert references.is_valid(case.reference)
    html = soup_of(response)
    assert html.select_one(".reference__code").get_text() == case.display_reference
    assert help_page.next_steps in html.get_text()
    assert html.select_one("a[data-quick-exit]")
    # Only the caseworker's private key opens what the person wrote.
    assert open_case(case, caseworker_key) == {
        "version": 1,
        "name": "Merdan",
        "location": "Stambul, Arnawutköý",
        "contact_channel": "whatsapp",
        "contact_value": "+90 555 123 45 67",
        "account": "Doganym Arnawutköýdäki deportasiýa merkezinde saklanýar.",
    }
    assert case.consent_version.startswith("tk-")


def test_the_request_is_sealed_to_every_active_caseworker_and_nobody_else(
    client, help_page, caseworker_key, second_caseworker_key, editor, django_user_model
):
    make_caseworker_key(editor, iterations=TEST_ITERATIONS)  # an editor's key: not a caseworker
    retired = make_caseworker_key(django_user_model.objects.create_user("left"), iterations=TEST_ITERATIONS)
    retired.key.active = False
    retired.key.save()
    post_help(client, help_page)
    case = HelpRequest.objects.get()
    keys = set(CaseEnvelope.objects.filter(help_request=case).values_list("key_id", flat=True))
    assert keys == {caseworker_key.key.pk, second_caseworker_key.key.pk}
    assert open_case(case, second_caseworker_key)["name"] == "Merdan"


def test_a_caseworker_who_left_the_group_no_longer_receives_new_requests(
    client, help_page, caseworker, caseworker_key, second_caseworker_key
):
    second_caseworker_key.key.user.groups.clear()
    post_help(client, help_page)
    keys = set(CaseEnvelope.objects.values_list("key_id", flat=True))
    assert keys == {caseworker_key.key.pk}


def test_the_reference_never_appears_in_a_url(client, help_page, caseworker_key):
    response = post_help(client, help_page)
    case = HelpRequest.objects.get()
    assert response.status_code == 200  # answered directly, not redirected to a URL
    assert case.reference not in response.request["PATH_INFO"]


def test_a_missing_field_keeps_what_was_typed_with_a_message_in_the_visitors_language(
    client, help_page, caseworker_key
):
    response = post_help(client, help_page, account="", name="Merdan", location="Stambul")
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    assert not HelpRequest.objects.exists()
    html = soup_of(response)
    assert html.select_one(".form-errors")["role"] == "alert"
    assert html.select_one("input[name=name]")["value"] == "Merdan"
    assert html.select_one("input[name=location]")["value"] == "Stambul"
    assert html.select_one("input[name=category][value=detention]").has_attr("checked")
    assert html.select_one("input[name=urgent]").has_attr("checked")
    account = html.select_one("textarea[name=account]").find_parent(class_="form-field")
    assert "Näme bolandygyny gysgaça ýazyň." in account.get_text()


def test_the_contact_value_is_checked_for_the_chosen_channel(client, help_page, caseworker_key):
    response = post_help(
        client, help_page, language="tk", contact_channel="email", contact_value="merdan at mail"
    )
    assert response.status_code == 400
    field = soup_of(response).select_one("input[name=contact_value]").find_parent(class_="form-field")
    assert "e-poçta salgysyny" in field.get_text()
    for channel, value in (
        ("phone", "+90 (555) 123-45-67"),
        ("whatsapp", "0555 123 45 67"),
        ("telegram", "@aman_t"),
        ("signal", "aman.01"),
        ("email", "aman@example.org"),
    ):
        assert post_help(client, help_page, contact_channel=channel, contact_value=value).status_code == 200
    for channel, value in (("phone", "12"), ("telegram", "a b"), ("signal", "hello")):
        assert post_help(client, help_page, contact_channel=channel, contact_value=value).status_code == 400
    assert HelpRequest.objects.count() == 5


def test_the_name_is_optional(client, help_page, caseworker_key):
    assert post_help(client, help_page, name="").status_code == 200
    assert open_case(HelpRequest.objects.get(), caseworker_key)["name"] == ""


@pytest.fixture
def safer_channels(site_tree):
    """The organisation's Signal, Telegram and phone, as editors set them (the same in every language)."""
    OrganisationDetails.objects.update(
        signal="+90 555 010 20 30", telegram="@hhd_yardim", phone="+90 212 555 01 02"
    )


def test_without_a_caseworker_key_the_page_says_so_before_any_field_with_the_safer_channels_first(
    client, help_page, safer_channels
):
    html = soup_of(client.get(help_page.url))
    main = html.select_one("main")
    notice = main.select_one(".help-unavailable")
    # At the top: right under the title, before the introduction, and no form that would refuse.
    assert notice.find_previous_sibling() == main.select_one("h1")
    assert main.select_one("form.help-form") is None
    assert main.select("input, textarea, select") == []
    assert notice.select_one("h2").get_text() == "Forma häzir elýeterli däl"  # in the page's language
    channels = [item.get_text(" ", strip=True) for item in notice.select(".help-channels li")]
    assert channels == [
        "Signal: +90 555 010 20 30",
        "Telegram: @hhd_yardim",
        "Telefon: +90 212 555 01 02",
        "E-poçta: hakhukugadayanc@gmail.com",
    ]
    links = [link["href"] for link in notice.select(".help-channels a")]
    assert links == [
        "https://signal.me/#p/+905550102030",
        "https://t.me/hhd_yardim",
        "tel:+902125550102",
        "mailto:hakhukugadayanc@gmail.com",
    ]


def test_channels_an_editor_left_empty_are_not_offered_and_the_email_remains(client, help_page):
    html = soup_of(client.get(help_page.url))
    channels = [item.get_text(" ", strip=True) for item in html.select(".help-channels li")]
    assert channels == ["E-poçta: hakhukugadayanc@gmail.com"]


def test_registering_a_caseworker_key_brings_the_form_back_to_the_cached_page(
    client, help_page, caseworker, django_capture_on_commit_callbacks
):
    assert soup_of(client.get(help_page.url)).select_one("form.help-form") is None
    with django_capture_on_commit_callbacks(execute=True):
        make_caseworker_key(caseworker, iterations=TEST_ITERATIONS)
    html = soup_of(client.get(help_page.url))
    assert html.select_one("form.help-form") is not None
    assert html.select_one(".help-unavailable") is None


def test_a_request_that_finds_no_key_behind_a_stale_page_makes_the_page_say_so(
    client, help_page, caseworker_key, django_capture_on_commit_callbacks
):
    """The only caseworker lost her key without the cache hearing of it: the first refused request
    corrects the cached page."""
    assert soup_of(client.get(help_page.url)).select_one("form.help-form") is not None
    CaseworkerKey.objects.update(active=False)  # no signal: the cached page still offers the form
    with django_capture_on_commit_callbacks(execute=True):
        assert post_help(client, help_page).status_code == 503
    html = soup_of(client.get(help_page.url))
    assert html.select_one("form.help-form") is None
    assert html.select_one(".help-unavailable") is not None


def test_without_a_caseworker_key_nothing_is_stored_and_the_person_is_told_where_to_write(
    client, help_page, caplog
):
    with caplog.at_level(logging.INFO):
        response = post_help(client, help_page)
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]
    assert not HelpRequest.objects.exists()
    html = soup_of(response)
    alert = html.select_one(".form-errors")
    assert alert["role"] == "alert"
    assert "hhd@example.org" in alert.get_text() or alert.select_one("a[href^=mailto]")
    # What was typed is still there, to copy into a message sent another way; no form to send it again.
    assert html.select_one(".help-unavailable textarea").get_text().strip().startswith("Doganym")
    assert html.select_one("form.help-form") is None
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert warnings == ["help request refused: no caseworker key is registered"]
    assert_no_personal_data_in(caplog)


def assert_no_personal_data_in(caplog):
    logged = " ".join(record.getMessage() for record in caplog.records)
    for value in ("Merdan", "Arnawutköý", "555 123", "Doganym", "deportasiýa"):
        assert value not in logged


def test_nothing_the_person_typed_reaches_the_logs(client, help_page, caseworker_key, caplog):
    with caplog.at_level(logging.DEBUG):
        post_help(client, help_page, contact_channel="email", contact_value="merdan@example.org")
    assert HelpRequest.objects.count() == 1
    assert_no_personal_data_in(caplog)
    assert "merdan@example.org" not in " ".join(record.getMessage() for record in caplog.records)


def test_a_bot_filling_the_honeypot_is_answered_like_a_person_and_nothing_is_stored(
    client, help_page, caseworker_key
):
    response = post_help(client, help_page, website="http://spam.example")
    assert response.status_code == 200
    assert soup_of(response).select_one(".reference__code").get_text()
    assert not HelpRequest.objects.exists()


def test_a_form_sent_too_quickly_comes_back_with_a_message(client, help_page, caseworker_key, settings):
    settings.FORM_MIN_FILL_SECONDS = 60
    response = post_help(client, help_page, form_token=backdated_token("contact.help", seconds=2))
    assert response.status_code == 400
    assert not HelpRequest.objects.exists()
    assert soup_of(response).select_one("input[name=location]")["value"] == "Stambul, Arnawutköý"


def test_a_post_from_another_site_is_refused(client, help_page, caseworker_key):
    response = client.post(
        f"/tk/contact/help/{help_page.pk}/", help_data(), HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert not HelpRequest.objects.exists()


def test_too_many_requests_from_one_address_are_slowed_down(client, help_page, caseworker_key, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "help:ip": (2, 600)}
    assert post_help(client, help_page).status_code == 200
    assert post_help(client, help_page).status_code == 200
    response = post_help(client, help_page)
    assert response.status_code == 429
    assert response["Retry-After"]
    assert HelpRequest.objects.count() == 2


def test_a_draft_page_takes_no_request(client, help_page, caseworker_key):
    help_page.unpublish()
    assert post_help(client, help_page).status_code == 404
