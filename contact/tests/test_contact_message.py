"""The contact page and its form: general enquiries, press, partners."""

import logging

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contact.models import ContactMessage
from home.factories import translate_page
from safety.models import ConsentWording

from .conftest import contact_data

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def post_message(client, page, language="tk", **overrides):
    return client.post(f"/{language}/contact/message/{page.pk}/", contact_data(**overrides))


def test_the_page_shows_the_intro_the_warning_and_the_form(client, contact_page):
    response = client.get(contact_page.url)
    assert response.status_code == 200
    assert not response.cookies
    html = soup_of(response)
    assert contact_page.intro in html.get_text()
    assert html.select_one(".safety-warning")
    form = html.select_one("form.contact-form")
    assert (
        form["action"] == f"/tk/contact/message/{contact_page.pk}/#form-errors"
    )  # lands on the error summary
    assert {"name", "email", "subject", "message", "consent", "website", "form_token"} <= {
        element["name"] for element in form.select("[name]")
    }
    assert "csrfmiddlewaretoken" not in response.content.decode()


# The page's own row: its route and its live translations are remembered per generation
# (caching.routes, the language switcher); no privacy page chosen here.
EXPECTED_QUERIES = 1


def test_the_page_runs_a_fixed_number_of_queries(client, contact_page):
    client.get(contact_page.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(contact_page.url)
    assert response.status_code == 200
    assert len(queries) == EXPECTED_QUERIES, [query["sql"] for query in queries]


def test_a_message_is_stored_encrypted_and_the_sender_sees_the_editors_thank_you_text(client, contact_page):
    response = post_message(client, contact_page)
    assert response.status_code == 303
    assert "no-store" in response["Cache-Control"]
    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.subject, message.language) == (
        "Leyla Demir",
        "leyla@example.org",
        "Röportaj isteği",
        "tk",
    )
    assert ConsentWording.objects.filter(version=message.consent_version).exists()
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "no-store" in thanks["Cache-Control"]
    assert contact_page.thank_you_text in thanks.content.decode()
    assert "Leyla" not in thanks.content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email, subject, message FROM contact_contactmessage")
        stored = " ".join(cursor.fetchone())
    for value in ("Leyla", "leyla@example.org", "Röportaj", "röportaj"):
        assert value not in stored


def test_bad_input_keeps_what_was_typed_with_a_message_in_the_visitors_language(client, contact_page):
    turkish = translate_page(contact_page, "tr", title="İletişim", slug="iletisim")
    response = post_message(client, turkish, language="tr", email="leyla-at-example", message="")
    assert response.status_code == 400
    assert not ContactMessage.objects.exists()
    html = soup_of(response)
    assert html.select_one("input[name=name]")["value"] == "Leyla Demir"
    assert html.select_one("input[name=email]")["value"] == "leyla-at-example"
    assert html.select_one("input[name=subject]")["value"] == "Röportaj isteği"
    email_field = html.select_one("input[name=email]").find_parent(class_="form-field")
    assert "geçerli bir e-posta adresi" in email_field.get_text()


def test_consent_is_required(client, contact_page):
    response = post_message(client, contact_page, consent=None)
    assert response.status_code == 400
    assert not ContactMessage.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_stored(client, contact_page):
    response = post_message(client, contact_page, website="http://spam.example")
    assert response.status_code == 303
    assert not ContactMessage.objects.exists()


def test_a_post_from_another_site_is_refused(client, contact_page):
    response = client.post(
        f"/tk/contact/message/{contact_page.pk}/", contact_data(), HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403


def test_one_address_cannot_flood_the_staff(client, contact_page, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "contact:email": (2, 3600)}
    assert post_message(client, contact_page).status_code == 303
    assert post_message(client, contact_page, email="LEYLA@example.org ").status_code == 303
    assert post_message(client, contact_page).status_code == 429
    assert ContactMessage.objects.count() == 2


def test_nothing_the_sender_typed_reaches_the_logs(client, contact_page, caplog):
    with caplog.at_level(logging.DEBUG):
        post_message(client, contact_page)
    logged = " ".join(record.getMessage() for record in caplog.records)
    for value in ("Leyla", "leyla@example.org", "Röportaj", "görüşmek"):
        assert value not in logged
