"""Signing an appeal as a visitor: the form, double opt-in, counting, withdrawal, closing."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from campaigns import services
from campaigns.factories import SignatureFactory
from campaigns.models import CampaignState, Signature

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_fill_time")]


def sign_url(page, language="tk"):
    with translation.override(language):
        return reverse("campaigns:sign", args=[page.pk])


def links_in(message):
    return re.findall(r"http://\S+", message.body)


def confirm_link(message):
    return next(link for link in links_in(message) if "/confirm/" in link)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_campaign_page_shows_the_appeal_the_counter_and_the_form(client, campaign):
    SignatureFactory(campaign=campaign["tk"], confirmed=True)
    response = client.get(campaign["tk"].url)
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("h1").get_text() == "Pasport amnistiýasy"
    assert page.select_one("meter")["value"] == "1"
    assert page.select_one("meter")["max"] == "1000"
    form = page.select_one("form.form")
    assert form["action"] == sign_url(campaign["tk"]) + "#form-errors"  # lands on the error summary
    assert page.select_one("select[name=country] option[selected]")["value"] == "TR"
    # This campaign has no public list of signers: the choice to appear in one is not offered.
    assert page.select_one("input[name=show_publicly]") is None
    assert page.select_one("input[name=wants_newsletter]").get("checked") is None
    assert page.select_one("input[name=consent]").get("checked") is None
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_the_campaign_page_runs_a_fixed_number_of_queries(client, campaign, django_assert_num_queries):
    SignatureFactory(campaign=campaign["tk"], confirmed=True)
    client.get(campaign["tk"].url)  # warm the per-generation caches (route, menu, organisation details)
    # The page's own row (its route is remembered, caching.routes), and the campaign's own
    # two: the signature count and the updates.
    with django_assert_num_queries(3):
        assert client.get(campaign["tk"].url).status_code == 200


def test_signing_stores_an_encrypted_pending_signature_and_mails_a_confirmation(
    client, campaign, signing_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sign_url(campaign["tk"]), signing_data())
    assert response.status_code == 303
    assert response["Location"] == reverse("campaigns:check_inbox", args=[campaign["tk"].pk])
    assert response["Cache-Control"] == "no-store, private"
    signature = Signature.objects.get()
    assert signature.full_name == "Aýna Gurbanowa"
    assert signature.confirmed_at is None
    assert signature.consent_version.startswith("tk-")
    assert services.confirmed_count(campaign["tk"]) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ayna@example.org"]
    assert "/tk/campaigns/confirm/" in confirm_link(mail.outbox[0])


def test_the_database_holds_no_plaintext_name_email_or_city(client, campaign, signing_data):
    client.post(sign_url(campaign["tk"]), signing_data())
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM campaigns_signature")
        raw = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert raw
    for secret in ("Aýna", "Gurbanowa", "ayna@example.org", "example.org", "Stambul"):
        assert secret not in raw


def test_a_get_of_the_confirmation_link_changes_nothing(client, campaign, signing_data):
    client.post(sign_url(campaign["tk"]), signing_data())
    link = confirm_link(mail.outbox[0])
    for _ in range(3):  # a mail scanner opening the link again and again
        response = client.get(link)
        assert response.status_code == 200
        assert soup(response).select_one("form button[type=submit]")
    assert Signature.objects.get().confirmed_at is None
    assert services.confirmed_count(campaign["tk"]) == 0


def test_the_button_confirms_and_confirming_twice_counts_once(client, campaign, signing_data):
    client.post(sign_url(campaign["tk"]), signing_data())
    link = confirm_link(mail.outbox[0])
    first = client.post(link)
    assert first.status_code == 200
    assert first["Cache-Control"] == "no-store, private"
    second = client.post(link)
    assert second.status_code == 200
    assert services.confirmed_count(campaign["tk"]) == 1
    assert services.confirmed_count(campaign["ru"]) == 1  # one campaign, every language


def test_a_confirmation_link_from_another_site_is_refused(client, campaign, signing_data):
    client.post(sign_url(campaign["tk"]), signing_data())
    response = client.post(confirm_link(mail.outbox[0]), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert services.confirmed_count(campaign["tk"]) == 0


def test_an_expired_confirmation_link_does_not_work(client, campaign, signing_data, freezer=None):
    client.post(sign_url(campaign["tk"]), signing_data())
    link = confirm_link(mail.outbox[0])
    signature = Signature.objects.get()
    token = link.rstrip("/").rsplit("/", 1)[1]
    # Eight days later
    import time

    real_time = time.time
    try:
        time.time = lambda: real_time() + 8 * 24 * 3600
        assert services.signature_for_confirmation(token) is None
    finally:
        time.time = real_time
    assert services.signature_for_confirmation(token) == signature
    assert client.post(link.replace(token, token[:-2] + "xx")).status_code == 404


def test_signing_again_with_the_same_address_adds_no_row_and_looks_the_same(client, campaign, signing_data):
    first = client.post(sign_url(campaign["tk"]), signing_data())
    client.post(confirm_link(mail.outbox[0]))
    again = client.post(sign_url(campaign["tk"]), signing_data(email="  AYNA@example.org "))
    assert again.status_code == first.status_code == 303
    assert again["Location"] == first["Location"]
    assert Signature.objects.count() == 1
    assert "eýýäm gol çekipsiňiz" in mail.outbox[-1].body  # "you have already signed", in Turkmen
    assert "/confirm/" not in mail.outbox[-1].body


def test_signing_again_before_confirming_sends_the_confirmation_again(client, campaign, signing_data):
    client.post(sign_url(campaign["tk"]), signing_data())
    client.post(sign_url(campaign["tk"]), signing_data())
    assert Signature.objects.count() == 1
    assert len(mail.outbox) == 2
    assert confirm_link(mail.outbox[1])


def test_the_same_address_may_sign_another_campaign(client, campaign, signing_data, site_tree):
    from campaigns.factories import CampaignPageFactory

    other = CampaignPageFactory(parent=site_tree.homes["tk"], title="Başga")
    client.post(sign_url(campaign["tk"]), signing_data())
    client.post(sign_url(other), signing_data())
    assert Signature.objects.count() == 2


def test_the_confirmation_mail_speaks_the_signers_language(client, campaign, signing_data):
    client.post(sign_url(campaign["ru"], "ru"), signing_data())
    message = mail.outbox[0]
    assert "Паспортная амнистия" in message.subject
    assert "подпис" in message.body
    assert "/ru/campaigns/confirm/" in confirm_link(message)
    assert Signature.objects.get().language == "ru"


def test_a_neutral_subject_hides_what_was_signed(client, campaign, signing_data):
    page = campaign["tk"]
    page.email_subject = "E-poçta salgyňyzy tassyklaň"
    page.save_revision().publish()
    client.post(sign_url(page), signing_data())
    assert mail.outbox[0].subject == "E-poçta salgyňyzy tassyklaň"
    assert "Notifications" in mail.outbox[0].from_email


def test_the_withdrawal_link_asks_first_then_deletes_the_signature(client, campaign, signing_data):
    client.post(sign_url(campaign["tk"]), signing_data())
    client.post(confirm_link(mail.outbox[0]))
    link = next(link for link in links_in(mail.outbox[0]) if "/withdraw/" in link)
    assert client.get(link).status_code == 200
    assert Signature.objects.count() == 1
    response = client.post(link)
    assert response.status_code == 200
    assert Signature.objects.count() == 0
    assert services.confirmed_count(campaign["tk"]) == 0
    assert client.post(link).status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", None, "This field is required"),
        ("full_name", "A" * 10_000, "at most 120 characters"),
        ("full_name", "Aýna\x00Gurbanowa", "Please remove the invisible or control characters"),
        ("full_name", "Aýna\x1bGurbanowa", "control characters"),
        ("full_name", "Aуna Gurbanowa", "one alphabet"),  # a Cyrillic у inside a Latin name
        ("full_name", "<script>alert(1)</script>", "only letters"),
        ("email", "not-an-address", "valid email"),
        ("email", None, "This field is required"),
        ("country", "ZZ", "Select a valid choice"),
        ("city", "Stambul\nAnkara", "one line"),
        ("consent", None, "agree to the privacy policy"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(
    client, campaign, signing_data, field, value, message
):
    data = signing_data(**{field: value})
    if field == "full_name" and value is None:
        data["full_name"] = ""
    response = client.post(sign_url(campaign["en"] if "en" in campaign else campaign["tk"], "en"), data)
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store, private"
    page = soup(response)
    assert message in page.select_one(".form-field--error, .form-errors").parent.get_text()
    assert Signature.objects.count() == 0
    if field != "email":
        assert page.select_one("input[name=email]")["value"] == "ayna@example.org"
    if field != "city":
        assert page.select_one("input[name=city]")["value"] == "Stambul"


def test_errors_are_in_the_visitors_language(client, campaign, signing_data):
    response = client.post(sign_url(campaign["ru"], "ru"), signing_data(consent=None, email="nope"))
    text = soup(response).get_text()
    assert "Введите правильный адрес электронной почты" in text
    assert "Чтобы подписать, согласитесь с политикой конфиденциальности" in text


def test_a_form_sent_too_quickly_comes_back_with_a_message(client, campaign, signing_data, settings):
    settings.FORM_MIN_FILL_SECONDS = 3
    response = client.post(sign_url(campaign["tk"]), signing_data())
    assert response.status_code == 400
    assert Signature.objects.count() == 0
    assert soup(response).select_one("input[name=full_name]")["value"] == "Aýna Gurbanowa"


def test_a_bot_filling_the_honeypot_sees_success_and_nothing_is_stored(client, campaign, signing_data):
    response = client.post(sign_url(campaign["tk"]), signing_data(website="http://spam.example"))
    assert response.status_code == 303
    assert Signature.objects.count() == 0
    assert mail.outbox == []


def test_a_post_from_another_site_is_refused(client, campaign, signing_data):
    response = client.post(sign_url(campaign["tk"]), signing_data(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert Signature.objects.count() == 0


def test_origin_null_from_our_own_no_referrer_pages_is_accepted(client, campaign, signing_data):
    response = client.post(sign_url(campaign["tk"]), signing_data(), HTTP_ORIGIN="null")
    assert response.status_code == 303


def test_too_many_signings_from_one_address_are_refused_with_retry_after(
    client, campaign, signing_data, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign:ip": (3, 600)}
    for n in range(3):
        assert (
            client.post(sign_url(campaign["tk"]), signing_data(email=f"s{n}@example.org")).status_code == 303
        )
    response = client.post(sign_url(campaign["tk"]), signing_data(email="s9@example.org"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Gaty köp synanyşyk" in response.content.decode()  # the visitor's language (tk)
    assert Signature.objects.count() == 3


def test_one_email_address_cannot_be_used_to_flood_its_owner(client, campaign, signing_data, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign:email": (2, 3600)}
    for _ in range(2):
        client.post(sign_url(campaign["tk"]), signing_data())
    assert client.post(sign_url(campaign["tk"]), signing_data()).status_code == 429
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("state", [CampaignState.CLOSED, CampaignState.DELIVERED])
def test_a_closed_campaign_shows_a_notice_and_refuses_a_late_post(client, campaign, signing_data, state):
    page = campaign["tk"]
    page.state = state
    page.save_revision().publish()
    page_html = soup(client.get(page.url))
    assert page_html.select_one("form.form") is None
    assert page_html.select_one(".notice")
    response = client.post(sign_url(page), signing_data())
    assert response.status_code == 409
    assert "not recorded" in response.content.decode() or "hasaba alynmady" in response.content.decode()
    assert Signature.objects.count() == 0


def test_the_form_closes_by_itself_after_the_deadline(client, campaign, signing_data):
    page = campaign["tk"]
    page.deadline = timezone.now() - timezone.timedelta(minutes=1)
    page.save_revision().publish()
    assert soup(client.get(page.url)).select_one("form.form") is None
    assert client.post(sign_url(page), signing_data()).status_code == 409
    assert Signature.objects.count() == 0


def test_the_public_list_shows_first_name_and_city_of_those_who_chose_it(client, campaign):
    page = campaign["tk"]
    page.show_public_list = True
    page.save_revision().publish()
    SignatureFactory(
        campaign=page, confirmed=True, full_name="Merdan Annaýew", city="Mersin", show_publicly=True
    )
    SignatureFactory(
        campaign=page, confirmed=True, full_name="Gizlin Adam", city="Ankara", show_publicly=False
    )
    SignatureFactory(campaign=page, confirmed=False, full_name="Tassyklanmadyk", show_publicly=True)
    items = [li.get_text() for li in soup(client.get(page.url)).select(".public-signers li")]
    assert items == ["Merdan, Mersin"]


def test_what_a_visitor_typed_is_escaped_everywhere_it_is_shown(client, campaign):
    page = campaign["tk"]
    page.show_public_list = True
    page.save_revision().publish()
    SignatureFactory(
        campaign=page, confirmed=True, full_name="<b>Bold</b>", city="<script>x</script>", show_publicly=True
    )
    html = client.get(page.url).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_a_signer_who_asked_for_news_is_handed_to_the_newsletter_on_confirmation(
    client, campaign, signing_data, monkeypatch
):
    handed = []
    monkeypatch.setattr(services, "subscribe_to_newsletter", lambda signature: handed.append(signature.pk))
    client.post(sign_url(campaign["tk"]), signing_data(wants_newsletter="on"))
    assert handed == []  # not before the signer confirms the address
    client.post(confirm_link(mail.outbox[0]))
    assert handed == [Signature.objects.get().pk]


def test_a_signing_costs_a_fixed_number_of_queries(
    client, campaign, signing_data, settings, django_assert_num_queries
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the worker mails later
    client.post(sign_url(campaign["tk"]), signing_data(email="first@example.org"))  # warms the caches
    # savepoint, insert of the signature, release, insert of the mail task
    with django_assert_num_queries(4):
        assert client.post(sign_url(campaign["tk"]), signing_data()).status_code == 303


def test_a_signing_for_a_page_that_is_not_a_live_campaign_is_404(client, campaign, signing_data, site_tree):
    assert client.post(sign_url(site_tree.about["tk"]), signing_data()).status_code == 404
    page = campaign["tk"]
    page.unpublish()
    assert client.post(sign_url(page), signing_data()).status_code == 404
    assert Signature.objects.count() == 0


def test_a_forged_forwarded_address_from_an_untrusted_peer_does_not_escape_the_limit(
    client, campaign, signing_data, settings
):
    """Whoever reaches gunicorn directly may send any X-Forwarded-For: it is not believed."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign:ip": (30, 600)}
    settings.TRUSTED_PROXIES = ["10.0.0.2/32"]
    answers = [
        client.post(
            sign_url(campaign["tk"]),
            signing_data(email=f"s{n}@example.org"),
            REMOTE_ADDR="198.51.100.20",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(40)
    ]
    assert answers.count(303) == 30
    assert answers[30:] == [429] * 10
    assert Signature.objects.count() == 30


def test_behind_our_own_front_each_visitor_has_a_limit_of_their_own(client, campaign, signing_data, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign:ip": (2, 600)}
    settings.TRUSTED_PROXIES = ["10.0.0.2/32"]

    def sign_through_front(visitor, n, forged="6.6.6.6"):
        return client.post(
            sign_url(campaign["tk"]),
            signing_data(email=f"{visitor}-{n}@example.org"),
            REMOTE_ADDR="10.0.0.2",
            # What a client wrote itself stands left of the address our front appended.
            HTTP_X_FORWARDED_FOR=f"{forged}, {visitor}",
        ).status_code

    assert [sign_through_front("203.0.113.1", n, forged=f"6.6.6.{n}") for n in range(3)] == [303, 303, 429]
    assert [sign_through_front("203.0.113.2", n) for n in range(2)] == [303, 303]
