"""The caseworkers' inbox: the list, a case, handling it, notes, sharing, keys, erasure and export."""

import base64
import datetime
import json
import os

import pytest
from bs4 import BeautifulSoup
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from contact.factories import make_caseworker_key
from contact.models import CaseEnvelope, CaseNote, CaseStatus, CaseworkerKey, HelpRequest
from safety import sealing

from .conftest import content_key_of, open_case, submit

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def admin_get(client, url, **params):
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")


def listed(response):
    return list(response.context["object_list"])


def test_the_inbox_shows_open_before_closed_urgent_first_then_the_longest_waiting(
    client, caseworker, caseworker_key
):
    now = timezone.now()
    old = submit()
    newer = submit()
    urgent = submit(urgent=True)
    closed_urgent = submit(urgent=True)
    HelpRequest.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=9))
    HelpRequest.objects.filter(pk=newer.pk).update(created_at=now - datetime.timedelta(days=2))
    HelpRequest.objects.filter(pk=closed_urgent.pk).update(status=CaseStatus.CLOSED, closed_at=now)
    client.force_login(caseworker)
    response = admin_get(client, reverse("cases:index"))
    assert response.status_code == 200
    assert listed(response) == [urgent, old, newer, closed_urgent]
    html = soup_of(response)
    first_row = html.select("table.listing tbody tr")[0].get_text(" ", strip=True)
    assert urgent.display_reference in first_row
    assert "My passport expired or was refused" in first_row
    row_of_old = next(
        row for row in html.select("table.listing tbody tr") if old.display_reference in row.get_text()
    )
    assert "9" in [cell.get_text(strip=True) for cell in row_of_old.select("td")]  # days open
    assert "Aman" not in response.content.decode()  # nothing sealed reaches the list


def test_the_inbox_filters_by_status_category_urgency_language_and_assignee(
    client, caseworker, second_caseworker, caseworker_key
):
    passport = submit(category="passport", language="ru")
    detention = submit(category="detention", urgent=True)
    assigned = submit(category="work_housing")
    HelpRequest.objects.filter(pk=assigned.pk).update(assigned_to=second_caseworker, status="in_progress")
    client.force_login(caseworker)
    url = reverse("cases:index")
    assert listed(admin_get(client, url, category="detention")) == [detention]
    assert listed(admin_get(client, url, urgent="true")) == [detention]
    assert listed(admin_get(client, url, language="ru")) == [passport]
    assert listed(admin_get(client, url, status="in_progress")) == [assigned]
    assert listed(admin_get(client, url, assigned_to=second_caseworker.pk)) == [assigned]


def test_a_case_is_found_by_its_reference_typed_carelessly(client, caseworker, caseworker_key):
    wanted, _other = submit(), submit()
    client.force_login(caseworker)
    typed = f"{wanted.reference[:4].lower()} {wanted.reference[4:7].lower()}"
    assert listed(admin_get(client, reverse("cases:index"), q=typed)) == [wanted]


