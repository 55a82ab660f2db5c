"""Random and hostile values for the property-based tests of the public forms and query strings.

Each public form's suite (``<app>/tests/test_hostile_input.py``) starts from a valid
submission and lets hypothesis replace, drop or duplicate fields with the values below,
and send the body as multipart, URL-encoded, JSON or with a field posted as a file. What
every suite then asserts: never a server error, never a stored invalid record, and when
the form comes back, a message for each problem and the visitor's typed values, escaped.
"""

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from hypothesis import strategies as st

HOSTILE_VALUES = [
    "",
    " ",
    "\t\n\r ",
    "A" * 10_000,  # very long
    "ы" * 5_000,  # very long, two bytes a character
    "\x00",
    "Aýna\x00Gurbanowa",
    "a\x00@example.org",
    "".join(chr(code) for code in range(1, 32)) + "\x7f\x85\u2028\u2029",  # control characters
    "line one\r\nline two",
    "\u202eevil\u202c",  # right-to-left override
    "Aýna\u200bGurbanowa\ufeff",  # zero-width space, byte order mark
    "Аýna",  # Cyrillic А + Latin: mixed scripts
    "Ашхабад Aşgabat آشغابات 阿什哈巴德",
    "e\u0301\u0301\u0301\u0301",  # stacked combining accents
    "🙂👩🏽‍⚖️",
    "<script>alert(1)</script>",
    '"><script>alert(document.cookie)</script>',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "' onmouseover='alert(1)",
    "&lt;b&gt;&amp;",
    "' OR 1=1 --",
    "Robert'); DROP TABLE campaigns_signature;--",
    "1; SELECT pg_sleep(10)",
    "%00",
    "%(name)s {0} %s %n",
    "{{ 7*7 }} {% debug %}",
    "../../etc/passwd",
    "a@b",
    "ayna@example.org",
    "Ayna@Example.ORG ",
    "a" * 300 + "@example.org",
    "ayna@exa mple.org",
    "ayna@例え.jp",
    "+90 555 123 45 67",
    "0",
    "-1",
    "1e309",
    "NaN",
    "Infinity",
    "99999999999999999999999999",
    "0.001",
    "1,5",
    "١٢٣",  # Arabic-Indic digits
    "true",
    "False",
    "on",
    "[]",
    "{}",
    "null",
]

hostile_text = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=300))

BODY_KINDS = ("multipart", "urlencoded", "json", "file")


@dataclass
class Submission:
    """One hostile POST: the fields as sent (a value or a list of values) and how the body is encoded."""

    fields: dict
    body_kind: str
    file_field: str | None = None

    def last_values(self) -> dict:
        """What a form reads for each field sent in the form body (QueryDict.get: the last value)."""
        if self.body_kind == "json":
            return {}
        values = {
            name: value[-1] if isinstance(value, list) else value for name, value in self.fields.items()
        }
        values.pop(self.file_field, None)
        return values

    def post(self, client, path, **extra):
        """Send the submission with Django's test client."""
        if self.body_kind == "json":
            return client.post(path, json.dumps(self.fields), content_type="application/json", **extra)
        if self.body_kind == "urlencoded":
            return client.post(
                path,
                urlencode(self.fields, doseq=True),
                content_type="application/x-www-form-urlencoded",
                **extra,
            )
        data = dict(self.fields)
        if self.file_field is not None:
            value = data.get(self.file_field, "x")
            value = value[-1] if isinstance(value, list) else value
            data[self.file_field] = SimpleUploadedFile("field.txt", value.encode(), "text/plain")
        return client.post(path, data, **extra)


@st.composite
def submissions(draw, valid: dict):
    """A submission built from ``valid`` (field name → strategy of good values): each field kept
    valid, replaced by a random or hostile value, or left out, and perhaps sent twice."""
    fields = {}
    for name, good in valid.items():
        mode = draw(st.sampled_from(["valid", "valid", "hostile", "missing"]))
        if mode == "missing":
            continue
        value = draw(good) if mode == "valid" else draw(hostile_text)
        if draw(st.integers(0, 5)) == 0:  # the same field twice, the second value random
            value = [value, draw(st.one_of(good, hostile_text))]
        fields[name] = value
    body_kind = draw(st.sampled_from(BODY_KINDS))
    file_field = None
    if body_kind == "file":
        if fields:
            file_field = draw(st.sampled_from(sorted(fields)))
        else:
            body_kind = "multipart"
    return Submission(fields, body_kind, file_field)


def input_value(html: str, name: str) -> str | None:
    """The raw (still escaped) ``value`` attribute of the input named ``name`` in some HTML."""
    tag = re.search(rf'<input\b[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    if tag is None:
        raise AssertionError(f"no input named {name!r}")
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return value.group(1) if value else None


def assert_kept_escaped(html: str, name: str, typed) -> None:
    """The input ``name`` shows ``typed`` again, HTML-escaped (an empty value shows no attribute)."""
    shown = input_value(html, name)
    if typed in (None, ""):
        assert shown in (None, ""), (name, shown)
    else:
        assert shown == escape(typed), (name, typed, shown)


def form_html(html: str, css_class: str) -> str:
    """The raw HTML of the first form whose class attribute contains ``css_class``."""
    match = re.search(rf'<form class="[^"]*\b{re.escape(css_class)}\b[^"]*".*?</form>', html, re.S)
    if match is None:
        raise AssertionError(f"no form.{css_class} in the page")
    return match.group(0)


def assert_every_error_is_shown(form, html: str, hidden_fields=("website",)) -> None:
    """Every message of the bound form's errors appears, escaped, in the page.

    ``hidden_fields`` are left out: the honeypot is hidden from people, and only bots fill it.
    """
    assert form.errors, "the form came back without an error"
    for field, messages in form.errors.items():
        if field in hidden_fields:
            continue
        for message in messages:
            assert message.strip(), field
            assert escape(message) in html, (field, message)
