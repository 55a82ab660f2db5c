"""Reference codes: short, unambiguous, checked, unique, and found again despite typos of case and spacing."""

import itertools

import pytest
from django.db import IntegrityError

from donations.factories import PledgeFactory
from donations.services import find_pledge
from safety import references

CONFUSABLE = set("01OIL")


def test_a_reference_is_eight_unambiguous_characters_with_a_valid_check_character():
    for _ in range(1000):
        code = references.new_reference()
        assert len(code) == 8
        assert not CONFUSABLE & set(code)
        assert references.is_valid(code)


def test_it_is_shown_in_two_groups_of_four():
    assert references.display("7KQM4XPZ") == "7KQM-4XPZ"


def test_every_single_wrong_character_is_detected():
    code = references.new_reference()
    for position, replacement in itertools.product(range(8), references.ALPHABET):
        if code[position] != replacement:
            typo = code[:position] + replacement + code[position + 1 :]
            assert not references.is_valid(typo), typo


def test_every_swap_of_two_different_characters_is_detected():
    for _ in range(50):
        code = references.new_reference()
        for first, second in itertools.combinations(range(8), 2):
            if code[first] != code[second]:
                swapped = list(code)
                swapped[first], swapped[second] = swapped[second], swapped[first]
                assert not references.is_valid("".join(swapped)), (code, first, second)


@pytest.mark.parametrize(
    "typed", ["7kqm-4xpz", " 7KQM 4XPZ ", "7kqm4xpz", "7 k q m - 4 x p z", "7KQM–4XPZ", "7KQM.4XPZ"]
)
def test_case_spaces_and_dashes_do_not_matter(typed):
    body = "7KQM4XP"
    code = body + references.check_character(body)
    typed = typed.replace("Z", code[-1]).replace("z", code[-1].lower())
    assert references.canonical(typed) == code
    assert references.is_valid(typed)


def test_a_missing_or_wrong_check_character_is_restored_from_the_rest():
    code = references.new_reference()
    wrong = next(character for character in references.ALPHABET if character != code[-1])
    assert references.canonical(code[:7].lower()) == code
    assert references.canonical(code[:7] + wrong) == code


@pytest.mark.parametrize("typed", ["", "ABC", "7KQM4XPZ99", "0OIL1234"])
def test_text_that_cannot_be_a_reference_gives_nothing(typed):
    assert references.canonical(typed) == ""


def test_a_reference_is_found_inside_a_bank_description_whatever_surrounds_it():
    code = references.new_reference()
    description = f"EFT - bağış {code[:4].lower()} {code[4:7].lower()} Ahmet Y. teşekkürler"
    assert code in references.candidates_in(description)


@pytest.mark.django_db
def test_references_are_unique_in_the_database():
    pledge = PledgeFactory()
    with pytest.raises(IntegrityError):
        PledgeFactory(reference=pledge.reference)


@pytest.mark.django_db
def test_pledges_get_different_references():
    codes = {PledgeFactory().reference for _ in range(300)}
    assert len(codes) == 300


@pytest.mark.django_db
def test_a_pledge_is_found_by_its_reference_typed_carelessly():
    pledge = PledgeFactory()
    careless = f" {pledge.reference[:4].lower()} - {pledge.reference[4:].lower()} "
    assert find_pledge(careless) == pledge
    assert find_pledge(pledge.reference[:7]) == pledge
    assert find_pledge("nothing") is None


@pytest.mark.django_db
def test_a_collision_with_an_existing_reference_is_retried(monkeypatch, donation_page):
    from donations import services

    taken = PledgeFactory().reference
    fresh = references.new_reference()
    codes = iter([taken, fresh])
    monkeypatch.setattr(references, "new_reference", lambda: next(codes))
    pledge = services.create_pledge(
        page=donation_page, amount=10, currency="TRY", frequency="one_off", language="tk"
    )
    assert pledge.reference == fresh
