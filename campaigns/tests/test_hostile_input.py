"""Random and hostile input to the signing form: never a server error, never an invalid stored record."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.countries import COUNTRIES
from campaigns.models import Signature
from safety.guards import issue_form_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_fill_time")]

HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "A" * 10_000,
        "\x00",
        "Aýna\x00",
        "\u202eevil",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "Robert'); DROP TABLE campaigns_signature;--",
        "Аýna",  # Cyrillic А + Latin
        "☃",
        "\ud7ff",
        "%00",
        "{{ 7*7 }}",
        "a@b",
        "a" * 300 + "@example.org",
    ]
)
TEXT = st.one_of(st.text(max_size=300), HOSTILE)
FIELDS = ["full_name", "email", "country", "city", "show_publicly", "wants_newsletter", "consent", "website"]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from(FIELDS), TEXT), duplicated=st.booleans())
def test_hostile_signing_input_never_breaks_the_site(client, campaign, settings, values, duplicated):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign:ip": (10**9, 600), "sign:email": (10**9, 600)}
    data = dict(values)
    data["form_token"] = issue_form_token("campaigns.sign")
    body = {key: [value, value + "x"] if duplicated else value for key, value in data.items()}
    response = client.post(reverse("campaigns:sign", args=[campaign["tk"].pk]), body)
    assert response.status_code in (303, 400), response.status_code
    if response.status_code == 400:
        assert b"form-errors" in response.content
    for signature in Signature.objects.all():
        assert 0 < len(signature.full_name) <= 120
        assert "\x00" not in signature.full_name + signature.city + signature.email
        assert "@" in signature.email and len(signature.email) <= 254
        assert len(signature.city) <= 80
        assert signature.country in dict(COUNTRIES)


@pytest.mark.parametrize("page_id", ["0", "99999999999999999999", "-1", "abc"])
def test_odd_page_ids_in_the_signing_address_are_not_found(client, page_id):
    assert client.post(f"/tk/campaigns/{page_id}/sign/", {}).status_code == 404


@pytest.mark.parametrize("token", ["x", "a" * 5000, "%00", "WzEsMl0:abc:def"])
def test_forged_confirmation_tokens_are_not_found(client, token):
    assert client.get(f"/tk/campaigns/confirm/{token}/").status_code == 404
    assert client.post(f"/tk/campaigns/withdraw/{token}/").status_code == 404
