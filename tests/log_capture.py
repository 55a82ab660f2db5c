"""Every log record kept as emitted, for the tests that search logs for personal data."""

import copy
import logging
import traceback

import pytest

from hhd_site.structured_logs import STANDARD_ATTRIBUTES, JsonFormatter

NOT_THE_SITE = ("mail.log",)


class RecordKeeper(logging.Handler):
    """Keeps, for every record, the text of everything a log handler could write from it."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.entries = []
        self.formatter_ = JsonFormatter()

    def emit(self, record):
        parts = [str(record.msg), repr(record.args)]
        try:
            parts.append(record.getMessage())
        except Exception as error:  # noqa: BLE001 - a broken record is a finding, not a crash
            parts.append(f"unformattable record: {error!r}")
        extras = {name: value for name, value in vars(record).items() if name not in STANDARD_ATTRIBUTES}
        parts.append(repr(extras))
        parts.extend(str(value) for value in extras.values())
        if record.exc_info and record.exc_info[1] is not None:
            parts.append("".join(traceback.format_exception(record.exc_info[1])))
        if record.exc_text:
            parts.append(record.exc_text)
        if record.stack_info:
            parts.append(record.stack_info)
        parts.append(self.formatter_.format(copy.copy(record)))
        self.entries.append((record.name, record.levelname, "\n".join(parts)))


@pytest.fixture
def logs():
    """Every logger at DEBUG, propagating to the root, whose first handler keeps the records."""
    keeper = RecordKeeper()
    root = logging.getLogger()
    saved = {"root": (root.level, list(root.handlers))}
    loggers = [
        logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        saved[logger.name] = (logger.level, logger.propagate, logger.disabled)
        logger.setLevel(logging.NOTSET)  # inherit DEBUG from the root
        logger.propagate = True
        logger.disabled = False
    root.setLevel(logging.DEBUG)
    root.handlers.insert(0, keeper)  # before the production filter could mask anything
    try:
        yield keeper
    finally:
        root.handlers.remove(keeper)
        root.setLevel(saved["root"][0])
        for logger in loggers:
            logger.level, logger.propagate, logger.disabled = saved[logger.name]
        logging.Logger.manager._clear_cache()  # noqa: SLF001 - levels changed behind the cache's back
