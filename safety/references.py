"""Reference codes: what a donor writes in the description of a bank transfer, and what a
person who asked for help quotes when they write again.

A reference is seven random characters and one check character from an alphabet without
the characters people confuse when reading or typing them (no 0/O, 1/I/L): eight
characters, shown in two groups of four (``7KQM-4XPZ``).

The alphabet has 31 characters, a prime number, so a weighted sum modulo 31 (an ISO 7064
style pure check system) catches every single wrong character and every swap of two
characters. Bank descriptions come back upper-cased, split by spaces or dashes and with
other words around the code: matching ignores case, spaces and punctuation, and finds a
reference by its seven characters alone, so a donor who left out the check character is
still recognised. A check character that is there but wrong is never ignored: the code
was mistyped somewhere, and restoring the check character from the seven before it
could name another donor's pledge. Such a code is only offered as a possible typo of
the references one character away (:func:`near_misses`).
"""

import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.db import IntegrityError, transaction

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BODY_LENGTH = 7
LENGTH = BODY_LENGTH + 1
_VALUE = {character: value for value, character in enumerate(ALPHABET)}
_MODULUS = len(ALPHABET)  # 31, a prime: every weight below is invertible
# Distinct, non-zero weights modulo 31; the check character counts with weight -1 (30),
# also distinct, so swapping it with any body character is caught too.
_WEIGHTS = range(2, 2 + BODY_LENGTH)
_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]")
_SEPARATORS = re.compile(r"[\W_]+")
# A collision is one in billions; several in a row mean the generator is broken.
REFERENCE_ATTEMPTS = 5


def check_character(body: str) -> str:
    """The check character of a seven-character body."""
    total = sum(weight * _VALUE[character] for weight, character in zip(_WEIGHTS, body, strict=True))
    return ALPHABET[total % _MODULUS]


def new_reference() -> str:
    """A fresh random reference (compact form, eight characters); uniqueness is the database's job."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


class ReferenceSpaceExhausted(RuntimeError):
    """Several fresh references in a row were taken: something is wrong with the generator."""


def save_with_fresh_reference(build, save):
    """Store a row under a fresh unique reference and return it.

    ``build(reference)`` makes the unsaved row, ``save(row)`` stores it (with anything that
    belongs to it) inside a savepoint. The reference's uniqueness is the database's
    constraint: when it is taken, the row is built again with another code.
    """
    for _attempt in range(REFERENCE_ATTEMPTS):
        row = build(new_reference())
        try:
            with transaction.atomic():
                save(row)
        except IntegrityError:
            if type(row)._default_manager.filter(reference=row.reference).exists():
                continue
            raise
        return row
    raise ReferenceSpaceExhausted("no free reference after several attempts")


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


def filter_by_reference(queryset, typed: str):
    """The rows of the reference someone typed or read out (case, spaces and dashes aside, a
    missing or mistyped check character restored); for anything shorter, the rows whose
    reference contains it."""
    code = canonical(typed)
    if code:
        return queryset.filter(reference=code)
    return queryset.filter(reference__contains=compact(typed))


def display(reference: str) -> str:
    """The reference as people read it: two groups of four characters."""
    return f"{reference[:4]}-{reference[4:]}"


@dataclass(frozen=True)
class Found:
    """What a bank description holds: references to look up, and mistyped codes.

    ``references``: complete references (compact form) whose check character is right or
    left out. ``mistyped``: eight-character codes standing on their own whose check
    character is wrong; they match nothing and are looked up only as possible typos.
    """

    references: frozenset
    mistyped: frozenset


def _words(text: str) -> list[str]:
    """The compact words of ``text``: split at spaces and punctuation, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(character for character in decomposed if not unicodedata.combining(character))
    return [word for word in (compact(part) for part in _SEPARATORS.split(without_marks)) if word]


def find_in(text: str) -> Found:
    """The references and the mistyped codes in a bank description (see :class:`Found`).

    Each run of seven alphabet characters is a possible body. The character after it is
    its check character when it is written in the same word (``7KQM4XPZ``, ``7KQM 4XPZ``)
    or stands alone (``7 K Q M 4 X P Z``); a following word of its own (``7KQM-4XP kira``)
    means the donor left the check character out. A right or missing check character
    proposes the reference; a wrong one proposes nothing.
    """
    words = _words(text)
    compacted = "".join(words)
    word_length_at = {}  # offset in ``compacted`` where a word starts -> its length
    offset = 0
    for word in words:
        word_length_at[offset] = len(word)
        offset += len(word)
    found, mistyped = set(), set()
    for start in range(len(compacted) - BODY_LENGTH + 1):
        body = compacted[start : start + BODY_LENGTH]
        if not all(character in _VALUE for character in body):
            continue
        end = start + BODY_LENGTH
        check = check_character(body)
        written_with_it = end < len(compacted) and (end not in word_length_at or word_length_at[end] == 1)
        if not written_with_it or compacted[end] == check:
            found.add(body + check)
        elif start in word_length_at and (end + 1 == len(compacted) or end + 1 in word_length_at):
            # Only a code that is whole words by itself can be a mistyped reference; a
            # wrong "check character" in the middle of a longer word is just text.
            mistyped.add(compacted[start : end + 1])
    return Found(frozenset(found), frozenset(mistyped))


def candidates_in(text: str) -> set[str]:
    """Every complete reference that ``text`` could contain, spaces and case aside.

    A reference written without its check character counts; one written with a wrong
    check character does not (see :func:`find_in`). The caller keeps the ones that exist.
    """
    return set(find_in(text).references)


def near_misses(code: str) -> set[str]:
    """The valid references one typo away from an eight-character ``code``.

    One character replaced, or two neighbours swapped. Thanks to the check system a
    replaced body character has exactly one fix that keeps the check character, so this
    is at most 8 + 7 codes, never the 240 a blind search would try.
    """
    code = normalise(code)
    if len(code) != LENGTH:
        return set()
    body, written_check = code[:BODY_LENGTH], code[-1]
    misses = set()
    if all(character in _VALUE for character in body):
        misses.add(body + check_character(body))
    if written_check in _VALUE:
        for position in range(BODY_LENGTH):
            for replacement in ALPHABET:
                variant = body[:position] + replacement + body[position + 1 :]
                if all(character in _VALUE for character in variant) and (
                    check_character(variant) == written_check
                ):
                    misses.add(variant + written_check)
    for position in range(LENGTH - 1):
        swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
        if is_valid(swapped):
            misses.add(swapped)
    misses.discard(code)
    return misses
