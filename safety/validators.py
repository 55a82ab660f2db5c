"""The one rule for what visitors type into public forms: clear, translated messages.

``GuardedForm`` (safety.guards) applies it to every text field of every public form, so a
new field cannot be left without it: a one-line field takes ``validate_text_line``, a
multi-line one (a textarea) ``validate_text_block``, an address ``validate_public_email``.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, validate_email
from django.utils.translation import gettext_lazy as _

# Scripts a name may be written in; a single word mixing two of them (e.g. a Cyrillic "а"
# inside a Latin name) is how look-alike spoofing is done, and nobody's name needs it.
SCRIPTS = ("LATIN", "CYRILLIC", "ARABIC", "GREEK", "ARMENIAN", "GEORGIAN", "HEBREW", "CJK", "HANGUL")

# Control (Cc), format (Cf: direction overrides and isolates U+202A-U+202E and U+2066-U+2069,
# zero-width spaces and joiners, the byte order mark), surrogate and private-use characters,
# and the line and paragraph separators: invisible, or able to reorder what staff read.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
# What the server reads where a browser sent bytes that are not UTF-8 (Django decodes a
# POST with errors="replace"): stored, it would be a question mark in a box for good.
UNREADABLE = "\ufffd"
LINE_BREAKS = "\n\r"
BLOCK_WHITESPACE = "\n\r\t"

# Top-level names that are never a public mail domain (RFC 2606, 6761, 6762, 7686, 9476,
# and the private names ICANN advises against).
RESERVED_TOP_LEVEL_DOMAINS = frozenset(
    {
        "alt",
        "arpa",
        "corp",
        "example",
        "home",
        "internal",
        "intranet",
        "invalid",
        "lan",
        "local",
        "localdomain",
        "localhost",
        "onion",
        "private",
        "test",
    }
)


# Phone numbers as people write them: digits with spaces, dots, dashes, brackets, a leading +.
PHONE = re.compile(r"^\+?[\d\s().-]+$")
TELEGRAM_USERNAME = re.compile(r"^@?[A-Za-z][A-Za-z0-9_]{4,31}$")
SIGNAL_USERNAME = re.compile(r"^@?[A-Za-z][A-Za-z0-9_]{2,31}\.\d{2,9}$")


def is_phone_number(value: str) -> bool:
    """A phone number as people write it, with 7 to 15 digits (E.164's longest)."""
    return bool(PHONE.match(value)) and 7 <= sum(character.isdigit() for character in value) <= 15


def _refuse_hidden_characters(value: str, allowed: str) -> None:
    if UNREADABLE in value:
        raise ValidationError(
            _("Some characters in this field could not be read. Please type it again."),
            code="unreadable_characters",
        )
    for character in value:
        if character not in allowed and unicodedata.category(character) in REFUSED_CATEGORIES:
            raise ValidationError(
                _("Please remove the invisible or control characters from this field."),
                code="control_characters",
            )


def has_refused_characters(value: str) -> bool:
    """True when the text rule refuses ``value`` for a hidden or unreadable character."""
    try:
        _refuse_hidden_characters(value, BLOCK_WHITESPACE)
    except ValidationError:
        return True
    return False


def validate_text_line(value: str) -> None:
    """One line a person typed (a name, a city, a subject): no control, invisible or direction
    characters, no unreadable ones, no line breaks or tabs."""
    if any(character in LINE_BREAKS for character in value):
        raise ValidationError(_("Please write this on one line."), code="multiple_lines")
    _refuse_hidden_characters(value, "")


def validate_text_block(value: str) -> None:
    """A text of several lines (a message): the line rule, but line breaks and tabs are kept."""
    _refuse_hidden_characters(value, BLOCK_WHITESPACE)


def validate_public_email(value: str) -> None:
    """An address on a public domain: ``test@localhost``, ``a@[127.0.0.1]`` or ``a@intranet.lan``
    can receive no mail from us. The address's syntax is the e-mail field's own check."""
    try:
        validate_email(value)
    except ValidationError:
        return  # not an address at all: the field's own message says so, once
    domain = value.rpartition("@")[2].lower()
    labels = domain.split(".")
    top = labels[-1]
    if domain.startswith("[") or len(labels) < 2 or top.isdigit() or top in RESERVED_TOP_LEVEL_DOMAINS:
        raise ValidationError(
            _("Please check the part after the @: it must be a public domain, e.g. example.org."),
            code="public_domain",
        )


TEXT_RULES = (validate_text_line, validate_text_block, validate_public_email)


def apply_public_text_rule(field: forms.Field) -> None:
    """Give a form field the one rule for its kind of text, once (a field may name it already).

    Django's own null-character check goes: the rule refuses null characters too, in the
    visitor's language, and one message is enough.
    """
    if isinstance(field, forms.EmailField):
        rule = validate_public_email
    elif isinstance(field, forms.CharField) and not field.widget.is_hidden:
        rule = validate_text_block if isinstance(field.widget, forms.Textarea) else validate_text_line
    else:
        return
    if isinstance(field, forms.EmailField):
        kept = field.validators
    else:
        kept = [check for check in field.validators if not isinstance(check, ProhibitNullCharactersValidator)]
    field.validators = [rule, *(check for check in kept if check not in TEXT_RULES)]


def _script(character: str) -> str | None:
    name = unicodedata.name(character, "")
    return next((script for script in SCRIPTS if name.startswith(script)), None)


def validate_person_name(value: str) -> None:
    """A name: letters of one script per word, spaces, hyphens, apostrophes and dots.

    Hidden and unreadable characters are left to the text rule (one message for them)."""
    if has_refused_characters(value):
        return
    for word in value.split():
        scripts = {_script(character) for character in word if character.isalpha()}
        if None in scripts or len(scripts) > 1:
            raise ValidationError(
                _("Please write each part of the name in one alphabet, with letters only."),
                code="mixed_scripts",
            )
        if any(not (character.isalpha() or character in "-'’.") for character in word):
            raise ValidationError(
                _("Please use only letters, spaces, hyphens and apostrophes."), code="name_characters"
            )
