"""The treasurer's area in the Wagtail admin: who gets in, marking received, totals, export, reconciling."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry

from donations.factories import PledgeFactory
from donations.models import Pledge, PledgeStatus
from donations.wagtail_hooks import PledgeViewSet

from .conftest import english_admin

pytestmark = pytest.mark.django_db

# Every URL of the treasurer's area; a new one must be added here (and so get its permission test).
EXPECTED_URL_NAMES = {
    "index",
    "index_results",
    "edit",
    "history",
    "history_results",
    "totals",
    "reconcile",
    "reconcile_confirm",
}
POST_ONLY = {"reconcile_confirm"}


def treasurer_urls(pledge):
    """(name, method, URL) of every view of the treasurer's area, plus both exports."""
    urls = []
    for pattern in PledgeViewSet().get_urlpatterns():
        args = [pledge.pk] if "<" in str(pattern.pattern) else []
        method = "post" if pattern.name in POST_ONLY else "get"
        urls.append((pattern.name, method, reverse(f"pledges:{pattern.name}", args=args)))
    index = reverse("pledges:index")
    urls += [("export-csv", "get", f"{index}?export=csv"), ("export-xlsx", "get", f"{index}?export=xlsx")]
    return urls


def group_with(name, *codes):
    group, _created = Group.objects.get_or_create(name=name)
    for code in codes:
        app_label, codename = code.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def user_in(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="not-a-real-password")
    user.groups.add(group)
    return user


# Editors and moderators get Django's default permissions on Pledge as a careless set-up
# might give them: the policy must ignore those.
DEFAULT_PLEDGE_PERMISSIONS = (
    "donations.add_pledge",
    "donations.change_pledge",
    "donations.delete_pledge",
    "donations.view_pledge",
)


@pytest.fixture
def editor(django_user_model):
    group = group_with("Editors", "wagtailadmin.access_admin", *DEFAULT_PLEDGE_PERMISSIONS)
    return user_in(django_user_model, "editor", group)


@pytest.fixture
def moderator(django_user_model):
    group = group_with(
        "Moderators", "wagtailadmin.access_admin", "wagtailcore.add_site", *DEFAULT_PLEDGE_PERMISSIONS
    )
    return user_in(django_user_model, "moderator", group)


@pytest.fixture
def administrator(django_user_model):
    group = group_with("Administrators", "wagtailadmin.access_admin", "donations.manage_pledges")
    return english_admin(user_in(django_user_model, "administrator", group))


@pytest.fixture
def pledge(donation_page):
    return PledgeFactory(page=donation_page, name="Aýna Durdyýewa", email="ayna@example.org")


def request(client, method, url):
    return client.post(url) if method == "post" else client.get(url)


def test_the_test_below_covers_every_url_of_the_treasurers_area(pledge):
    assert {name for name, _method, _url in treasurer_urls(pledge)} == EXPECTED_URL_NAMES | {
        "export-csv",
        "export-xlsx",
    }


