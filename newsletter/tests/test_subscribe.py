"""Subscribing: the footer form on every page, the newsletter page, the guarded POST,
double opt-in mail, no enumeration, bad input, encryption at rest, concurrency."""

import re
import threading

from bs4 import BeautifulSoup
from django.db import connection, connections
from django.test import Client

from newsletter import services
from newsletter.factories import CONSENT_VERSION, SubscriberFactory
from newsletter.models import Subscriber
from safety.digests import email_digest
from safety.models import ConsentWording

from .conftest import form_data, links_in

SUBSCRIBE = "/ru/newsletter/subscribe/"


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


# --- The forms on the pages --------------------------------------------------------------


def test_every_page_has_the_footer_subscribe_form_with_the_page_language_preselected(client, site_tree):
    for code in ("tk", "ru", "en"):
        page = soup_of(client.get(f"/{code}/"))
        form = page.select_one(".site-footer form.subscribe-form--footer")
        assert form is not None, code
        assert form["action"] == f"/{code}/newsletter/subscribe/#form-errors"  # lands on the error summary
        assert form.select_one("select[name=language] option[selected]")["value"] == code
        assert form.select_one("input[name=email]")["type"] == "email"
        consent = form.select_one("input[name=newsletter_consent]")
        assert consent["type"] == "checkbox" and not consent.has_attr("checked")
        assert form.select_one(".form-honeypot input[name=website]") is not None
        assert form.select_one("input[name=form_token]")["value"]


