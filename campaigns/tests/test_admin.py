"""The moderators' Signatures area: who may see it, what an export holds, and the audit log."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry

from campaigns.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def user_in_group(django_user_model, name, *permissions):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename))
    user = django_user_model.objects.create_user(username=name.lower(), password="x" * 16)
    user.groups.add(group)
    return user


@pytest.fixture
def moderator(django_user_model):
    return user_in_group(django_user_model, "Moderators", "export_signatures")


@pytest.fixture
def editor(django_user_model):
    return user_in_group(django_user_model, "Editors")


def urls(page):
    return [
        reverse("campaigns_signatures:index"),
        reverse("campaigns_signatures:detail", args=[page.pk]),
        reverse("campaigns_signatures:export", args=[page.pk, "csv"]),
        reverse("campaigns_signatures:export", args=[page.pk, "xlsx"]),
    ]


def test_anonymous_visitors_are_sent_to_the_login(client, campaign):
    for url in urls(campaign["tk"]):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_an_editor_gets_no_signature_page_or_export(client, campaign, editor):
    client.force_login(editor)
    for url in urls(campaign["tk"]):
        assert client.get(url).status_code in (302, 403)
    assert "Signatures" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert not PageLogEntry.objects.filter(action="campaigns.export_signatures").exists()


def test_a_moderator_sees_counts_by_country(client, campaign, moderator):
    SignatureFactory.create_batch(2, campaign=campaign["tk"], confirmed=True, country="TR")
    SignatureFactory(campaign=campaign["ru"], confirmed=True, country="RU", language="ru")
    SignatureFactory(campaign=campaign["tk"], confirmed=False)
    client.force_login(moderator)
    index = client.get(reverse("campaigns_signatures:index"))
    assert index.status_code == 200
    detail = client.get(
        reverse("campaigns_signatures:detail", args=[campaign["tk"].pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = detail.content.decode()
    assert detail.status_code == 200
    assert "Türkiye" in text and "Russia" in text
    assert detail.context["counts"]["confirmed"] == 3
    assert detail.context["counts"]["pending"] == 1


def test_a_moderator_exports_confirmed_signatures_as_csv_and_it_is_logged(client, campaign, moderator):
    SignatureFactory(campaign=campaign["tk"], confirmed=True, full_name="=HYPERLINK(1)", city="Mersin")
    SignatureFactory(campaign=campaign["tk"], confirmed=False, full_name="Pending Person")
    client.force_login(moderator)
    response = client.get(
        reverse("campaigns_signatures:export", args=[campaign["tk"].pk, "csv"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Name", "Country", "City", "Date"]
    assert rows[1][0] == "'=HYPERLINK(1)"  # never run as a formula
    assert rows[1][1:3] == ["Türkiye", "Mersin"]
    assert len(rows) == 2  # the pending signature is not delivered
    entry = PageLogEntry.objects.get(action="campaigns.export_signatures")
    assert entry.user == moderator
    assert entry.data == {"format": "csv", "rows": 1}


def test_a_moderator_exports_xlsx(client, campaign, moderator):
    SignatureFactory.create_batch(2, campaign=campaign["tk"], confirmed=True)
    client.force_login(moderator)
    response = client.get(reverse("campaigns_signatures:export", args=[campaign["tk"].pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3
    assert sheet["A2"].value == "Aýna Gurbanowa"
    assert PageLogEntry.objects.get(action="campaigns.export_signatures").data["format"] == "xlsx"
    assert not ModelLogEntry.objects.filter(action="campaigns.export_signatures").exists()
