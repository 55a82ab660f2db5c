"""What a visitor of a campaign is offered: the public-list choice only where a list exists,
share links once they have signed, an invitation instead of "0 signatures"."""

import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import translation

from campaigns.factories import SignatureFactory
from campaigns.models import Signature

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_fill_time")]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def sign_url(page, language="tk"):
    with translation.override(language):
        return reverse("campaigns:sign", args=[page.pk])


def with_public_list(page):
    page.show_public_list = True
    page.save_revision().publish()
    return page


def counter_text(client, page):
    return " ".join(soup(client.get(page.url)).select_one(".progress").get_text(" ").split())


def test_a_campaign_without_public_list_does_not_offer_to_show_the_signer(client, campaign):
    assert soup(client.get(campaign["tk"].url)).select_one("input[name=show_publicly]") is None


def test_a_campaign_with_a_public_list_offers_it_unticked(client, campaign):
    page = with_public_list(campaign["tk"])
    box = soup(client.get(page.url)).select_one("input[name=show_publicly]")
    assert box is not None and box.get("checked") is None


def test_a_forged_choice_to_be_listed_is_ignored_where_there_is_no_public_list(
    client, campaign, signing_data
):
    response = client.post(sign_url(campaign["tk"]), signing_data(show_publicly="on"))
    assert response.status_code == 303
    assert Signature.objects.get().show_publicly is False


def test_the_choice_to_be_listed_is_kept_where_there_is_a_public_list(client, campaign, signing_data):
    page = with_public_list(campaign["tk"])
    client.post(sign_url(page), signing_data(show_publicly="on"))
    assert Signature.objects.get().show_publicly is True


def share_hrefs(page_soup):
    section = page_soup.select_one("section.share")
    assert section is not None, "no share links"
    return [a["href"] for a in section.select("a")]


def test_the_campaign_page_and_the_confirmed_page_offer_the_same_share_links(client, campaign, signing_data):
    page = campaign["ru"]
    on_campaign = share_hrefs(soup(client.get(page.url)))
    assert "https://t.me/share/url?url=" + quote(f"http://testserver{page.url}", safe="") in on_campaign[0]

    client.post(sign_url(page, "ru"), signing_data())
    link = next(x for x in re.findall(r"http://\S+", mail.outbox[0].body) if "/confirm/" in x)
    confirmed = soup(client.post(link))
    assert confirmed.select_one(".lead").get_text() == "Обращение «Паспортная амнистия» подписал 1 человек."
    assert share_hrefs(confirmed) == on_campaign


def test_the_first_visitor_is_invited_to_be_the_first_to_sign(client, campaign):
    assert counter_text(client, campaign["tk"]).startswith("Bu ýüzlenmä ilkinji bolup gol çekiň.")
    russian = counter_text(client, campaign["ru"])
    assert russian.startswith("Подпишите это обращение первым.")
    assert "Цель: 1 000 подписей" in russian
    assert not russian.startswith("0")


def test_a_few_signatures_are_said_as_people_who_signed(client, campaign):
    for _ in range(3):
        SignatureFactory(campaign=campaign["tk"], confirmed=True)
    assert counter_text(client, campaign["ru"]).startswith("3 человека уже подписали. Присоединяйтесь.")
    assert counter_text(client, campaign["tk"]).startswith("3 adam eýýäm gol çekdi. Goşulyň.")


def test_many_signatures_are_shown_against_the_goal(client, campaign):
    for _ in range(12):
        SignatureFactory(campaign=campaign["tk"], confirmed=True)
    text = counter_text(client, campaign["ru"])
    assert text.startswith("12 подписей из 1 000")
