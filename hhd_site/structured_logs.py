"""Structured logs: one JSON object per line, with personal data kept out.

``JsonFormatter`` writes each record as a single JSON line that a log collector can parse
without guessing. ``PersonalDataFilter`` runs before it (settings ``LOGGING``): it masks
e-mail addresses, phone numbers and IP addresses in the message, its arguments and the
exception text, and drops request objects, whose headers and cookies name the visitor.

Masking is the safety net, not the rule: code never logs what a visitor typed (names and
message texts cannot be recognised by a pattern). The flow tests of the public forms assert
that nothing submitted appears in any log record.
"""

import datetime
import json
import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Nine or more digits, optionally with a leading + and separators: phone numbers, but not
# dates (2026-05-09), times or ordinary counts.
PHONE = re.compile(r"(?<![\w.:/-])\+?\d(?:[\s().-]{0,2}\d){8,14}(?![\w:/-])")
IPV4 = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])")
# Full and compressed IPv6 forms with at least three groups (so that times like 12:30:45 stay).
IPV6 = re.compile(
    r"(?<![\w:])(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}(?![\w:])"
    r"|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![\w:])",
    re.IGNORECASE,
)

# Attributes every LogRecord has; anything else was passed in ``extra=``.
STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# Extras that are never written: the request carries headers, cookies and the client address.
DROPPED_EXTRAS = frozenset({"request", "scope"})


def mask_personal_data(text):
    """``text`` with e-mail addresses, phone numbers and IP addresses replaced by placeholders."""
    text = EMAIL.sub("[email]", text)
    text = IPV4.sub("[ip]", text)
    text = IPV6.sub("[ip]", text)
    return PHONE.sub("[phone]", text)


class PersonalDataFilter(logging.Filter):
    """Mask personal data in a record before any handler writes it; never drops a record."""

    def filter(self, record):
        record.msg = mask_personal_data(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        for name in DROPPED_EXTRAS:
            if hasattr(record, name):
                delattr(record, name)
        for name, value in list(vars(record).items()):
            if name not in STANDARD_ATTRIBUTES and isinstance(value, str):
                setattr(record, name, mask_personal_data(value))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, exception, extras."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        for name, value in vars(record).items():
            if name in STANDARD_ATTRIBUTES or name in DROPPED_EXTRAS or name in entry:
                continue
            # Only plain values: an object's repr may carry anything.
            if isinstance(value, str | int | float | bool) or value is None:
                entry[name] = value
        return json.dumps(entry, ensure_ascii=False)
