"""vendor_locale/ corrects third-party catalogues: Django's Turkmen form errors read naturally.

Django's own Turkmen catalogue writes "şuwagt" (for "şu wagt", "now") and mixes registers; the
project ships corrected strings in vendor_locale/, which LOCALE_PATHS loads before Django's.
"""

import re
from pathlib import Path

import django
import polib
import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

# As in test_translation_catalogues (a test module is not imported from another one).
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}|</?[a-zA-Z][^>]*>")
TURKMEN_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "vendor_locale"
DJANGO_TK = Path(django.__file__).parent / "conf" / "locale" / "tk" / "LC_MESSAGES" / "django.po"


def vendor_catalogue(language="tk"):
    return polib.pofile(str(VENDOR / language / "LC_MESSAGES" / "django.po"))


def error_of(field, value):
    with pytest.raises(ValidationError) as caught:
        field.clean(value)
    return " ".join(caught.value.messages)


def test_the_vendor_catalogues_are_loaded_after_the_project_catalogue_and_before_the_admins():
    assert [Path(path) for path in settings.LOCALE_PATHS] == [ROOT / "locale", VENDOR, ROOT / "admin_locale"]


def test_every_vendor_string_corrects_an_existing_django_string_and_keeps_its_placeholders():
    django_msgids = {entry.msgid for entry in polib.pofile(str(DJANGO_TK))}
    po = vendor_catalogue()
    assert po.metadata["Language"] == "tk"
    assert po.metadata["Plural-Forms"] == TURKMEN_PLURAL_FORMS
    assert len(po) > 0
    for entry in po:
        assert entry.msgid in django_msgids
        for msgstr in list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]:
            assert msgstr
            assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(entry.msgid))
            assert "şuwagt" not in msgstr


def test_django_form_errors_in_turkmen_use_the_corrected_wording():
    with translation.override("tk"):
        too_long = error_of(forms.CharField(max_length=3), "abcdef")
        too_short = error_of(forms.CharField(min_length=5), "abc")
        required = error_of(forms.CharField(), "")
    assert too_long == "Bu meýdanda iň köp 3 nyşan bolmaly (häzir 6)."
    assert too_short == "Bu meýdanda azyndan 5 nyşan bolmaly (häzir 3)."
    assert required == "Bu meýdany dolduryň."
    assert "şuwagt" not in too_long + too_short
