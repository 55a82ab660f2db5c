"""Reconciliation cannot record wrong data by accident (issue 16, finding 9).

A statement with a clean match, a transfer in another currency, a cancelled pledge and a
different amount: only the clean match is ticked, one click records only it, the others
need an explicit choice on their row that the server checks again, and a reference with
a wrong check character is shown as a possible typo instead of matching another pledge.
"""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from donations import reconciliation, services
from donations.factories import PledgeFactory
from donations.models import Pledge, PledgeStatus
from safety import references

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def upload(rows):
    content = "Date,Description,Amount,Currency\n" + "".join(f"{','.join(row)}\n" for row in rows)
    return SimpleUploadedFile("statement.csv", content.encode(), content_type="text/csv")


def typo_of(code):
    """``code`` with one body character replaced so that its check character no longer fits."""
    for replacement in references.ALPHABET:
        body = replacement + code[1:7]
        if replacement != code[0] and references.check_character(body) != code[7]:
            return body + code[7]
    raise AssertionError("no typo found")


@pytest.fixture
def statement_pledges():
    """A clean match, a dollar transfer to a lira pledge, a cancelled pledge, a different amount."""
    return {
        "clean": PledgeFactory(amount=Decimal("500"), currency="TRY"),
        "dollars": PledgeFactory(amount=Decimal("12345.67"), currency="TRY", email="donor@example.org"),
        "cancelled": PledgeFactory(amount=Decimal("500"), currency="TRY", status=PledgeStatus.CANCELLED),
        "less": PledgeFactory(amount=Decimal("500"), currency="TRY"),
    }


def statement_rows(pledges):
    return [
        ["03.06.2025", f"Bagis {pledges['clean'].reference}", "500.00", "TRY"],
        ["03.06.2025", f"EFT {pledges['dollars'].reference}", "12345.67", "USD"],
        ["04.06.2025", f"Bagis {pledges['cancelled'].reference}", "500.00", "TL"],
        ["05.06.2025", f"{pledges['less'].reference}", "450.00", "TRY"],
    ]


def uploaded(client, treasurer, pledges):
    client.force_login(treasurer)
    response = client.post(reverse("pledges:reconcile"), {"statement": upload(statement_rows(pledges))})
    assert response.status_code == 200
    return response


def confirmation_form(response):
    return BeautifulSoup(response.content, "html.parser").find(
        "form", action=reverse("pledges:reconcile_confirm")
    )


def rows_by_line(form):
    return {int(row.find_all("td")[1].get_text(strip=True)): row for row in form.select("tr.proposal")}


def as_the_browser_sends_it(form):
    """The POST data of the form as rendered: hidden fields and the ticked boxes only."""
    data = {}
    for field in form.find_all("input"):
        if field.get("type") == "checkbox" and not field.has_attr("checked"):
            continue
        if field.get("name"):
            data.setdefault(field["name"], []).append(field.get("value", ""))
    return data


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_only_clean_matches_are_ticked_and_warned_rows_offer_an_unticked_explicit_choice(
    client, treasurer, statement_pledges
):
    form = confirmation_form(uploaded(client, treasurer, statement_pledges))
    rows = rows_by_line(form)
    assert set(rows) == {1, 2, 3, 4}
    ticked = [field["value"] for field in form.select("input[type=checkbox][checked]")]
    assert ticked == ["1"]
    assert rows[1].select_one("input[name=line]").has_attr("checked")
    for number in (2, 4):
        assert rows[number].select("input[name=line]") == []
        choice = rows[number].select_one("input[name=anyway]")
        assert not choice.has_attr("checked")
        assert "Record anyway" in rows[number].get_text()
        assert rows[number].find(id=choice["aria-describedby"]).get_text(strip=True)  # the warning beside it
    assert "The statement says USD." in rows[2].get_text()
    reopen = rows[3].select_one("input[name=reopen]")
    assert not reopen.has_attr("checked") and rows[3].select("input[name=line], input[name=anyway]") == []
    assert "The pledge was cancelled." in rows[3].get_text()


def test_the_amount_column_shows_the_lines_own_currency(client, treasurer, statement_pledges):
    rows = rows_by_line(confirmation_form(uploaded(client, treasurer, statement_pledges)))
    amount = rows[2].select_one("td.amount").get_text(strip=True)
    assert amount == "12,345.67\N{NO-BREAK SPACE}USD"
    assert (
        rows[3].select_one("td.amount").get_text(strip=True) == "500\N{NO-BREAK SPACE}TRY"
    )  # "TL" read as TRY


