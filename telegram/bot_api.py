"""A small client of Telegram's Bot API (https://core.telegram.org/bots/api), on the standard library.

Every method's URL is ``TELEGRAM_API_BASE_URL/bot<token>/<method>``: the token is in the URL,
so no URL, request or exception of ``urllib`` leaves this module. Errors come out as
``BotApiError`` with the HTTP status and the API's own description only.
"""

import json
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings

TEMPORARY = "temporary"  # 5xx, no connection, a timeout: try again later
RETRY_AFTER = "retry_after"  # 429: Telegram says when
PERMANENT = "permanent"  # any other 4xx: trying again would not help


@dataclass
class BotApiError(Exception):
    """The Bot API did not accept the call. ``detail`` never holds the URL or the token."""

    kind: str
    detail: str
    retry_after: int | None = None

    def __str__(self):
        return self.detail


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "hhd-" + secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _describe(status: int, body: bytes) -> tuple[str, int | None]:
    """The API's description and ``retry_after`` from an answer's JSON body."""
    try:
        answer = json.loads(body)
    except ValueError:
        return f"HTTP {status}", None
    if not isinstance(answer, dict):
        return f"HTTP {status}", None
    description = str(answer.get("description") or "")[:250]
    parameters = answer.get("parameters") if isinstance(answer.get("parameters"), dict) else {}
    retry_after = parameters.get("retry_after")
    retry_after = int(retry_after) if isinstance(retry_after, int | float) and retry_after >= 0 else None
    return (f"HTTP {status}: {description}" if description else f"HTTP {status}"), retry_after


def call(method: str, fields: dict, files: dict | None = None) -> dict:
    """Call a Bot API method; returns its ``result``, or raises ``BotApiError``.

    ``files``: name → (file name, bytes, content type), sent as multipart/form-data.
    """
    url = f"{settings.TELEGRAM_API_BASE_URL}/bot{settings.TELEGRAM_BOT_TOKEN}/{method}"
    if files:
        body, content_type = _multipart(fields, files)
    else:
        body, content_type = json.dumps(fields).encode(), "application/json"
    request = urllib.request.Request(  # noqa: S310 - the base URL is the operator's setting (https in production)
        url, data=body, method="POST", headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.TELEGRAM_TIMEOUT_SECONDS) as response:  # noqa: S310
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:
        # HTTPError carries the URL (and so the token): only its status and body go on.
        status, payload = error.code, error.read()
        error.close()
    except (urllib.error.URLError, OSError, ValueError) as error:
        # No connection, a timeout, a reset: the class name only (a reason may quote the URL).
        reason = getattr(error, "reason", None)
        name = type(reason).__name__ if isinstance(reason, BaseException) else type(error).__name__
        raise BotApiError(TEMPORARY, f"no answer ({name})") from None
    detail, retry_after = _describe(status, payload)
    if status == 200:
        try:
            answer = json.loads(payload)
        except ValueError:
            raise BotApiError(TEMPORARY, "HTTP 200 without JSON") from None
        if isinstance(answer, dict) and answer.get("ok") is True:
            return answer.get("result") or {}
        raise BotApiError(PERMANENT, detail)
    if status == 429:
        raise BotApiError(RETRY_AFTER, detail, retry_after if retry_after is not None else 60)
    if status >= 500:
        raise BotApiError(TEMPORARY, detail)
    raise BotApiError(PERMANENT, detail)
