"""Django's generic error pages, replaced by ours: in the visitor's language, with the headers."""

import pytest

from campaigns.factories import CampaignPageFactory
from hhd_site.tests.security_headers import assert_public_security_headers


@pytest.fixture
def campaign(site_tree):
    return CampaignPageFactory(parent=site_tree.homes["tk"], slug="pasport-amnistiyasy")


def test_a_ten_megabyte_form_body_gets_a_translated_400_page(client, campaign):
    client.raise_request_exception = False
    response = client.post(
        f"/ru/campaigns/{campaign.pk}/sign/",
        {"full_name": "x" * (10 * 1024 * 1024)},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert '<html lang="ru">' in body
    assert "Не удалось прочитать запрос" in body
    assert "Bad Request" not in body
    assert response["Cache-Control"] == "no-store, private"
    assert_public_security_headers(response)


def test_a_refused_request_gets_a_translated_403_page(rf, settings):
    from django.core.exceptions import PermissionDenied

    from hhd_site import views

    response = views.permission_denied(rf.get("/tk/"), PermissionDenied())
    assert response.status_code == 403
    assert "Rugsat berilmedi" in response.content.decode()
