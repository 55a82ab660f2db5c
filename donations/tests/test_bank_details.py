"""Bank accounts: IBANs are checked against their check digits, BICs against their format."""

import pytest
from django.core.exceptions import ValidationError

from donations.bank_details import format_iban, validate_bic, validate_iban
from donations.factories import DonationPageFactory
from donations.models import BankAccount

VALID = [
    "TR330006100519786457841326",
    "TR33 0006 1005 1978 6457 8413 26",
    "tr33 0006 1005 1978 6457 8413 26",
    "DE89370400440532013000",
    "DE89 3704 0044 0532 0130 00",
]
INVALID = [
    "TR330006100519786457841327",  # last digit changed: checksum fails
    "TR340006100519786457841326",  # check digits changed
    "TR33000610051978645784132",  # one digit short for Turkey
    "DE89370400440532013001",  # checksum fails
    "DE8937040044053201300",  # one digit short for Germany
    "DE89 3704 0044 0532 0130 0X",
    "XX89370400440532013000",  # no such country
    "",
]


@pytest.mark.parametrize("iban", VALID)
def test_valid_turkish_and_german_ibans_are_accepted(iban):
    validate_iban(iban)


@pytest.mark.parametrize("iban", INVALID)
def test_invalid_turkish_and_german_ibans_are_refused(iban):
    with pytest.raises(ValidationError):
        validate_iban(iban)


def test_an_iban_is_shown_in_groups_of_four():
    assert format_iban("TR330006100519786457841326") == "TR33 0006 1005 1978 6457 8413 26"


@pytest.mark.parametrize("bic", ["TCZBTR2A", "TCZBTR2AXXX", "COBADEFF", "cobadeff"])
def test_valid_bics_are_accepted(bic):
    validate_bic(bic)


@pytest.mark.parametrize("bic", ["TCZB", "TCZBTR2AXX", "1CZBTR2A", "TCZBXX2A"])
def test_invalid_bics_are_refused(bic):
    with pytest.raises(ValidationError):
        validate_bic(bic)


@pytest.mark.django_db
def test_an_account_with_a_mistyped_iban_cannot_be_saved_from_a_form(site_tree):
    page = DonationPageFactory(parent=site_tree.homes["tk"], accounts=[])
    account = BankAccount(
        page=page,
        locale=page.locale,
        bank="Örnek Bank",
        holder="HHD",
        iban="TR330006100519786457841327",
        bic="TCZBTR2A",
        currency="TRY",
    )
    with pytest.raises(ValidationError) as error:
        account.full_clean()
    assert "iban" in error.value.message_dict


@pytest.mark.django_db
def test_an_account_is_stored_compact_and_shown_grouped(site_tree):
    page = DonationPageFactory(
        parent=site_tree.homes["tk"],
        accounts=[
            {"bank": "B", "iban": "tr33 0006 1005 1978 6457 8413 26", "bic": "tczbtr2a", "currency": "TRY"}
        ],
    )
    account = page.bank_accounts.get()
    assert account.iban == "TR330006100519786457841326"
    assert account.bic == "TCZBTR2A"
    assert account.formatted_iban == "TR33 0006 1005 1978 6457 8413 26"
