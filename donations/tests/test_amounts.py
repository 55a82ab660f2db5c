"""Amounts as each language writes them (donations.amounts), on their own and through the form."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from donations.amounts import parse_amount
from donations.currencies import format_amount
from donations.factories import DonationPageFactory
from donations.models import Pledge
from home.factories import translate_page

from .conftest import pledge_data

NBSP, NARROW_NBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("language", "text", "amount"),
    [
        ("ru", "1 000", "1000"),
        ("ru", f"1{NBSP}000", "1000"),
        ("ru", f"1{NARROW_NBSP}000", "1000"),
        ("ru", "1 000,50", "1000.50"),
        ("ru", "1000.5", "1000.5"),  # a phone's decimal key
        ("tk", f"12{NBSP}500", "12500"),
        ("tk", "1 000 000", "1000000"),
        ("tr", "1.000", "1000"),
        ("tr", "1.000,50", "1000.50"),
        ("tr", "250,5", "250.5"),
        ("en", "1,000.50", "1000.50"),
        ("en", "1,000", "1000"),
        ("en", " 500 ", "500"),
        ("tk", "500", "500"),
    ],
)
def test_each_language_writes_amounts_its_own_way(language, text, amount):
    assert parse_amount(text, language) == Decimal(amount)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "1.000"),  # a thousand in Turkish: never read as 1 elsewhere
        ("ru", "1.000"),
        ("en", "1,00"),
        ("tr", "10.5"),
        ("tr", "1.00.000"),
        ("ru", "1 00"),
        ("ru", "12,345"),
        ("en", "-5"),
        ("en", "1e3"),
        ("en", "٢"),  # an Arabic-Indic digit
        ("en", ""),
        ("tk", "bäş ýüz"),
    ],
)
def test_what_could_mean_two_amounts_or_none_is_refused(language, text):
    with pytest.raises(ValueError):
        parse_amount(text, language)


amounts = st.decimals(min_value=1, max_value=1_000_000, places=2, allow_nan=False, allow_infinity=False)


@given(amount=amounts, language=st.sampled_from(["tk", "ru", "tr", "en"]))
def test_an_amount_as_the_site_prints_it_reads_back_as_the_same_amount(amount, language):
    with translation.override(language):
        printed = format_amount(amount)
    assert parse_amount(printed, language) == amount


@given(
    amount=amounts, language=st.sampled_from(["tk", "ru"]), space=st.sampled_from([" ", NBSP, NARROW_NBSP])
)
def test_any_space_groups_where_the_language_groups_with_a_space(amount, language, space):
    with translation.override(language):
        printed = format_amount(amount).replace(NBSP, space)
    assert parse_amount(printed, language) == amount


@given(whole=st.integers(min_value=0, max_value=10**9), language=st.sampled_from(["tk", "ru", "tr", "en"]))
def test_plain_digits_are_read_as_they_are(whole, language):
    assert parse_amount(str(whole), language) == whole


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "typed", "amount", "shown"),
    [
        ("ru", "1 000", "1000", f"1{NBSP}000{NBSP}TRY"),
        ("tk", f"2{NARROW_NBSP}500,50", "2500.50", f"2{NBSP}500,50{NBSP}TRY"),
        ("tr", "1.000", "1000", f"1.000{NBSP}TRY"),
        ("en", "1,000.50", "1000.50", f"1,000.50{NBSP}TRY"),
    ],
)
def test_a_pledge_takes_the_amount_as_typed_and_shows_what_was_understood(
    client, site_tree, language, typed, amount, shown
):
    page = DonationPageFactory(parent=site_tree.homes["tk"])
    if language != "tk":
        page = translate_page(page, language, title=f"Donate {language}", slug=f"donate-{language}")
    response = client.post(f"/{language}/donations/pledge/{page.pk}/", pledge_data(amount=typed))
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Pledge.objects.get().amount == Decimal(amount)
    thanks = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert thanks.select_one(".pledge-summary dd").get_text() == shown


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_each_suggested_amount_is_a_link_that_reloads_the_form_with_it_filled_in(client, site_tree):
    page = translate_page(DonationPageFactory(parent=site_tree.homes["tk"]), "ru", title="Пожертвовать")
    links = soup(client.get(page.url)).select(".suggested-amounts a")
    assert [(link["href"], link.get_text()) for link in links][:3] == [
        ("?amount=250&currency=TRY#pledge-heading", f"250{NBSP}TRY"),
        ("?amount=500&currency=TRY#pledge-heading", f"500{NBSP}TRY"),
        ("?amount=1000&currency=TRY#pledge-heading", f"1{NBSP}000{NBSP}TRY"),
    ]
    assert links[3]["href"] == "?amount=10&currency=EUR#pledge-heading"

    chosen = soup(client.get(f"{page.url}?amount=25&currency=EUR"))
    assert chosen.select_one("input[name=amount]")["value"] == "25"
    assert chosen.select_one("[name=currency] option[selected]")["value"] == "EUR"
    assert [a.get_text() for a in chosen.select(".suggested-amounts a[aria-current]")] == [f"25{NBSP}EUR"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["amount=999&currency=TRY", "amount=25&currency=TRY", "amount=<script>&currency=EUR", "amount=500"],
)
def test_only_the_pages_own_suggestions_fill_the_form(client, donation_page, query):
    page = soup(client.get(f"{donation_page.url}?{query}"))
    assert not page.select_one("input[name=amount]").get("value")
    assert not page.select(".suggested-amounts a[aria-current]")
    assert "<script>" not in str(page.select_one("form.pledge-form"))
