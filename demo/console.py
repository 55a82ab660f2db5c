"""What seed_demo's summary needs of the console: a quiet log, and where mail goes."""

import logging
from contextlib import contextmanager

from django.conf import settings


@contextmanager
def console_log_level(level):
    """Raise the threshold of the console's log handlers (those writing to stdout or stderr) for a
    while; handlers that write elsewhere (files, services) keep everything."""
    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if type(handler) is logging.StreamHandler and level > handler.level
    ]
    previous = [handler.level for handler in handlers]
    for handler in handlers:
        handler.setLevel(level)
    try:
        yield
    finally:
        for handler, old in zip(handlers, previous, strict=True):
            handler.setLevel(old)


def mail_destination() -> str:
    """Where the mail the site sends ends up, in the words of someone trying it out."""
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "console":
        return "printed in the terminal that runs the server (console backend); nothing is sent."
    if backend == "filebased":
        return f"written as files to {settings.EMAIL_FILE_PATH}; nothing is sent."
    if backend == "locmem":
        return "kept in memory (locmem backend); nothing is sent."
    if backend == "smtp":
        return f"sent through the SMTP server {settings.EMAIL_HOST}:{settings.EMAIL_PORT}."
    return f"handed to {settings.EMAIL_BACKEND}."
