"""Validators for what visitors type into public forms: clear, translated messages."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Scripts a name may be written in; a single word mixing two of them (e.g. a Cyrillic "а"
# inside a Latin name) is how look-alike spoofing is done, and nobody's name needs it.
SCRIPTS = ("LATIN", "CYRILLIC", "ARABIC", "GREEK", "ARMENIAN", "GEORGIAN", "HEBREW", "CJK", "HANGUL")


def reject_control_characters(value: str) -> None:
    """Refuse control characters (null bytes, escapes, invisible direction marks) in a text."""
    for character in value:
        category = unicodedata.category(character)
        if category in ("Cc", "Cf", "Cs", "Co") and character not in "\n\r\t":
            raise ValidationError(
                _("Please remove the invisible or control characters from this field."),
                code="control_characters",
            )


def _script(character: str) -> str | None:
    name = unicodedata.name(character, "")
    return next((script for script in SCRIPTS if name.startswith(script)), None)


def validate_person_name(value: str) -> None:
    """A name: letters of one script per word, spaces, hyphens, apostrophes and dots."""
    reject_control_characters(value)
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


def validate_single_line(value: str) -> None:
    """One line of text without control characters (a city, a subject)."""
    reject_control_characters(value)
    if "\n" in value or "\r" in value:
        raise ValidationError(_("Please write this on one line."), code="multiple_lines")