def test_one_click_on_the_form_as_shown_records_only_the_clean_match(client, treasurer, statement_pledges):
    form = confirmation_form(uploaded(client, treasurer, statement_pledges))
    response = client.post(reverse("pledges:reconcile_confirm"), as_the_browser_sends_it(form))
    assert response.status_code == 302
    statuses = {name: Pledge.objects.get(pk=pledge.pk).status for name, pledge in statement_pledges.items()}
    assert statuses == {
        "clean": PledgeStatus.RECEIVED,
        "dollars": PledgeStatus.PLEDGED,
        "cancelled": PledgeStatus.CANCELLED,
        "less": PledgeStatus.PLEDGED,
    }
    assert messages_of(response) == ["1 pledge marked received."]


def test_a_forged_post_that_ticks_warned_rows_records_nothing_for_them_and_says_why(
    client, treasurer, statement_pledges
):
    token = uploaded(client, treasurer, statement_pledges).context["token"]
    response = client.post(
        reverse("pledges:reconcile_confirm"),
        {"proposals": token, "line": ["1", "2", "3", "4", "9"], "anyway": ["3"]},
    )
    assert Pledge.objects.filter(status=PledgeStatus.RECEIVED).get() == statement_pledges["clean"]
    assert Pledge.objects.get(pk=statement_pledges["cancelled"].pk).status == PledgeStatus.CANCELLED
    assert messages_of(response) == [
        "1 pledge marked received.",
        "Lines 2, 4 were not recorded: the matches have warnings and “Record anyway” was not ticked.",
        "Line 3 was not recorded: the pledge was cancelled and “Reopen and record” was not ticked.",
        "Line 9 was not recorded: it is not one of the proposed matches.",
    ]
    assert ModelLogEntry.objects.filter(action="donations.mark_received").count() == 1


def test_a_transfer_in_another_currency_is_recorded_in_its_own_currency_and_amount(
    client, treasurer, statement_pledges
):
    token = uploaded(client, treasurer, statement_pledges).context["token"]
    client.post(reverse("pledges:reconcile_confirm"), {"proposals": token, "anyway": ["2"]})
    pledge = Pledge.objects.get(pk=statement_pledges["dollars"].pk)
    assert (pledge.status, pledge.received_amount, pledge.received_currency, pledge.received_on) == (
        PledgeStatus.RECEIVED,
        Decimal("12345.67"),
        "USD",
        datetime.date(2025, 6, 3),
    )
    assert pledge.currency == "TRY"  # what was pledged stays as pledged
    [receipt] = mail.outbox
    assert "USD" in receipt.body


def test_the_audit_log_records_what_was_recorded_and_why_it_was_allowed(client, treasurer, statement_pledges):
    token = uploaded(client, treasurer, statement_pledges).context["token"]
    client.post(reverse("pledges:reconcile_confirm"), {"proposals": token, "line": ["1"], "anyway": ["2"]})
    entries = {
        entry.object_id: entry for entry in ModelLogEntry.objects.filter(action="donations.mark_received")
    }
    assert entries.keys() == {str(statement_pledges["clean"].pk), str(statement_pledges["dollars"].pk)}
    dollars = entries[str(statement_pledges["dollars"].pk)]
    assert dollars.user == treasurer
    assert dollars.data == {
        "amount": "12345.67",
        "currency": "USD",
        "received_on": "2025-06-03",
        "pledged_amount": "12345.67",
        "pledged_currency": "TRY",
        "via": "statement",
        "line": 2,
        "warnings": ["currency"],
        "choice": "anyway",
    }
    clean = entries[str(statement_pledges["clean"].pk)].data
    assert (clean["currency"], clean["warnings"], clean["choice"]) == ("TRY", [], "ticked")


def test_a_cancelled_pledge_is_received_only_through_reopen_and_record_which_is_logged_first(
    client, treasurer, statement_pledges
):
    token = uploaded(client, treasurer, statement_pledges).context["token"]
    client.post(reverse("pledges:reconcile_confirm"), {"proposals": token, "reopen": ["3"]})
    pledge = Pledge.objects.get(pk=statement_pledges["cancelled"].pk)
    assert pledge.status == PledgeStatus.RECEIVED
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(pledge.pk))
        .order_by("timestamp", "pk")
        .values_list("action")
    )
    assert actions == [("donations.reopen",), ("donations.mark_received",)]
    assert ModelLogEntry.objects.get(action="donations.mark_received").data["choice"] == "reopen"


def test_a_pledge_cancelled_after_the_upload_is_not_received_by_its_pre_ticked_row(
    client, treasurer, statement_pledges
):
    form = confirmation_form(uploaded(client, treasurer, statement_pledges))
    services.update_pledge(
        statement_pledges["clean"],
        status=PledgeStatus.CANCELLED,
        received_amount=None,
        received_on=None,
        user=treasurer,
    )
    response = client.post(reverse("pledges:reconcile_confirm"), as_the_browser_sends_it(form))
    assert Pledge.objects.get(pk=statement_pledges["clean"].pk).status == PledgeStatus.CANCELLED
    assert "Line 1 was not recorded: the pledge was cancelled" in messages_of(response)[1]