def test_the_footer_form_carries_no_csrf_token_and_sets_no_cookie(client, site_tree):
    response = client.get("/ru/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_footer_form_element_ids_are_unique_on_the_page(client, site_tree):
    page = soup_of(client.get("/tk/about/"))
    ids = [element["id"] for element in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_newsletter_page_shows_the_intro_and_one_form_in_its_language(client, newsletter_pages):
    response = client.get("/ru/newsletter/")
    assert response.status_code == 200
    page = soup_of(response)
    assert "Важные новости на вашу почту." in page.get_text()
    forms = page.select("form.subscribe-form")
    assert len(forms) == 1  # the footer leaves the form to the page
    assert forms[0].select_one("select[name=language] option[selected]")["value"] == "ru"
    assert (
        page.select_one("label[for=id_newsletter_consent]").get_text(strip=True).startswith("Я хочу получать")
    )


def test_newsletter_page_get_takes_a_fixed_number_of_queries(
    client, newsletter_pages, django_assert_num_queries
):
    client.get("/ru/newsletter/")  # warm: site, locales and fragments cached as in production
    # The page's own row (its route is remembered, caching.routes; translations for the switcher
    # are cached per generation) and the privacy page in the page's language.
    with django_assert_num_queries(2):
        response = client.get("/ru/newsletter/")
    assert response.status_code == 200


def test_the_footer_form_adds_no_query_to_a_page(client, site_tree, django_assert_max_num_queries):
    client.get("/tk/about/")
    with django_assert_max_num_queries(20) as captured:
        client.get("/tk/about/")
    assert not any("newsletter" in query["sql"] for query in captured.captured_queries)


# --- Posting the form --------------------------------------------------------------------


def test_subscribing_stores_an_unconfirmed_subscriber_and_mails_the_confirmation_in_russian(
    client, site_tree, smtp_server
):
    response = client.post(SUBSCRIBE, form_data(email="Ayna@Example.org "))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert "Проверьте почту" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Ayna@Example.org"
    assert subscriber.email_digest == email_digest("ayna@example.org")
    assert (subscriber.language, subscriber.source) == ("ru", "form")
    # The consent as the visitor read it, in the page's language, can be read back.
    wording = ConsentWording.objects.get(version=subscriber.consent_version)
    assert wording.language == "ru" and wording.text.startswith("Я хочу получать")
    assert subscriber.confirmed_at is None
    [message] = smtp_server.messages
    assert message["To"] == "Ayna@Example.org"
    assert message["Subject"] == "Подтвердите подписку"
    assert message["From"] == "Notifications <noreply@localhost>"
    body = message.get_content()
    assert "HHD" in body and "Ayna" not in message["Subject"]
    [confirm_path] = links_in(body)
    assert confirm_path.startswith("/ru/newsletter/confirm/")


def test_the_answer_is_the_same_for_a_new_an_unconfirmed_and_a_confirmed_address(
    client, site_tree, smtp_server
):
    SubscriberFactory(email="known@example.org", language="ru")
    SubscriberFactory(email="waiting@example.org", language="ru", unconfirmed=True)

    def answer(email):
        response = client.post(SUBSCRIBE, form_data(email=email))
        text = re.sub(r'name="form_token" value="[^"]*"', "", response.content.decode())
        return response.status_code, response["Cache-Control"], text

    new, unconfirmed, confirmed = (
        answer("new@example.org"),
        answer("waiting@example.org"),
        answer("known@example.org"),
    )
    assert new == unconfirmed == confirmed
    # The confirmed owner learns of the attempt in their own inbox, nobody on screen.
    subjects = sorted(message["Subject"] for message in smtp_server.messages)
    assert subjects == ["Ваша подписка", "Подтвердите подписку", "Подтвердите подписку"]
    assert Subscriber.objects.count() == 3


def test_a_second_request_for_an_unconfirmed_address_reuses_its_row_in_the_new_language(client, site_tree):
    SubscriberFactory(email="waiting@example.org", language="tk", unconfirmed=True)
    client.post(SUBSCRIBE, form_data(email="WAITING@example.org", language="en"))
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "en"


def test_bad_input_is_answered_in_the_visitors_language_keeping_what_was_typed(client, site_tree):
    response = client.post(SUBSCRIBE, form_data(email="ayna@", language="tr", consent=""))
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store, private"
    page = soup_of(response)
    form = page.select_one("form.subscribe-form")
    assert form.select_one("input[name=email]")["value"] == "ayna@"
    assert form.select_one("select[name=language] option[selected]")["value"] == "tr"
    text = form.get_text()
    assert "Введите правильный адрес электронной почты, например name@example.com." in text
    assert "Отметьте галочку" in text
    assert form.select_one("input[name=email]")["aria-invalid"] == "true"
    assert not Subscriber.objects.exists()


def test_a_form_sent_too_quickly_is_shown_again_with_its_values(client, site_tree):
    from safety.guards import issue_form_token

    response = client.post(SUBSCRIBE, form_data(form_token=issue_form_token("newsletter-subscribe")))
    form = soup_of(response).select_one("form.subscribe-form")
    assert form.select_one("input[name=email]")["value"] == "ayna@example.org"
    assert form.select_one(".form-errors") is not None
    assert not Subscriber.objects.exists()


def test_a_post_from_another_site_is_refused(client, site_tree):
    response = client.post(SUBSCRIBE, form_data(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_a_bot_filling_the_honeypot_is_told_all_went_well_and_nothing_is_stored(
    client, site_tree, mailoutbox
):
    response = client.post(SUBSCRIBE, form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "Проверьте почту" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_a_bot_filling_the_honeypot_with_a_bad_address_gets_the_form_back_like_a_person(client, site_tree):
    # The honeypot is looked at after validation, as in every public form (safety.public_forms).
    bot = client.post(SUBSCRIBE, form_data(email="not-an-address", website="http://spam.example"))
    person = client.post(SUBSCRIBE, form_data(email="not-an-address"))
    assert bot.status_code == person.status_code
    assert "Проверьте почту" not in bot.content.decode()
    assert BeautifulSoup(bot.content, "html.parser").select_one(".form-errors") is not None
    assert not Subscriber.objects.exists()


def test_a_fourth_request_for_one_address_within_the_hour_is_rate_limited(client, site_tree):
    for _attempt in range(3):
        assert client.post(SUBSCRIBE, form_data()).status_code == 200
    response = client.post(SUBSCRIBE, form_data(email="AYNA@example.org"))
    assert response.status_code == 429
    assert response["Retry-After"]


def test_too_many_requests_from_one_address_are_rate_limited(client, site_tree, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "subscribe:ip": (2, 600)}
    for number in range(2):
        client.post(SUBSCRIBE, form_data(email=f"reader{number}@example.org"))
    assert client.post(SUBSCRIBE, form_data(email="reader9@example.org")).status_code == 429


def test_the_form_posts_without_a_csrf_token(site_tree):
    client = Client(enforce_csrf_checks=True)
    assert client.post(SUBSCRIBE, form_data()).status_code == 200
    assert Subscriber.objects.count() == 1


def test_get_of_the_subscribe_address_shows_the_form_alone(client, site_tree):
    response = client.get(SUBSCRIBE)
    assert response.status_code == 200
    assert len(soup_of(response).select("form.subscribe-form")) == 1


# --- The service other apps call ------------------------------------------------------------


def test_a_campaign_subscription_of_a_confirmed_address_sends_nothing(site_tree, mailoutbox):
    SubscriberFactory(email="signer@example.org")
    services.subscribe("signer@example.org", "tk", "campaign-news-1", source="campaign")
    assert mailoutbox == []


def test_a_campaign_subscription_of_a_new_address_gets_the_same_confirmation(site_tree, mailoutbox):
    services.subscribe("signer@example.org", "tr", "campaign-news-1", source="campaign")
    subscriber = Subscriber.objects.get()
    assert (subscriber.source, subscriber.consent_version) == ("campaign", "campaign-news-1")
    [message] = mailoutbox
    assert message.subject == "Aboneliğinizi onaylayın"


def test_an_unknown_language_falls_back_to_turkmen(site_tree, mailoutbox):
    services.subscribe("reader@example.org", "xx", CONSENT_VERSION)
    assert Subscriber.objects.get().language == "tk"


def test_the_task_queue_carries_no_address(site_tree):
    from django_tasks.signals import task_enqueued

    seen = []

    def record(sender, task_result, **kwargs):
        seen.append((task_result.task.name, task_result.args, task_result.kwargs))

    task_enqueued.connect(record)
    try:
        services.subscribe("private@example.org", "ru", CONSENT_VERSION)
    finally:
        task_enqueued.disconnect(record)
    assert seen == [("send_confirmation", [Subscriber.objects.get().pk], {})]


# --- Data at rest ---------------------------------------------------------------------------


def test_the_database_holds_no_plaintext_address(site_tree):
    services.subscribe("secret.person@example.org", "ru", CONSENT_VERSION)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM newsletter_subscriber")
        rows = cursor.fetchall()
    dump = repr(rows).lower()
    assert rows and "secret.person" not in dump and "example.org" not in dump
    assert Subscriber.objects.get().email == "secret.person@example.org"


def in_own_connection(function, *args):
    """Run ``function`` in a thread with its own database connection (autocommit, like a web worker)."""
    errors = []

    def work():
        try:
            function(*args)
        except Exception as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    return thread, errors


def test_simultaneous_requests_for_one_address_make_one_subscriber(db):
    # Six "web workers" with their own connections commit outside this test's transaction, so the
    # unique constraint really decides between them; their rows are removed at the end.
    barrier = threading.Barrier(6)
    digest = email_digest("same@example.org")

    def request(number):
        barrier.wait()
        services.subscribe(f"Same@Example.org{' ' * number}", "ru", CONSENT_VERSION)

    workers = [in_own_connection(request, number) for number in range(6)]
    for thread, _errors in workers:
        thread.start()
    for thread, _errors in workers:
        thread.join()
    try:
        assert [error for _thread, errors in workers for error in errors] == []
        assert Subscriber.objects.filter(email_digest=digest).count() == 1
    finally:
        cleanup, _errors = in_own_connection(lambda: Subscriber.objects.filter(email_digest=digest).delete())
        cleanup.start()
        cleanup.join()
