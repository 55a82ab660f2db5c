"""The gettext catalogues are complete, real translations, and Django loads them once compiled."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
# The project catalogue, and the catalogues of apps that keep their own (scripts/messages).
LOCALE_DIRS = [ROOT / "locale"] + sorted(
    path for path in ROOT.glob("*/locale") if path.parent.name not in {".venv", "node_modules"}
)

LANGUAGES = ["tk", "ru", "tr", "en"]
TRANSLATED_LANGUAGES = ["tk", "ru", "tr"]  # English is the source language

PLURAL_FORMS = {
    "tk": "nplurals=2; plural=(n != 1);",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 "
        "&& (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "tr": "nplurals=2; plural=(n > 1);",
    "en": "nplurals=2; plural=(n != 1);",
}

# %(name)s, %s, %d and {name}-style placeholders, and HTML tags: all must survive translation.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}|</?[a-zA-Z][^>]*>")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
TURKMEN_LETTERS = set("äçňöşüýžÄÇŇÖŞÜÝŽ")
MINIMUM_SHARE = 0.9

# Strings other parts of the site (and their tests) rely on.
REQUIRED = {
    "tk": {"Page not found": "Sahypa tapylmady", "Something went wrong": "Bir näsazlyk ýüze çykdy"},
    "ru": {
        "Page not found": "Страница не найдена",
        "Something went wrong": "Что-то пошло не так",
        "Home": "Главная",
    },
    "tr": {"Page not found": "Sayfa bulunamadı", "Something went wrong": "Bir şeyler ters gitti"},
}


def po_path(language, locale_dir):
    return locale_dir / language / "LC_MESSAGES" / "django.po"


def catalogue(language, locale_dir=LOCALE_DIRS[0]):
    return polib.pofile(str(po_path(language, locale_dir)))


def dir_id(locale_dir):
    return locale_dir.parent.name if locale_dir.parent != ROOT else "project"


CATALOGUES = pytest.mark.parametrize(
    ("language", "locale_dir"),
    [(language, locale_dir) for locale_dir in LOCALE_DIRS for language in LANGUAGES],
    ids=[f"{dir_id(locale_dir)}-{language}" for locale_dir in LOCALE_DIRS for language in LANGUAGES],
)
TRANSLATED_CATALOGUES = pytest.mark.parametrize(
    ("language", "locale_dir"),
    [(language, locale_dir) for locale_dir in LOCALE_DIRS for language in TRANSLATED_LANGUAGES],
    ids=[
        f"{dir_id(locale_dir)}-{language}" for locale_dir in LOCALE_DIRS for language in TRANSLATED_LANGUAGES
    ],
)


def translations_of(entry):
    """Every msgstr of an entry: one, or one per plural form."""
    if entry.msgid_plural:
        return list(entry.msgstr_plural.values())
    return [entry.msgstr]


def active_entries(language, locale_dir=LOCALE_DIRS[0]):
    return [entry for entry in catalogue(language, locale_dir) if not entry.obsolete]


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


@CATALOGUES
def test_the_catalogue_declares_its_language_plural_forms_and_utf8(language, locale_dir):
    po = catalogue(language, locale_dir)
    assert po.metadata["Language"] == language
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[language]
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert not po.metadata_is_fuzzy
    header = po.header + "".join(po.metadata.values())
    for template_placeholder in ("FIRST AUTHOR", "YEAR", "PACKAGE", "EMAIL@ADDRESS"):
        assert template_placeholder not in header


@CATALOGUES
def test_every_string_is_translated(language, locale_dir):
    untranslated = [entry.msgid for entry in catalogue(language, locale_dir).untranslated_entries()]
    assert untranslated == []


@CATALOGUES
def test_no_translation_is_marked_fuzzy(language, locale_dir):
    fuzzy = [entry.msgid for entry in catalogue(language, locale_dir).fuzzy_entries()]
    assert fuzzy == []


@CATALOGUES
def test_the_catalogue_keeps_no_obsolete_strings(language, locale_dir):
    obsolete = [entry.msgid for entry in catalogue(language, locale_dir).obsolete_entries()]
    assert obsolete == []


@CATALOGUES
def test_translations_keep_every_placeholder_and_html_tag_of_the_source(language, locale_dir):
    broken = []
    for entry in active_entries(language, locale_dir):
        expected = placeholders(entry.msgid)
        for msgstr in translations_of(entry):
            if placeholders(msgstr) != expected:
                broken.append((entry.msgid, msgstr))
    assert broken == []


@TRANSLATED_CATALOGUES
def test_translations_are_not_english_copies(language, locale_dir):
    entries = active_entries(language, locale_dir)
    translated = [entry for entry in entries if entry.msgstr.strip() != entry.msgid.strip()]
    assert entries
    assert len(translated) / len(entries) >= MINIMUM_SHARE, [
        entry.msgid for entry in entries if entry not in translated
    ]


def test_the_russian_catalogue_is_written_in_cyrillic():
    msgstrs = [msgstr for entry in active_entries("ru") for msgstr in translations_of(entry)]
    cyrillic = [msgstr for msgstr in msgstrs if CYRILLIC.search(msgstr)]
    assert msgstrs
    assert len(cyrillic) / len(msgstrs) >= MINIMUM_SHARE


def test_the_turkmen_catalogue_uses_turkmen_latin_letters():
    text = "".join(msgstr for entry in active_entries("tk") for msgstr in translations_of(entry))
    assert TURKMEN_LETTERS & set(text)


@pytest.mark.parametrize(
    ("language", "msgid", "msgstr"),
    [
        (language, msgid, msgstr)
        for language, strings in REQUIRED.items()
        for msgid, msgstr in strings.items()
    ],
)
def test_key_strings_have_their_agreed_translation(language, msgid, msgstr):
    assert catalogue(language).find(msgid).msgstr == msgstr


@CATALOGUES
def test_the_compiled_catalogue_matches_its_source(language, locale_dir):
    mo_path = po_path(language, locale_dir).with_suffix(".mo")
    assert mo_path.exists(), f"run manage.py compilemessages: {mo_path} is missing"
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(mo_path)) if not entry.msgid_plural}
    source = {
        entry.msgid: entry.msgstr
        for entry in active_entries(language, locale_dir)
        if entry.msgstr and not entry.msgid_plural
    }
    assert compiled == source, "run manage.py compilemessages: the .mo file is out of date"


def test_django_serves_the_compiled_russian_catalogue():
    # A variable, not a literal: makemessages must not collect this test's strings.
    msgid = "Page not found"
    with translation.override("ru"):
        assert translation.gettext(msgid) == "Страница не найдена"


@pytest.mark.parametrize(("language", "strings"), REQUIRED.items())
def test_django_serves_each_compiled_catalogue(language, strings):
    with translation.override(language):
        for msgid, msgstr in strings.items():
            assert translation.gettext(msgid) == msgstr
