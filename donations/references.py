"""Transfer reference codes: what a donor writes in the description of a bank transfer.

A reference is seven random characters and one check character from an alphabet without
the characters people confuse when reading or typing them (no 0/O, 1/I/L): eight
characters, shown in two groups of four (``7KQM-4XPZ``).

The alphabet has 31 characters, a prime number, so a weighted sum modulo 31 (an ISO 7064
style pure check system) catches every single wrong character and every swap of two
characters. Bank descriptions come back upper-cased, split by spaces or dashes and with
other words around the code: matching ignores case, spaces and punctuation, and finds a
reference by its seven characters alone, so a donor who left out the check character is
still recognised.
"""

import re
import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BODY_LENGTH = 7
LENGTH = BODY_LENGTH + 1
_VALUE = {character: value for value, character in enumerate(ALPHABET)}
_MODULUS = len(ALPHABET)  # 31, a prime: every weight below is invertible
# Distinct, non-zero weights modulo 31; the check character counts with weight -1 (30),
# also distinct, so swapping it with any body character is caught too.
_WEIGHTS = range(2, 2 + BODY_LENGTH)
_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]")


def check_character(body: str) -> str:
    """The check character of a seven-character body."""
    total = sum(weight * _VALUE[character] for weight, character in zip(_WEIGHTS, body, strict=True))
    return ALPHABET[total % _MODULUS]


def new_reference() -> str:
    """A fresh random reference (compact form, eight characters); uniqueness is the database's job."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def compact(text: str) -> str:
    """Upper-case ASCII letters and digits of ``text``: spaces, dashes and accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return _NOT_ALPHANUMERIC.sub("", decomposed.upper())


def normalise(text: str) -> str:
    """The compact form of a typed reference (``" 7kqm - 4xpz "`` → ``"7KQM4XPZ"``)."""
    return compact(text)


def is_valid(text: str) -> bool:
    """Whether ``text`` is a complete reference whose check character is right."""
    code = normalise(text)
    return (
        len(code) == LENGTH
        and all(character in _VALUE for character in code)
        and check_character(code[:BODY_LENGTH]) == code[-1]
    )


def canonical(text: str) -> str:
    """The stored form of a reference as a person typed it, or "" when it cannot be one.

    Case, spaces and dashes do not matter; a missing or mistyped check character is
    restored from the seven characters before it.
    """
    code = normalise(text)
    body = code[:BODY_LENGTH]
    if len(code) not in (BODY_LENGTH, LENGTH) or not all(character in _VALUE for character in body):
        return ""
    return body + check_character(body)


def display(reference: str) -> str:
    """The reference as people read it: two groups of four characters."""
    return f"{reference[:4]}-{reference[4:]}"


def candidates_in(text: str) -> set[str]:
    """Every complete reference that ``text`` could contain, spaces, case and check character aside.

    Each run of seven alphabet characters in the compacted text is a possible body; its
    reference is the body with its check character. The caller keeps the ones that exist.
    """
    compacted = compact(text)
    found = set()
    for start in range(len(compacted) - BODY_LENGTH + 1):
        body = compacted[start : start + BODY_LENGTH]
        if all(character in _VALUE for character in body):
            found.add(body + check_character(body))
    return found