def test_opening_a_case_delivers_only_sealed_blobs_and_is_audit_logged(client, caseworker, caseworker_key):
    case = submit(name="Aman Orazow", location="Ankara Keçiören")
    client.force_login(caseworker)
    response = admin_get(client, reverse("cases:case", args=[case.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    for value in ("Aman", "Orazow", "Keçiören", "@aman_t", "konsullyk"):
        assert value not in content
    html = soup_of(response)
    case_data = json.loads(html.select_one("#case-data").get_text())
    envelope = CaseEnvelope.objects.get(help_request=case, key=caseworker_key.key)
    assert case_data["document"] == {"nonce": case.sealed_nonce, "ciphertext": case.sealed_document}
    assert case_data["envelope"] == envelope.as_data()
    assert case_data["reference"] == case.reference
    key_data = json.loads(html.select_one("#caseworker-key").get_text())
    assert key_data["wrapped_private_key"] == caseworker_key.key.wrapped_private_key
    assert html.select_one("script[src$='contact/js/caseworker.js']")
    entry = ModelLogEntry.objects.get(action="contact.open_case")
    assert (entry.user, entry.object_id, entry.label) == (caseworker, str(case.pk), case.display_reference)
    assert entry.data == {}


def test_a_caseworker_without_an_envelope_is_told_to_ask_a_colleague(
    client, caseworker, caseworker_key, second_caseworker
):
    case = submit()
    make_caseworker_key(second_caseworker, iterations=1000)  # registered after the request arrived
    client.force_login(second_caseworker)
    response = admin_get(client, reverse("cases:case", args=[case.pk]))
    assert json.loads(soup_of(response).select_one("#case-data").get_text())["envelope"] is None
    assert "A colleague who can read it can share it with you" in response.content.decode()


def test_assigning_and_closing_are_logged_with_their_values_only(
    client, caseworker, second_caseworker, caseworker_key, second_caseworker_key
):  # the assignee holds a key: a case is offered only to those who can open it
    case = submit()
    client.force_login(caseworker)
    url = reverse("cases:update", args=[case.pk])
    response = client.post(url, {"status": "in_progress", "assigned_to": second_caseworker.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.assigned_to, case.closed_at) == ("in_progress", second_caseworker, None)
    response = client.post(url, {"status": "closed", "assigned_to": second_caseworker.pk})
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_at is not None
    actions = list(
        # The case's own entries: a user with the same id has entries too (their sign-in).
        ModelLogEntry.objects.for_instance(case).order_by("pk").values_list("action", "data")
    )
    assert actions == [
        ("contact.assign", {"assigned_to": second_caseworker.pk}),
        ("contact.change_status", {"from": "new", "to": "in_progress"}),
        ("contact.change_status", {"from": "in_progress", "to": "closed"}),
    ]


def test_the_script_gets_the_refreshed_panels_as_json_and_the_page_is_not_reloaded(
    client, caseworker, caseworker_key
):
    case = submit()
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:update", args=[case.pk]),
        {"status": "waiting", "assigned_to": caseworker.pk},
        HTTP_ACCEPT="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["message"] == "The case was updated."
    assert set(answer["panels"]) == {"case-summary", "case-handling", "case-notes", "case-history"}
    assert "Waiting" in answer["panels"]["case-summary"]
    assert "Status changed" in answer["panels"]["case-history"]
    assert not ModelLogEntry.objects.filter(action="contact.open_case").exists()  # no page view


def test_only_caseworkers_can_be_assigned(client, caseworker, caseworker_key, editor):
    case = submit()
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:update", args=[case.pk]), {"status": "new", "assigned_to": editor.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to is None


def encrypt_note(case, material, text):
    """What caseworker.js sends for a note: AES-GCM under the case's content key."""
    nonce = os.urandom(12)
    ciphertext = AESGCM(content_key_of(case, material)).encrypt(
        nonce, text.encode(), f"note:{case.reference}".encode()
    )
    return {"nonce": base64.b64encode(nonce).decode(), "ciphertext": base64.b64encode(ciphertext).decode()}


def test_a_note_is_stored_as_the_browser_encrypted_it_and_the_log_keeps_no_text(
    client, caseworker, caseworker_key
):
    case = submit()
    client.force_login(caseworker)
    sealed = encrypt_note(case, caseworker_key, "Aklawçy Selin hanym bilen gürleşdim.")
    response = client.post(reverse("cases:add_note", args=[case.pk]), sealed, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    note = CaseNote.objects.get()
    assert (note.author, note.nonce, note.ciphertext) == (caseworker, sealed["nonce"], sealed["ciphertext"])
    assert "Selin" not in json.dumps(response.json())
    assert f'data-ciphertext="{sealed["ciphertext"]}"' in response.json()["panels"]["case-notes"]
    entry = ModelLogEntry.objects.get(action="contact.add_note")
    assert entry.data == {"note": note.pk}
    # Another caseworker with the case's key reads it.
    plain = AESGCM(content_key_of(case, caseworker_key)).decrypt(
        base64.b64decode(note.nonce), base64.b64decode(note.ciphertext), f"note:{case.reference}".encode()
    )
    assert plain.decode() == "Aklawçy Selin hanym bilen gürleşdim."


def test_a_note_in_plaintext_is_refused(client, caseworker, caseworker_key):
    case = submit()
    client.force_login(caseworker)
    response = client.post(reverse("cases:add_note", args=[case.pk]), {"note": "Aman is in Ankara"})
    assert response.status_code == 302
    assert not CaseNote.objects.exists()
    response = client.post(
        reverse("cases:add_note", args=[case.pk]), {"nonce": "AAAA", "ciphertext": "plain words"}
    )
    assert not CaseNote.objects.exists()


def test_erasing_a_case_deletes_its_content_envelopes_and_notes_and_keeps_the_metadata(
    client, caseworker, caseworker_key
):
    case = submit(urgent=True, category="pressure")
    client.force_login(caseworker)
    client.post(reverse("cases:add_note", args=[case.pk]), encrypt_note(case, caseworker_key, "not"))
    confirm = admin_get(client, reverse("cases:erase", args=[case.pk]))
    assert confirm.status_code == 200 and case.display_reference in confirm.content.decode()
    response = client.post(reverse("cases:erase", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.sealed_document == "" and case.sealed_nonce == "" and case.is_anonymised
    assert (case.category, case.urgent, case.status) == ("pressure", True, "closed")
    assert not CaseEnvelope.objects.exists() and not CaseNote.objects.exists()
    assert ModelLogEntry.objects.filter(action="contact.erase", object_id=str(case.pk)).exists()
    page = admin_get(client, reverse("cases:case", args=[case.pk]))
    assert "The content of this request was deleted" in page.content.decode()


def test_the_export_holds_metadata_only_and_is_logged_per_case(client, caseworker, caseworker_key):
    cases = [submit(name="Aman Orazow"), submit(urgent=True)]
    client.force_login(caseworker)
    response = admin_get(client, reverse("cases:index"), export="csv")
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    )
    assert cases[0].display_reference in content and "Aman" not in content and "Ankara" not in content
    assert ModelLogEntry.objects.filter(action="contact.export").count() == 2


# --- Keys -------------------------------------------------------------------------------


def browser_key_fields(public_key=None, iterations="600000"):
    """The fields caseworker.js posts when it registers a key (random blobs of the right shape)."""
    if public_key is None:
        public_key = (
            ec.generate_private_key(ec.SECP256R1())
            .public_key()
            .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        )
    encode = lambda data: base64.b64encode(data).decode()  # noqa: E731
    return {
        "public_key": encode(public_key),
        "wrapped_private_key": encode(os.urandom(154)),
        "passphrase_salt": encode(os.urandom(16)),
        "passphrase_nonce": encode(os.urandom(12)),
        "passphrase_iterations": iterations,
        "recovery_wrapped_private_key": encode(os.urandom(154)),
        "recovery_nonce": encode(os.urandom(12)),
    }


def test_a_caseworker_registers_a_key_made_in_the_browser(client, caseworker):
    client.force_login(caseworker)
    assert "Create your key" in admin_get(client, reverse("cases:key")).content.decode()
    fields = browser_key_fields()
    response = client.post(reverse("cases:register_key"), fields)
    assert response.status_code == 200
    key = CaseworkerKey.objects.get(user=caseworker, active=True)
    assert key.fingerprint == sealing.fingerprint(base64.b64decode(fields["public_key"]))
    assert response.json() == {"fingerprint": key.short_fingerprint}
    assert ModelLogEntry.objects.filter(action="contact.register_key", user=caseworker).exists()
    page = admin_get(client, reverse("cases:key"))
    assert key.short_fingerprint in page.content.decode()


def test_the_same_public_key_cannot_be_registered_twice(client, caseworker, caseworker_key):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:register_key"), browser_key_fields(public_key=caseworker_key.key.public_key_bytes)
    )
    assert response.status_code == 400
    assert CaseworkerKey.objects.get().active


def test_a_replaced_key_is_retired_and_receives_no_new_requests(client, caseworker, caseworker_key):
    client.force_login(caseworker)
    response = client.post(reverse("cases:register_key"), {**browser_key_fields(), "understood": "on"})
    assert response.status_code == 200
    caseworker_key.key.refresh_from_db()
    assert not caseworker_key.key.active and caseworker_key.key.retired_at
    case = submit()
    assert list(CaseEnvelope.objects.filter(help_request=case).values_list("key__active", flat=True)) == [
        True
    ]


@pytest.fixture
def three_cases_one_sealed_to_nobody_else(caseworker_key, second_caseworker):
    """The first caseworker opens three requests; only the first of them was sealed to nobody else
    (the second caseworker registered their key after it arrived). An erased one counts for nothing."""
    only_mine = submit()
    make_caseworker_key(second_caseworker, iterations=1000)
    shared, also_shared, erased = submit(), submit(), submit()
    HelpRequest.objects.filter(pk=erased.pk).update(anonymised_at=timezone.now())
    return [only_mine, shared, also_shared]


def test_the_key_page_has_no_one_click_replacement_but_a_page_that_names_the_cost(
    client, caseworker, three_cases_one_sealed_to_nobody_else
):
    client.force_login(caseworker)
    key_page = soup_of(admin_get(client, reverse("cases:key")))
    assert key_page.select_one("#key-form") is None  # the passphrase change stands alone
    assert key_page.select_one(f"a[href='{reverse('cases:replace_key')}']")
    page = soup_of(admin_get(client, reverse("cases:replace_key")))
    assert page.select_one("[data-replacement-cases]").get_text(strip=True) == "3"
    assert page.select_one("[data-replacement-lost]").get_text(strip=True) == "1"
    consequences = page.select_one("[data-key-replacement]").get_text(" ", strip=True)
    assert "could no longer open them with a new key" in consequences
    assert "nobody could ever read it again" in consequences
    form = page.select_one("#key-form")
    assert form.select_one("input[name=understood][type=checkbox][required]")
    typed = form.select_one("input[name=lost_typed][required]")
    label = form.select_one(f"label[for={typed['id']}]").get_text(" ", strip=True)
    assert label == "To confirm, type the number of requests that would be lost for good: 1"


def test_replacing_a_key_that_would_lose_requests_needs_their_number_typed(
    client, caseworker, caseworker_key, three_cases_one_sealed_to_nobody_else
):
    client.force_login(caseworker)
    url = reverse("cases:register_key")
    refused = [
        {},
        {"lost_typed": "1"},  # typed, but not the confirmation that they understand
        {"understood": "on"},
        {"understood": "on", "lost_typed": "3"},
    ]
    for confirmation in refused:
        response = client.post(url, {**browser_key_fields(), **confirmation}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, confirmation
        assert CaseworkerKey.objects.get(user=caseworker, active=True) == caseworker_key.key
    messages = [error["message"] for errors in response.json()["errors"].values() for error in errors]
    assert messages == ["Type the number of requests that would be lost for good (1) to replace your key."]
    response = client.post(url, {**browser_key_fields(), "understood": "on", "lost_typed": " 1 "})
    assert response.status_code == 200
    caseworker_key.key.refresh_from_db()
    assert not caseworker_key.key.active
    assert ModelLogEntry.objects.filter(action="contact.retire_key", user=caseworker).count() == 1


def test_replacing_a_key_whose_requests_a_colleague_holds_needs_the_confirmation_only(
    client, caseworker, caseworker_key, second_caseworker
):
    make_caseworker_key(second_caseworker, iterations=1000)
    submit()
    client.force_login(caseworker)
    page = soup_of(admin_get(client, reverse("cases:replace_key")))
    assert page.select_one("[data-replacement-lost]").get_text(strip=True) == "0"
    assert page.select_one("input[name=lost_typed]") is None
    url = reverse("cases:register_key")
    assert client.post(url, browser_key_fields()).status_code == 400
    assert client.post(url, {**browser_key_fields(), "understood": "on"}).status_code == 200


@pytest.mark.parametrize(
    "bad",
    [
        {"passphrase_iterations": "100000"},  # too few PBKDF2 rounds
        {"public_key": base64.b64encode(b"not a key").decode()},
        {
            "public_key": base64.b64encode(
                ec.generate_private_key(ec.SECP384R1())
                .public_key()
                .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
            ).decode()
        },
        {"passphrase_nonce": base64.b64encode(b"short").decode()},
        {"wrapped_private_key": "not base64!"},
    ],
)
def test_a_malformed_key_is_refused(client, caseworker, bad):
    client.force_login(caseworker)
    response = client.post(reverse("cases:register_key"), {**browser_key_fields(), **bad})
    assert response.status_code == 400
    assert not CaseworkerKey.objects.exists()


def test_a_new_passphrase_rewraps_the_same_key_only(client, caseworker, caseworker_key):
    client.force_login(caseworker)
    key = caseworker_key.key
    fields = browser_key_fields(public_key=key.public_key_bytes)
    response = client.post(reverse("cases:change_passphrase"), fields)
    assert response.status_code == 200
    key.refresh_from_db()
    assert key.wrapped_private_key == fields["wrapped_private_key"]
    assert key.recovery_wrapped_private_key == caseworker_key.key.recovery_wrapped_private_key
    other = client.post(reverse("cases:change_passphrase"), browser_key_fields())
    assert other.status_code == 400


# --- Sharing with a colleague -----------------------------------------------------------


def envelope_for_colleague(case, own, colleague):
    """What caseworker.js posts: the case's content key wrapped for the colleague's public key."""
    envelope = sealing.wrap_content_key(
        content_key_of(case, own), sealing.Recipient(colleague.key.pk, colleague.key.public_key_bytes)
    )
    encode = lambda data: base64.b64encode(data).decode()  # noqa: E731
    return {
        "case": case.pk,
        "ephemeral_public": encode(envelope.ephemeral_public),
        "nonce": encode(envelope.nonce),
        "wrapped_key": encode(envelope.wrapped_key),
    }


def test_a_caseworker_shares_earlier_cases_with_a_new_colleague(
    client, caseworker, caseworker_key, second_caseworker
):
    first, second = submit(name="Aman"), submit(name="Ogulgerek")
    colleague = make_caseworker_key(second_caseworker, iterations=1000)
    client.force_login(caseworker)
    page = admin_get(client, reverse("cases:share"))
    [data] = json.loads(soup_of(page).select_one("#share-data").get_text())
    assert data["key_id"] == colleague.key.pk and data["public_key"] == colleague.key.public_key
    assert [item["case"] for item in data["cases"]] == [first.pk, second.pk]
    assert colleague.key.short_fingerprint in page.content.decode()

    body = {
        "envelopes": [envelope_for_colleague(case, caseworker_key, colleague) for case in (first, second)]
    }
    response = client.post(
        reverse("cases:share_with", args=[colleague.key.pk]),
        json.dumps(body),
        content_type="application/json",
    )
    assert response.json() == {"shared": 2}
    assert open_case(first, colleague)["name"] == "Aman"
    assert open_case(second, colleague)["name"] == "Ogulgerek"
    assert CaseEnvelope.objects.get(help_request=first, key=colleague.key).shared_by == caseworker
    assert ModelLogEntry.objects.filter(action="contact.share").count() == 2
    # Sharing again changes nothing.
    again = client.post(
        reverse("cases:share_with", args=[colleague.key.pk]),
        json.dumps(body),
        content_type="application/json",
    )
    assert again.json() == {"shared": 0}


def test_only_cases_the_sharer_can_open_are_accepted(
    client, caseworker, second_caseworker, django_user_model
):
    own = make_caseworker_key(caseworker, iterations=1000)
    case = submit()
    colleague = make_caseworker_key(second_caseworker, iterations=1000)
    third = make_caseworker_key(
        django_user_model.objects.create_user("third", is_superuser=True), iterations=1000
    )
    client.force_login(second_caseworker)  # has no envelope of the case
    body = {"envelopes": [envelope_for_colleague(case, own, third)]}
    response = client.post(
        reverse("cases:share_with", args=[third.key.pk]), json.dumps(body), content_type="application/json"
    )
    assert response.json() == {"shared": 0}
    assert not CaseEnvelope.objects.filter(key=third.key).exists()
    assert colleague  # the colleague's own key was not involved either


def test_a_malformed_shared_envelope_is_refused(client, caseworker, caseworker_key, second_caseworker):
    case = submit()
    colleague = make_caseworker_key(second_caseworker, iterations=1000)
    client.force_login(caseworker)
    bad = {
        "envelopes": [{"case": case.pk, "ephemeral_public": "AAAA", "nonce": "AAAA", "wrapped_key": "AAAA"}]
    }
    response = client.post(
        reverse("cases:share_with", args=[colleague.key.pk]), json.dumps(bad), content_type="application/json"
    )
    assert response.status_code == 400
    assert not CaseEnvelope.objects.filter(key=colleague.key).exists()
