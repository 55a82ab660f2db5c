"""ONION_ADDRESS is checked against Tor's v3 address format (rend-spec-v3) at start-up."""

import base64

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from mirrorlist import onion
from mirrorlist.checks import onion_address_check

# Published onion services (DuckDuckGo, the Tor Project): addresses Tor itself generated.
REAL = [
    "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion",
    "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion",
]


def generated_address():
    """The address of a freshly generated service key, built as rend-spec-v3 says."""
    public = Ed25519PrivateKey.generate().public_key()
    return onion.address_of(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


@pytest.mark.parametrize("address", REAL)
def test_real_onion_addresses_are_valid(address):
    assert onion.problem(address) is None
    assert onion.is_valid(address.upper())  # as someone might paste it
    assert onion.is_valid(address.removesuffix(".onion"))


def test_an_address_made_from_a_generated_key_is_valid_and_carries_the_key():
    address = generated_address()
    assert len(address) == 56 + len(".onion")
    assert onion.is_valid(address)
    raw = base64.b32decode(address.removesuffix(".onion").upper())
    assert raw[-1:] == b"\x03"
    assert onion.address_of(raw[:32]) == address


def flip(address, position):
    """The address with one base32 character changed."""
    label = address.removesuffix(".onion")
    replacement = "a" if label[position] != "a" else "b"
    return label[:position] + replacement + label[position + 1 :] + ".onion"


@pytest.mark.parametrize("position", [0, 20, 51])
def test_one_wrong_character_in_the_key_part_fails_the_checksum(position):
    assert "checksum" in onion.problem(flip(REAL[0], position))


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczae.onion", "version byte"),
        ("expyuzz4wqqyqhjn.onion", "16 characters"),  # a retired v2 address
        ("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzcza1.onion", "base32"),
        ("", "0 characters"),
    ],
)
def test_addresses_that_are_not_v3_are_refused_with_the_reason(address, reason):
    assert reason in onion.problem(address)


def test_the_system_check_accepts_no_address_and_a_valid_one(settings):
    settings.ONION_ADDRESS = ""
    assert onion_address_check(None) == []
    settings.ONION_ADDRESS = generated_address()
    assert onion_address_check(None) == []


def test_the_system_check_refuses_a_mistyped_address(settings):
    settings.ONION_ADDRESS = flip(REAL[1], 10)
    errors = onion_address_check(None)
    assert [error.id for error in errors] == ["mirrorlist.E001"]
    assert "checksum" in errors[0].msg
    with pytest.raises(SystemCheckError, match="mirrorlist.E001"):
        call_command("check")
