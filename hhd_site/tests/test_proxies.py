"""Forwarding headers count only from the deployment's own proxies (TRUSTED_PROXIES)."""

import pytest
from django.test import RequestFactory

from hhd_site.proxies import client_ip, is_trusted_proxy

factory = RequestFactory()


@pytest.fixture
def front(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "fd00::/64"]


def test_without_trusted_proxies_the_connecting_address_counts(settings):
    settings.TRUSTED_PROXIES = []
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "10.0.0.1"


def test_a_forwarded_address_from_an_untrusted_peer_is_ignored(front):
    request = factory.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "198.51.100.7"


def test_behind_the_front_the_entry_it_appended_counts_not_what_the_client_wrote(front):
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_a_chain_of_our_own_proxies_is_skipped_from_the_right(front):
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.9")
    assert client_ip(request) == "203.0.113.7"


def test_ipv6_proxies_and_garbage_entries(front):
    assert is_trusted_proxy("fd00::1")
    assert not is_trusted_proxy("not-an-address")
    request = factory.get("/", REMOTE_ADDR="fd00::1", HTTP_X_FORWARDED_FOR="2001:db8::5")
    assert client_ip(request) == "2001:db8::5"


def test_an_untrusted_peer_cannot_claim_https(client, front, settings, db):
    """The middleware drops X-Forwarded-Proto from a peer that is not our front, so
    SECURE_PROXY_SSL_HEADER believes only the front."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    direct = client.get("/healthz-not-a-page/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_PROTO="https")
    assert direct.status_code == 301
    assert direct["Location"].startswith("https://")
    through_front = client.get("/robots.txt", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_PROTO="https")
    assert through_front.status_code == 200


def test_rotating_forged_addresses_do_not_escape_the_admin_lockout(client, front, django_user_model):
    """12 wrong passwords, each with another forged X-Forwarded-For, from one untrusted peer:
    the lockout counts the peer, so the account locks after the fifth."""
    django_user_model.objects.create_user("editor", "editor@example.org", "correct-horse-battery-staple-7")
    answers = [
        client.post(
            "/admin/login/",
            {"username": "editor", "password": f"wrong-password-{n}"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(12)
    ]
    assert answers[:4] == [200] * 4
    assert answers[4:] == [429] * 8
    right_password = client.post(
        "/admin/login/",
        {"username": "editor", "password": "correct-horse-battery-staple-7"},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.200",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert right_password.status_code == 429
    assert b"Too many failed sign-ins" in right_password.content
    assert right_password["Retry-After"] == "900"  # AXES_COOLOFF_TIME, 15 minutes
    assert "no-store" in right_password["Cache-Control"]
