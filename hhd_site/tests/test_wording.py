"""One register per language, as docs/translation-style.md decides.

Buttons speak to the visitor the same way everywhere: Turkmen in the formal imperative
("Iberiň", "Gol çekiň", "Ýazylyň"), Russian with an infinitive ("Отправить", "Подписаться").
The catalogues and the demo texts keep the agreed spelling: Turkmen Latin letters without
Turkish ones, Russian without gendered "(а)" forms, «» quotes in both.
"""

import re
from pathlib import Path

import polib
import pytest
import yaml
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "node_modules", "staticfiles", "test-artifacts"}

# A <button> or an <a class="button ..."> whose whole text is one translated string.
BUTTON = re.compile(
    r"<(button|a)\b([^>]*)>\s*{%\s*(?:translate|trans)\s+([\"'])(.+?)\3\s*%}\s*</\1>",
    re.DOTALL,
)
# Nouns by convention: "Search" is also the search page's heading; "Cancel" and the previews
# read as nouns in Russian interfaces ("Отмена", "Предпросмотр").
NOUN_BUTTONS = {"tk": {"Search"}, "ru": {"Search", "Cancel", "Preview (HTML)", "Preview (plain text)"}}
RUSSIAN_INFINITIVE = re.compile(r"\b[а-яё-]+(ть|ться|ти|чь)\b", re.IGNORECASE)


def project_files(pattern):
    return sorted(path for path in ROOT.glob(pattern) if not SKIPPED_DIRS & set(path.relative_to(ROOT).parts))


def button_msgids():
    msgids = set()
    for template in project_files("**/templates/**/*.html"):
        for tag, attributes, _quote, msgid in BUTTON.findall(template.read_text(encoding="utf-8")):
            if tag == "button" or "button" in attributes:
                msgids.add(msgid)
    return sorted(msgids)


def catalogue_texts(language):
    """(file, msgid, msgstr) of every active entry of every catalogue of a language."""
    paths = project_files(f"**/locale/{language}/LC_MESSAGES/django.po")
    for path in paths:
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            msgstrs = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            for msgstr in msgstrs:
                yield path.relative_to(ROOT), entry.msgid, msgstr


def demo_texts(language):
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    for path in project_files(f"demo/content/**/{language}.yaml"):
        for text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield path.relative_to(ROOT), "", text


def prose(text):
    """The words of a text: without HTML tags, placeholders and names quoted in «»."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"%\(\w+\)[sd]|\{\w*\}", " ", text)
    return re.sub(r"«[^»]*»", "«»", text)


def test_the_templates_have_buttons_to_check():
    assert {"Send my request", "Subscribe", "Sign the appeal"} <= set(button_msgids())


@pytest.mark.parametrize("msgid", button_msgids())
def test_turkmen_buttons_use_the_formal_imperative(msgid):
    if msgid in NOUN_BUTTONS["tk"]:
        return
    with translation.override("tk"):
        label = translation.gettext(msgid)
    words = re.sub(r"\([^)]*\)|…", "", label).strip(" .,:").split()
    # Iberiň, Ýazylyň, Gol çekiň, Ýatda saklaň: the formal imperative ends in -ň.
    assert words and words[-1].endswith("ň"), f"{msgid!r} → {label!r}"


@pytest.mark.parametrize("msgid", button_msgids())
def test_russian_buttons_use_an_infinitive(msgid):
    if msgid in NOUN_BUTTONS["ru"]:
        return
    with translation.override("ru"):
        label = translation.gettext(msgid)
    assert RUSSIAN_INFINITIVE.search(label), f"{msgid!r} → {label!r}"


@pytest.mark.parametrize("source", [catalogue_texts, demo_texts], ids=["catalogues", "demo"])
def test_turkmen_texts_keep_turkmen_spelling(source):
    wrong = [
        (str(path), msgid, text)
        for path, msgid, text in source("tk")
        if re.search(r"[ıİğĞ]|şuwagt|hökmany däl|goly çeken", prose(text))
    ]
    assert wrong == []


@pytest.mark.parametrize("source", [catalogue_texts, demo_texts], ids=["catalogues", "demo"])
def test_russian_texts_use_one_formal_neutral_register(source):
    wrong = [
        (str(path), msgid, text)
        for path, msgid, text in source("ru")
        # No gendered "согласен(на)", no "e-mail" or "админка" for "электронная почта" and
        # "панель управления", no masculine "вы один" for "только вы".
        if re.search(r"\((а|на)\)|e-mail|админк|вы один", prose(text), re.IGNORECASE)
    ]
    assert wrong == []


@pytest.mark.parametrize("language", ["tk", "ru"])
def test_turkmen_and_russian_quote_with_guillemets(language):
    wrong = [
        (str(path), msgid, text)
        for path, msgid, text in catalogue_texts(language)
        if re.search(r"[“”\"]|(^|\s)'\w", prose(text))
    ]
    assert wrong == []
