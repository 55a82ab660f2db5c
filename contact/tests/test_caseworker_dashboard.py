"""What a caseworker sees of new and urgent requests without opening one: the dashboard panel,
urgency in words, the case's history, whom a case can be given to, and the metadata export."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from contact.models import CaseStatus, HelpRequest

from .conftest import submit

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def inbox(caseworker_key):
    """Two new requests (one urgent), an urgent one waiting, one waiting, an urgent one closed."""
    new, new_urgent = submit(), submit(urgent=True)
    waiting_urgent, waiting, closed_urgent = submit(urgent=True), submit(), submit(urgent=True)
    HelpRequest.objects.filter(pk__in=[waiting_urgent.pk, waiting.pk]).update(status=CaseStatus.WAITING)
    HelpRequest.objects.filter(pk=closed_urgent.pk).update(status=CaseStatus.CLOSED, closed_at=timezone.now())
    return {
        "new": {new, new_urgent},
        "urgent": {new_urgent, waiting_urgent},
        "waiting": {waiting_urgent, waiting},
        "all": {new, new_urgent, waiting_urgent, waiting, closed_urgent},
    }


def test_the_dashboard_counts_new_urgent_and_waiting_requests_and_links_to_them(client, caseworker, inbox):
    client.force_login(caseworker)
    panel = soup_of(client.get("/admin/")).select_one("#caseworkers-inbox-section")
    assert panel is not None
    links = {
        link.select_one(".inbox-count__label").get_text(strip=True): link
        for link in panel.select("a.inbox-count")
    }
    assert {
        label: link.select_one(".inbox-count__number").get_text(strip=True) for label, link in links.items()
    } == {
        "New": "2",
        "Urgent": "2",
        "Waiting": "2",
    }
    assert "inbox-count--urgent" in links["Urgent"]["class"]
    for label, key in (("New", "new"), ("Urgent", "urgent"), ("Waiting", "waiting")):
        listed = set(client.get(links[label]["href"]).context["object_list"])
        assert listed == inbox[key], label
    # Counts only: no reference, category or anything sealed.
    text = panel.get_text(" ", strip=True)
    for case in inbox["all"]:
        assert case.display_reference not in text
    assert "passport" not in text.lower() and "Aman" not in str(panel)


@pytest.mark.parametrize("role", ["editor", "moderator", "translator", "message_reader"])
def test_staff_who_do_not_handle_requests_get_no_inbox_panel(client, inbox, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert soup_of(response).select_one("#caseworkers-inbox-section") is None


def test_urgent_reads_as_urgent_in_the_inbox(client, caseworker, inbox):
    client.force_login(caseworker)
    html = soup_of(client.get(reverse("cases:index")))
    headings = [th.get_text(" ", strip=True) for th in html.select("table.listing thead th")]
    urgent_column = headings.index("Urgent")
    for row in html.select("table.listing tbody tr"):
        reference = row.select("td")[0].get_text(strip=True) or row.get_text(" ", strip=True)
        case = next(case for case in inbox["all"] if case.display_reference in row.get_text())
        cell = row.select("td")[urgent_column]
        assert cell.get_text(" ", strip=True) == ("Urgent" if case.urgent else ""), reference
        assert "True" not in str(cell) and "False" not in str(cell)
    # Filtered to the open urgent requests (the dashboard's link), the active filters say so in words.
    filtered = client.get(reverse("cases:index"), {"urgent": "true", "open": "true"})
    assert set(filtered.context["object_list"]) == inbox["urgent"]
    assert "True" not in soup_of(filtered).select_one("main").get_text(" ", strip=True)


def test_the_case_history_says_the_new_status_and_the_new_assignee(
    client, caseworker, caseworker_key, second_caseworker, second_caseworker_key
):
    case = submit()
    client.force_login(caseworker)
    url = reverse("cases:update", args=[case.pk])
    assert client.post(url, {"status": "in_progress", "assigned_to": second_caseworker.pk}).status_code == 302
    assert client.post(url, {"status": "waiting", "assigned_to": ""}).status_code == 302
    history = soup_of(client.get(reverse("cases:case", args=[case.pk]))).select_one("#case-history")
    what = [row.select("td")[2].get_text(" ", strip=True) for row in history.select("tbody tr")]
    assert "Assigned to Batyr" in what
    assert "Status changed from New to In progress" in what
    assert "Status changed from In progress to Waiting" in what
    assert "Assignment removed" in what


def test_a_case_is_offered_only_to_caseworkers_with_an_active_key(
    client, caseworker, caseworker_key, second_caseworker
):
    case = submit()  # the second caseworker has no key: they could not open it
    client.force_login(caseworker)
    page = soup_of(client.get(reverse("cases:case", args=[case.pk])))
    options = [option.get_text(strip=True) for option in page.select("select[name=assigned_to] option")]
    assert options == ["Nobody", "Aylar"]
    response = client.post(
        reverse("cases:update", args=[case.pk]), {"status": "new", "assigned_to": second_caseworker.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to is None
    # Whoever holds a case already stays in its list, so a status change does not unassign them.
    HelpRequest.objects.filter(pk=case.pk).update(assigned_to=second_caseworker)
    page = soup_of(client.get(reverse("cases:case", args=[case.pk])))
    options = [option.get_text(strip=True) for option in page.select("select[name=assigned_to] option")]
    assert options == ["Nobody", "Aylar", "Batyr"]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_export_has_translated_headings_and_readable_values(client, caseworker, caseworker_key, language):
    profile = UserProfile.get_for_user(caseworker)
    profile.preferred_language = language
    profile.save()
    case = submit(urgent=True, category="detention", language="ru")
    client.force_login(caseworker)
    response = client.get(reverse("cases:index"), {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    with translation.override(language):
        expected_headings = [
            gettext(text)
            for text in ("Reference", "Received", "Category", "Urgent", "Answer in", "Status", "Closed")
        ]
        expected_values = [
            gettext("Detention or a deportation centre"),
            gettext("Yes"),
            "Русский",
            gettext("New"),
        ]
    assert rows[0] == expected_headings
    [row] = rows[1:]
    assert row[0] == case.display_reference
    assert [row[2], row[3], row[4], row[5]] == expected_values
    if language == "ru":
        assert rows[0][0] != "Reference" and row[3] == "Да" and row[5] != "New"
