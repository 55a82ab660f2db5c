"""Admin session lifetimes: 30 minutes idle, 12 hours at most (settings)."""

import time

from django.conf import settings

STARTED = "staff_session_started"
LAST_SEEN = "staff_session_last_seen"
STAMP = "staff_security_stamp"
# The last-seen time is written at most this often, so that not every click writes the session.
TOUCH_EVERY = 60


def start(request) -> None:
    """Called at login: the session's 12 hours begin now."""
    now = int(time.time())
    request.session[STARTED] = now
    request.session[LAST_SEEN] = now


def expired(request) -> bool:
    """True when the logged-in session has been idle too long or has lasted too long."""
    now = int(time.time())
    started = request.session.get(STARTED)
    last_seen = request.session.get(LAST_SEEN)
    if started is None or last_seen is None:
        # A session from before these rules (or forged without them): start counting now.
        start(request)
        return False
    if now - last_seen > settings.ADMIN_SESSION_IDLE_SECONDS:
        return True
    if now - started > settings.ADMIN_SESSION_MAX_SECONDS:
        return True
    if now - last_seen >= TOUCH_EVERY:
        request.session[LAST_SEEN] = now
    return False
