"""Version 3 onion addresses (Tor's rend-spec-v3, "Encoding onion addresses").

    onion_address = base32(PUBKEY | CHECKSUM | VERSION) + ".onion"
    CHECKSUM = SHA3_256(".onion checksum" | PUBKEY | VERSION)[:2]

PUBKEY is the service's 32-byte Ed25519 public key and VERSION the single byte 0x03, so the
address is 56 base32 characters. A typing mistake in ONION_ADDRESS fails the checksum.
"""

import base64
import binascii
import hashlib

VERSION = b"\x03"
LENGTH = 56


def normalise(address: str) -> str:
    """``"ABC….onion"`` or ``"abc…"`` → ``"abc….onion"`` (the form Onion-Location carries)."""
    address = address.strip().lower()
    address = address.removeprefix("http://").removeprefix("https://").rstrip("/")
    return address if address.endswith(".onion") else f"{address}.onion"


def checksum(public_key: bytes, version: bytes = VERSION) -> bytes:
    return hashlib.sha3_256(b".onion checksum" + public_key + version).digest()[:2]


def address_of(public_key: bytes) -> str:
    """The v3 onion address of a 32-byte Ed25519 public key."""
    raw = public_key + checksum(public_key) + VERSION
    return base64.b32encode(raw).decode("ascii").lower() + ".onion"


def problem(address: str) -> str | None:
    """Why ``address`` is not a valid v3 onion address, or None when it is one."""
    label = normalise(address).removesuffix(".onion")
    if len(label) != LENGTH:
        return f"it has {len(label)} characters before .onion, a v3 address has {LENGTH}"
    try:
        raw = base64.b32decode(label.upper())
    except binascii.Error:
        return "it is not base32 (letters a-z and digits 2-7)"
    public_key, check, version = raw[:32], raw[32:34], raw[34:]
    if version != VERSION:
        return f"its version byte is {version.hex()}, not 03 (a v3 address)"
    if check != checksum(public_key, version):
        return "its checksum does not match: a character is wrong"
    return None


def is_valid(address: str) -> bool:
    return problem(address) is None