def test_services_never_mark_a_cancelled_pledge_received_without_reopening_it():
    pledge = PledgeFactory(status=PledgeStatus.CANCELLED)
    assert not services.mark_received(pledge, amount=500, received_on=datetime.date(2025, 6, 3))
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.CANCELLED
    assert services.reopen_pledge(pledge, user=None)
    assert services.mark_received(pledge, amount=500, received_on=datetime.date(2025, 6, 3))


def test_a_wrong_check_character_matches_no_pledge_and_is_shown_as_a_possible_typo(client, treasurer):
    meant = PledgeFactory()
    typed = typo_of(meant.reference)
    # The case: the mistyped body, with its own check character, is another pledge.
    other = PledgeFactory(reference=typed[:7] + references.check_character(typed[:7]))
    wrong_check = meant.reference[:7] + next(c for c in references.ALPHABET if c != meant.reference[7])
    rows = [
        ["03.06.2025", f"Bagis {typed[:4]} {typed[4:]}", "500", "TRY"],
        ["03.06.2025", f"Bagis {wrong_check.lower()}", "500", "TRY"],
    ]
    client.force_login(treasurer)
    response = client.post(reverse("pledges:reconcile"), {"statement": upload(rows)})
    result = response.context["result"]
    assert result.proposals == []
    reasons = {item.line.number: str(item.reason) for item in result.unmatched}
    # The typed code is one character off both: the one the donor meant (a body
    # character), and the other pledge (the check character). Neither is matched.
    both = ", ".join(sorted([meant.display_reference, other.display_reference]))
    assert reasons == {
        1: f"Possible typo of {both}.",
        2: f"Possible typo of {meant.display_reference}.",
    }
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select("input[type=checkbox]") == []
    assert f"Possible typo of {meant.display_reference}." in page.select_one("table.unmatched").get_text()
    assert not Pledge.objects.filter(status=PledgeStatus.RECEIVED).exists()


def test_references_find_a_missing_check_character_but_never_a_wrong_one():
    code = references.new_reference()
    wrong = code[:7] + next(c for c in references.ALPHABET if c != code[7])
    assert references.find_in(f"EFT {code[:4]}-{code[4:7]} kira").references >= {code}
    assert references.find_in(f"EFT {' '.join(code)}").references >= {code}
    assert references.find_in(f"EFT{code}TESEKKUR").references >= {code}
    found = references.find_in(f"EFT {wrong[:4]} {wrong[4:]} kira")
    assert code not in found.references
    assert found.mistyped == {wrong}
    assert code in references.near_misses(wrong)
    swapped = code[:2] + code[3] + code[2] + code[4:]
    if swapped != code:
        assert code in references.near_misses(swapped)
    assert all(references.is_valid(miss) for miss in references.near_misses(typo_of(code)))


def test_totals_and_the_receipt_use_the_currency_the_transfer_arrived_in():
    pledge = PledgeFactory(amount=Decimal("500"), currency="TRY")
    services.mark_received(pledge, amount="20", currency="USD", received_on=datetime.date(2025, 7, 2))
    totals = {(total.month, total.currency): total for total in services.totals_by_month()}
    assert totals[(datetime.date(2025, 7, 1), "USD")].received_amount == Decimal("20")
    assert not any(total.received_count for (month, currency), total in totals.items() if currency == "TRY")


def test_reopening_a_cancelled_pledge_in_the_edit_form_is_audit_logged(client, treasurer):
    pledge = PledgeFactory(status=PledgeStatus.CANCELLED)
    client.force_login(treasurer)
    url = reverse("pledges:edit", args=[pledge.pk])
    response = client.post(url, {"status": "pledged", "received_amount": "", "received_on": ""})
    assert response.status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.PLEDGED
    assert ModelLogEntry.objects.get(action="donations.reopen").user == treasurer


def test_a_token_in_the_old_format_is_refused_as_expired():
    pledge = PledgeFactory()
    from django.core import signing

    old = signing.dumps([[1, pledge.pk, "500", "2025-06-03"]], salt="donations.reconciliation", compress=True)
    with pytest.raises(signing.BadSignature):
        reconciliation.confirm(old, ticked=[1], user=None)


def test_the_edit_form_records_the_currency_the_transfer_arrived_in(client, treasurer):
    pledge = PledgeFactory(amount=Decimal("500"), currency="TRY")
    client.force_login(treasurer)
    url = reverse("pledges:edit", args=[pledge.pk])
    data = {
        "status": "received",
        "received_amount": "20",
        "received_currency": "usd",
        "received_on": "2025-06-03",
    }
    assert client.post(url, data).status_code == 302
    pledge.refresh_from_db()
    assert (pledge.received_amount, pledge.received_currency) == (Decimal("20"), "USD")
    assert ModelLogEntry.objects.get(action="donations.mark_received").data["currency"] == "USD"
