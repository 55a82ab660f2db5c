"""Form guards: origin, signed timing token, honeypot, client address, rate limits."""

import pytest
from django import forms
from django.test import RequestFactory, override_settings
from django.utils import translation

from safety import guards
from safety.digests import email_digest, normalise_email
from safety.ratelimits import RateLimit, RateLimited

from .form_tokens import backdated_token

factory = RequestFactory()


@pytest.fixture(autouse=True)
def english():
    """The messages below are asserted in English (the site's default language is Turkmen)."""
    with translation.override("en"):
        yield


class PetitionForm(guards.GuardedForm):
    form_name = "petition"
    name = forms.CharField(max_length=10)


def test_a_post_from_another_site_is_cross_site():
    request = factory.post("/", HTTP_ORIGIN="https://evil.example")
    assert guards.is_cross_site(request)


def test_a_post_from_our_own_origin_is_not_cross_site():
    request = factory.post("/", HTTP_ORIGIN="http://testserver")
    assert not guards.is_cross_site(request)


def test_origin_null_from_no_referrer_policy_is_not_taken_as_foreign():
    assert not guards.is_cross_site(factory.post("/", HTTP_ORIGIN="null"))


def test_a_foreign_referer_without_origin_is_cross_site():
    assert guards.is_cross_site(factory.post("/", HTTP_REFERER="https://evil.example/page"))
    assert not guards.is_cross_site(factory.post("/", HTTP_REFERER="http://testserver/tk/"))


def test_a_form_sent_after_the_minimum_fill_time_is_valid():
    form = PetitionForm({"name": "Aýna", "form_token": backdated_token("petition", 10)})
    assert form.is_valid(), form.errors
    assert not form.caught_by_honeypot


def test_a_form_sent_too_quickly_is_refused_with_a_message_and_keeps_its_values():
    form = PetitionForm({"name": "Aýna", "form_token": guards.issue_form_token("petition")})
    assert not form.is_valid()
    assert "quick" in str(form.non_field_errors())
    assert form["name"].value() == "Aýna"
    # The re-rendered form carries a fresh token
    assert form["form_token"].value() != ""


@pytest.mark.parametrize("token", ["", "forged", "petition:abc:def"])
def test_a_missing_or_forged_token_is_refused(token):
    form = PetitionForm({"name": "Aýna", "form_token": token})
    assert not form.is_valid()
    assert "expired" in str(form.non_field_errors())


def test_a_token_for_another_form_is_refused():
    form = PetitionForm({"name": "Aýna", "form_token": backdated_token("newsletter", 10)})
    assert not form.is_valid()


@override_settings(FORM_TOKEN_MAX_AGE=60)
def test_an_expired_token_is_refused():
    form = PetitionForm({"name": "Aýna", "form_token": backdated_token("petition", 120)})
    assert not form.is_valid()


def test_the_honeypot_catches_a_bot():
    token = backdated_token("petition", 10)
    form = PetitionForm({"name": "Bot", "website": "http://spam", "form_token": token})
    form.is_valid()
    assert form.caught_by_honeypot


def test_email_digest_ignores_case_and_spaces_and_differs_between_addresses():
    assert normalise_email("  Aýna@Example.ORG ") == "aýna@example.org"
    assert email_digest("Aýna@Example.ORG ") == email_digest("aýna@example.org")
    assert email_digest("a@example.org") != email_digest("b@example.org")
    assert "example" not in email_digest("a@example.org")


def test_email_digest_depends_on_the_key():
    under_test_key = email_digest("a@example.org")
    with override_settings(FIELD_HMAC_KEY="another-key"):
        assert email_digest("a@example.org") != under_test_key


def test_rate_limit_refuses_past_the_limit_and_says_when_to_retry():
    limit = RateLimit("test", limit=3, window=60)
    for _ in range(3):
        limit.hit("203.0.113.7")
    with pytest.raises(RateLimited) as caught:
        limit.hit("203.0.113.7")
    assert 0 < caught.value.retry_after <= 61
    limit.hit("203.0.113.8")  # another subject has its own count


def test_rate_limit_keys_hold_no_address():
    from django.core.cache import cache

    RateLimit("test", limit=3, window=60).hit("203.0.113.7")
    keys = list(cache._cache.keys())  # locmem in tests
    assert keys
    assert not any("203.0.113" in key for key in keys)


def test_a_burst_across_a_clock_boundary_gets_no_second_allowance(monkeypatch):
    """The window starts at the subject's first hit: 30 hits just before a round minute and 30
    just after it are still 30 in one window (a window aligned to the clock let both through)."""
    from safety import ratelimits

    clock = [1_800_000_000 - 2.0]  # two seconds before a multiple of 600
    monkeypatch.setattr(ratelimits.time, "time", lambda: clock[0])
    limit = RateLimit("burst", limit=30, window=600)
    for _ in range(30):
        limit.hit("203.0.113.9")
    clock[0] += 4  # past the round ten minutes
    with pytest.raises(RateLimited) as caught:
        limit.hit("203.0.113.9")
    # Says when the window that began at the first hit ends.
    assert caught.value.retry_after == 600 - 4 + 1
    clock[0] += 600
    limit.hit("203.0.113.9")  # a new window
