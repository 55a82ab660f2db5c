"""Many people signing at the same moment, on real PostgreSQL: no lost and no double rows."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from campaigns import services
from campaigns.factories import CampaignPageFactory
from campaigns.models import Signature
from safety.guards import issue_form_token

# Real transactions, so that the threads' connections see each other's commits; the
# rows that migrations made (locales) come back after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def open_campaign(site_tree, settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign:ip": (10_000, 600), "sign:email": (10_000, 600)}
    return CampaignPageFactory(parent=site_tree.homes["tk"])


def sign_concurrently(campaign, addresses):
    """POST the signing form once per address, all threads released at the same instant."""
    barrier = threading.Barrier(len(addresses))
    statuses = []
    errors = []
    url = f"/tk{reverse('campaigns:sign', args=[campaign.pk])[3:]}"

    def sign(address):
        try:
            client = Client()
            data = {
                "full_name": "Aýna Gurbanowa",
                "email": address,
                "country": "TR",
                "consent": "on",
                "form_token": issue_form_token("campaigns.sign"),
            }
            barrier.wait()
            statuses.append(client.post(url, data).status_code)
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(address,)) for address in addresses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return statuses


def test_fifty_concurrent_signings_with_distinct_addresses_give_fifty_rows(open_campaign):
    statuses = sign_concurrently(open_campaign, [f"signer{n}@example.org" for n in range(50)])
    assert statuses == [303] * 50
    assert Signature.objects.filter(campaign_key=open_campaign.translation_key).count() == 50


def test_twenty_concurrent_signings_with_one_address_give_one_row(open_campaign):
    statuses = sign_concurrently(open_campaign, ["Same@Example.org"] * 10 + ["same@example.org "] * 10)
    assert statuses == [303] * 20
    assert Signature.objects.filter(campaign_key=open_campaign.translation_key).count() == 1


def test_concurrent_confirmations_count_once(open_campaign):
    signature = services.sign(
        open_campaign,
        services.SigningRequest("Aýna", "a@example.org", "TR", "", False, False, "tk-test", "tk"),
    )
    barrier = threading.Barrier(10)
    results = []

    def confirm():
        try:
            barrier.wait()
            results.append(services.confirm(signature))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results.count(True) == 1
    assert services.confirmed_count(open_campaign) == 1
