"""The donation page and the pledge form, as a visitor gets them."""

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from donations.factories import DonationPageFactory, PledgeFactory
from donations.models import Pledge, PledgeStatus
from home.factories import translate_page
from safety.models import ConsentWording

from .conftest import backdated_token, pledge_data

pytestmark = pytest.mark.django_db

INLINE_EVENT = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def post_pledge(client, page, language="tk", **overrides):
    return client.post(f"/{language}/donations/pledge/{page.pk}/", pledge_data(**overrides))


def test_the_page_shows_impact_suggested_amounts_accounts_and_the_form(client, site_tree):
    page = DonationPageFactory(
        parent=site_tree.homes["tk"],
        impact=[("impact", {"amount": Decimal("500"), "currency": "TRY", "text": "bir sagat aklawçy"})],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup_of(response)
    assert "bir sagat aklawçy" in html.select_one(".impact").get_text()
    assert "TR33 0006 1005 1978 6457 8413 26" in html.select_one(".bank-accounts").get_text()
    assert "DE89 3704 0044 0532 0130 00" in html.select_one(".bank-accounts").get_text()
    suggestions = html.select_one(".suggested-amounts").get_text()
    assert "500" in suggestions and "TRY" in suggestions and "EUR" in suggestions
    form = html.select_one("form.pledge-form")
    assert form["action"] == f"/tk/donations/pledge/{page.pk}/#form-errors"  # lands on the error summary
    assert form.select_one("input[name=form_token]")["value"]
    assert form.select_one("[name=currency] option[selected]")["value"] == "TRY"


def test_the_page_is_cacheable_no_cookie_no_csrf_token_no_inline_script(client, donation_page):
    response = client.get(donation_page.url)
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    html = soup_of(response)
    assert all(
        script.get("src") for script in html.find_all("script") if script.get("type") != "application/ld+json"
    )
    assert not html.find_all("style") and not html.find_all(style=True)
    assert not INLINE_EVENT.search(response.content.decode())


def test_goal_progress_counts_received_pledges_in_the_goal_currency_in_every_language(client, site_tree):
    page = DonationPageFactory(
        parent=site_tree.homes["tk"], goal_amount=Decimal("10000"), goal_currency="TRY"
    )
    russian = translate_page(page, "ru", title="Пожертвовать")
    PledgeFactory(
        page=page, status=PledgeStatus.RECEIVED, received_amount=Decimal("1500"), received_on="2025-06-01"
    )
    PledgeFactory(
        page=russian, status=PledgeStatus.RECEIVED, received_amount=Decimal("500"), received_on="2025-06-02"
    )
    PledgeFactory(
        page=page, currency="EUR", status=PledgeStatus.RECEIVED, received_amount=9, received_on="2025-06-02"
    )
    PledgeFactory(page=page, amount=Decimal("7000"))  # pledged, not received
    meter = soup_of(client.get(page.url)).select_one(".progress meter")
    assert Decimal(meter["value"]) == Decimal("2000")
    assert Decimal(meter["max"]) == Decimal("10000")
    assert meter.get_text() == "20%"


# The page's own row (route and translations remembered per generation, as news pages),
# then the bank accounts and the goal's received total.
EXPECTED_QUERIES = 3


def test_the_page_runs_a_fixed_number_of_queries(client, site_tree):
    page = DonationPageFactory(parent=site_tree.homes["tk"], goal_amount=Decimal("10000"))
    for _ in range(20):
        PledgeFactory(page=page, status=PledgeStatus.RECEIVED, received_amount=500, received_on="2025-06-01")
    client.get(page.url)  # warm Wagtail's per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    assert len(queries) == EXPECTED_QUERIES, [query["sql"] for query in queries]


def test_a_pledge_leads_to_the_thank_you_page_with_the_reference_and_the_lira_account(client, donation_page):
    response = post_pledge(client, donation_page)
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert (pledge.amount, pledge.currency, pledge.status, pledge.language) == (
        Decimal("500"),
        "TRY",
        "pledged",
        "tk",
    )
    assert pledge.payment_method == "bank_transfer"
    assert pledge.name == "" and pledge.email == "" and pledge.consent_version == ""
    assert pledge.reference not in response["Location"]  # the link carries a signed id only

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "no-store" in thanks["Cache-Control"]
    html = soup_of(thanks)
    assert html.select_one(".reference__code").get_text() == pledge.display_reference
    accounts = html.select_one(".bank-accounts").get_text()
    assert "TR33 0006 1005 1978 6457 8413 26" in accounts
    assert "DE89" not in accounts  # only the accounts in the pledged currency
    assert html.select_one("script[src$='donations.js']")
    assert html.select_one("button.copy-button[hidden]")  # shown by the script only


def test_the_thank_you_link_is_refused_when_forged(client, donation_page):
    assert client.get("/tk/donations/thanks/1:forged/").status_code == 404


def test_the_pledge_answer_is_never_cached(client, donation_page):
    response = post_pledge(client, donation_page)
    assert "no-store" in response["Cache-Control"]


def test_bad_input_keeps_what_was_typed_with_a_translated_message(client, site_tree):
    page = DonationPageFactory(parent=site_tree.homes["tk"])
    turkish = translate_page(page, "tr", title="Bağış yapın", slug="bagis")
    response = post_pledge(
        client, turkish, language="tr", amount="beş yüz", name="Ayşe", email="ayse@example.org"
    )
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    html = soup_of(response)
    assert html.select_one("input[name=amount]")["value"] == "beş yüz"
    assert html.select_one("input[name=name]")["value"] == "Ayşe"
    assert html.select_one("input[name=email]")["value"] == "ayse@example.org"
    errors = html.select_one(".form-errors")
    assert errors is not None and errors["role"] == "alert"
    amount_field = html.select_one("input[name=amount]").find_parent(class_="form-field")
    assert "Lütfen bağışlamak istediğiniz tutarı bir sayı olarak girin" in amount_field.get_text()
    consent_field = html.select_one("input[name=consent]").find_parent(class_="form-field")
    assert "form-field--error" in consent_field["class"]
    assert Pledge.objects.count() == 0


def test_an_e_mail_address_without_consent_is_refused(client, donation_page):
    response = post_pledge(client, donation_page, email="donor@example.org")
    assert response.status_code == 400
    assert Pledge.objects.count() == 0


def test_an_e_mail_address_with_consent_is_stored_encrypted_with_the_wording_version(client, donation_page):
    response = post_pledge(client, donation_page, name="Aýna", email="Ayna@Example.org", consent="on")
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.email == "Ayna@Example.org" and pledge.name == "Aýna"
    wording = ConsentWording.objects.get(version=pledge.consent_version)
    assert wording.language == pledge.language
    assert wording.text  # the exact label the donor saw, in their language
    assert pledge.consented_at is not None
    assert len(pledge.email_digest) == 64
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM donations_pledge")
        raw = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert "Ayna" not in raw and "Aýna" not in raw and "example" not in raw.lower()


@pytest.mark.parametrize("amount", ["0", "-5", "1000001", "12.345"])
def test_amounts_out_of_bounds_are_refused(client, donation_page, amount):
    assert post_pledge(client, donation_page, amount=amount).status_code == 400
    assert Pledge.objects.count() == 0


def test_a_decimal_comma_is_understood_in_turkish(client, site_tree):
    page = translate_page(
        DonationPageFactory(parent=site_tree.homes["tk"]), "tr", title="Bağış", slug="bagis"
    )
    assert post_pledge(client, page, language="tr", amount="250,50").status_code == 302
    assert Pledge.objects.get().amount == Decimal("250.50")


def test_a_monthly_pledge_in_euros_is_stored_as_such(client, donation_page):
    post_pledge(client, donation_page, amount="25", currency="EUR", frequency="monthly")
    pledge = Pledge.objects.get()
    assert (pledge.amount, pledge.currency, pledge.frequency) == (Decimal("25"), "EUR", "monthly")


def test_a_post_from_another_site_is_refused(client, donation_page):
    response = client.post(
        f"/tk/donations/pledge/{donation_page.pk}/", pledge_data(), HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert Pledge.objects.count() == 0


def test_a_form_sent_too_quickly_comes_back_with_a_message(client, donation_page):
    response = post_pledge(client, donation_page, form_token=backdated_token(seconds=0))
    assert response.status_code == 400
    assert soup_of(response).select_one(".form-errors .errorlist")
    assert Pledge.objects.count() == 0


def test_a_bot_that_fills_the_honeypot_is_thanked_and_nothing_is_stored(client, donation_page):
    response = post_pledge(client, donation_page, website="http://spam.example")
    assert response.status_code == 200
    assert soup_of(response).select_one(".reference__code")
    assert Pledge.objects.count() == 0


def test_too_many_pledges_from_one_address_are_refused(client, donation_page, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledge:ip": (2, 600)}
    assert post_pledge(client, donation_page).status_code == 302
    assert post_pledge(client, donation_page).status_code == 302
    response = post_pledge(client, donation_page)
    assert response.status_code == 429
    assert Pledge.objects.count() == 2


def test_too_many_pledges_for_one_e_mail_address_are_refused(client, donation_page, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledge:email": (1, 3600)}
    assert post_pledge(client, donation_page, email="a@example.org", consent="on").status_code == 302
    assert post_pledge(client, donation_page, email="A@example.org ", consent="on").status_code == 429


def test_a_pledge_for_an_unpublished_page_is_not_found(client, donation_page):
    donation_page.unpublish()
    assert post_pledge(client, donation_page).status_code == 404


def test_the_donation_and_thank_you_pages_stay_under_the_weight_budget(client, donation_page):
    from hhd_site.tests.page_weight import BUDGET, transferred

    response = post_pledge(client, donation_page)
    assert transferred(client, donation_page.url) < BUDGET
    assert transferred(client, response["Location"]) < BUDGET