def test_anonymous_visitors_are_sent_to_the_login_page_from_every_url(client, pledge):
    for name, method, url in treasurer_urls(pledge):
        response = request(client, method, url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/admin/login/"), name


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_get_no_access_to_any_url(client, pledge, role, request):
    client.force_login(request.getfixturevalue(role))
    for name, method, url in treasurer_urls(pledge):
        response = client.post(url) if method == "post" else client.get(url)
        assert response.status_code in (302, 403), name
        if response.status_code == 302:
            assert response["Location"] == "/admin/", name  # Wagtail's "no permission" redirect
        assert pledge.display_reference.encode() not in response.content, name
        assert "Aýna".encode() not in response.content, name
    assert not ModelLogEntry.objects.filter(action="donations.export").exists()


@pytest.mark.parametrize("role", ["treasurer", "administrator"])
def test_the_treasurer_and_administrators_reach_every_url(client, pledge, role, request):
    client.force_login(request.getfixturevalue(role))
    for name, method, url in treasurer_urls(pledge):
        response = request_as(client, method, url)
        expected = 302 if name in POST_ONLY else 200  # a confirmation without a token goes back
        assert response.status_code == expected, name


def request_as(client, method, url):
    return client.post(url) if method == "post" else client.get(url)


@pytest.mark.parametrize(("role", "shown"), [("editor", False), ("moderator", False), ("treasurer", True)])
def test_the_menu_item_is_shown_to_the_treasurer_only(role, shown, request, pledge):
    http_request = RequestFactory().get("/admin/")
    http_request.user = request.getfixturevalue(role)
    with translation.override("en"):
        labels = [str(item.label) for item in admin_menu.menu_items_for_request(http_request)]
    assert ("Donations" in labels) is shown


def test_the_list_filters_by_status_currency_and_month(client, treasurer, donation_page):
    june = PledgeFactory(currency="EUR", created_at=datetime.datetime(2025, 6, 3, tzinfo=datetime.UTC))
    PledgeFactory(currency="TRY", created_at=datetime.datetime(2025, 6, 4, tzinfo=datetime.UTC))
    PledgeFactory(currency="EUR", created_at=datetime.datetime(2025, 5, 4, tzinfo=datetime.UTC))
    received = PledgeFactory(status="received", received_amount=5, received_on="2025-06-05")
    client.force_login(treasurer)
    url = reverse("pledges:index")
    response = client.get(url, {"currency": "EUR", "month": "2025-06"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [june]
    response = client.get(url, {"status": "received"})
    assert list(response.context["object_list"]) == [received]


def test_the_list_finds_a_pledge_by_its_reference_typed_carelessly(client, treasurer):
    wanted, _other = PledgeFactory(), PledgeFactory()
    client.force_login(treasurer)
    typed = f"{wanted.reference[:4].lower()} - {wanted.reference[4:7].lower()}"
    response = client.get(reverse("pledges:index"), {"q": typed})
    assert list(response.context["object_list"]) == [wanted]


def test_opening_a_pledge_with_donor_details_is_audit_logged(client, treasurer, pledge):
    client.force_login(treasurer)
    response = client.get(reverse("pledges:edit", args=[pledge.pk]))
    assert "Aýna Durdyýewa" in response.content.decode()
    entry = ModelLogEntry.objects.get(action="donations.view_donor")
    assert entry.user == treasurer and entry.object_id == str(pledge.pk)
    assert entry.label == pledge.display_reference  # never the donor's name


def test_marking_received_records_amount_and_date_logs_it_and_mails_a_receipt(client, treasurer, pledge):
    client.force_login(treasurer)
    url = reverse("pledges:edit", args=[pledge.pk])
    response = client.post(url, {"status": "received", "received_amount": "450", "received_on": "2025-06-03"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert (pledge.status, pledge.received_amount, pledge.received_on) == (
        "received",
        Decimal("450"),
        datetime.date(2025, 6, 3),
    )
    entry = ModelLogEntry.objects.get(action="donations.mark_received")
    assert entry.user == treasurer and entry.data["amount"] == "450.00"
    [receipt] = mail.outbox
    assert receipt.to == ["ayna@example.org"]


def test_marking_received_without_amount_and_date_keeps_the_form_with_messages(client, treasurer, pledge):
    client.force_login(treasurer)
    url = reverse("pledges:edit", args=[pledge.pk])
    response = client.post(url, {"status": "received", "received_amount": "", "received_on": ""})
    assert response.status_code == 200
    assert "Needed when the pledge is marked received." in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.status == "pledged"


def test_totals_per_month_and_currency(client, treasurer):
    june = datetime.datetime(2025, 6, 3, 12, tzinfo=datetime.UTC)
    PledgeFactory(amount=500, created_at=june)
    PledgeFactory(
        amount=250, created_at=june, status="received", received_amount=250, received_on="2025-07-02"
    )
    PledgeFactory(amount=20, currency="EUR", created_at=june)
    client.force_login(treasurer)
    response = client.get(reverse("pledges:totals"))
    totals = {(total.month, total.currency): total for total in response.context["totals"]}
    june_try = totals[(datetime.date(2025, 6, 1), "TRY")]
    assert (june_try.pledged_count, june_try.pledged_amount, june_try.received_count) == (
        2,
        Decimal("750"),
        0,
    )
    july_try = totals[(datetime.date(2025, 7, 1), "TRY")]
    assert (july_try.received_count, july_try.received_amount) == (1, Decimal("250"))
    assert totals[(datetime.date(2025, 6, 1), "EUR")].pledged_amount == Decimal("20")


def test_the_csv_export_holds_the_donor_details_made_inert_and_logs_each_pledge(client, treasurer):
    PledgeFactory(name='=HYPERLINK("http://evil.example")', email="a@example.org")
    PledgeFactory()
    client.force_login(treasurer)
    response = client.get(reverse("pledges:index") + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2
    names = {row["Name"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example")' in names
    entries = ModelLogEntry.objects.filter(action="donations.export")
    assert entries.count() == 2
    assert {entry.user for entry in entries} == {treasurer}
    assert len({entry.uuid for entry in entries}) == 1


def test_reconciliation_in_the_admin_proposes_and_confirms_a_match(client, treasurer, pledge):
    client.force_login(treasurer)
    content = (
        f"Date,Description,Amount\n03.06.2025,Bağış {pledge.reference.lower()},500\n04.06.2025,kira,-100\n"
    )
    upload = SimpleUploadedFile("statement.csv", content.encode(), content_type="text/csv")
    response = client.post(reverse("pledges:reconcile"), {"statement": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert pledge.display_reference in page
    assert "Outgoing payment." in page
    result = response.context["result"]
    assert [proposal.pledge for proposal in result.proposals] == [pledge]

    response = client.post(
        reverse("pledges:reconcile_confirm"), {"proposals": response.context["token"], "line": ["1"]}
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.RECEIVED and pledge.received_on == datetime.date(2025, 6, 3)
    assert len(mail.outbox) == 1
    assert ModelLogEntry.objects.get(action="donations.mark_received").data["via"] == "statement"


def test_an_unreadable_statement_is_answered_with_a_message(client, treasurer):
    client.force_login(treasurer)
    upload = SimpleUploadedFile("statement.csv", b"Tarih;Tutar\n01.01.2025;5\n", content_type="text/csv")
    response = client.post(reverse("pledges:reconcile"), {"statement": upload})
    assert response.status_code == 200
    assert "is missing" in response.content.decode()
    assert Pledge.objects.filter(status="received").count() == 0
