"""Logs are JSON lines, and personal data never reaches them."""

import io
import json
import logging

import pytest

from hhd_site.structured_logs import JsonFormatter, PersonalDataFilter, mask_personal_data

PERSONAL = [
    "ayna.berdiyeva@example.org",
    "+993 65 12-34-56",
    "+90 532 123 45 67",
    "203.0.113.42",
    "2001:db8::7:1",
]


@pytest.fixture
def console():
    """The console handler configured by settings.LOGGING, writing into a buffer."""
    handler = next(
        handler for handler in logging.getLogger().handlers if isinstance(handler.formatter, JsonFormatter)
    )
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def lines(buffer):
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_the_configured_handler_writes_one_json_object_per_line(console):
    logging.getLogger("hhd.test").warning("signature %s confirmed", 42, extra={"campaign": "passports"})
    [entry] = lines(console)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "hhd.test"
    assert entry["message"] == "signature 42 confirmed"
    assert entry["campaign"] == "passports"
    assert entry["time"].endswith("+00:00")


def test_personal_data_in_messages_arguments_extras_and_exceptions_is_masked(console):
    logger = logging.getLogger("hhd.test")
    logger.warning("mail to %s failed, phone %s", PERSONAL[0], PERSONAL[1], extra={"client": PERSONAL[3]})
    try:
        raise ValueError(f"duplicate {PERSONAL[0]} from {PERSONAL[4]} tel {PERSONAL[2]}")
    except ValueError:
        logger.exception("could not save")
    output = console.getvalue()
    for value in PERSONAL:
        assert value not in output
    first, second = lines(console)
    assert first["message"] == "mail to [email] failed, phone [phone]"
    assert first["client"] == "[ip]"
    assert "duplicate [email] from [ip] tel [phone]" in second["exception"]


def test_request_objects_are_never_written(console, rf):
    request = rf.get("/tk/", headers={"user-agent": "secret-agent"}, REMOTE_ADDR="198.51.100.7")
    logging.getLogger("django.request").error(
        "Internal Server Error: %s", request.path, extra={"request": request, "status_code": 500}
    )
    [entry] = lines(console)
    assert "request" not in entry
    assert entry["status_code"] == 500
    assert "secret-agent" not in console.getvalue() and "198.51.100.7" not in console.getvalue()


@pytest.mark.parametrize(
    "text",
    ["2026-05-09 12:30:45", "page 12 of 340", "took 1234567 µs", "revision_id=61 pk=36", "HTTP/1.1 404"],
)
def test_ordinary_numbers_dates_and_times_stay_readable(text):
    assert mask_personal_data(text) == text


def test_the_filter_never_drops_a_record():
    record = logging.makeLogRecord({"msg": "hello %s", "args": ("a@b.org",)})
    assert PersonalDataFilter().filter(record) is True
    assert record.getMessage() == "hello [email]"
