"""Enrolment links: the only way an account gets its first second factor.

A password alone never opens the set-up form, or whoever held the password of an account that
never enrolled would register their own authenticator. The set-up opens, for ``GRANT_LIFETIME``,
only to a session that signed in with the user's password and then POSTed the user's link (mail
scanners only GET). A link works once, expires after 24 hours, is cancelled by a newer one and is
stored as the SHA-256 hash of its token. The same link lets a user who lost both phone and
recovery codes replace their authenticator: an administrator's decision, not a password's.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from hhd_site.public_url import public_url

from .models import EnrolmentLink

LIFETIME = timedelta(hours=24)
# Between pressing the link's button and typing the app's first code.
GRANT_LIFETIME = timedelta(hours=1)
SESSION_KEY = "staff_enrolment_link"
TOKEN_BYTES = 32
# Tokens are url-safe base64 of TOKEN_BYTES bytes (43 characters); longer input is not looked up.
MAX_TOKEN_LENGTH = 64


@dataclass(frozen=True)
class IssuedLink:
    """A freshly made link: its address (shown once, never stored) and when it stops working."""

    url: str
    expires_at: datetime


def link_notice(user, issued: IssuedLink) -> str:
    """What the commands that issue a link print for the administrator to pass on."""
    return (
        f"Enrolment link for {user.get_username()} (works once, until "
        f"{issued.expires_at:%Y-%m-%d %H:%M} UTC, after signing in with the password):\n{issued.url}"
    )


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def may_issue(actor, user) -> bool:
    """Who may make a link for ``user``: superusers, and for users who are not superusers,
    whoever may change users (the Administrators). Never for an inactive account."""
    if not user.is_active or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    opts = get_user_model()._meta  # noqa: SLF001 - Django's documented model metadata
    return actor.has_perm(f"{opts.app_label}.change_{opts.model_name}") and not user.is_superuser


def issue_link(user, *, issued_by=None, via: str) -> IssuedLink:
    """Make a new enrolment link for ``user``; older links of the user stop working.

    ``via`` names where it was made (the admin, a management command) for the audit log."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        EnrolmentLink.objects.filter(user=user).delete()
        link = EnrolmentLink.objects.create(user=user, token_hash=token_hash(token), issued_by=issued_by)
    expires_at = link.issued_at + LIFETIME
    log(
        user,
        "staff.enrolment_link_issued",
        user=issued_by,
        data={"via": via, "expires_at": expires_at.isoformat()},
    )
    return IssuedLink(url=public_url(reverse("staff:enrol", args=[token])), expires_at=expires_at)


def _unused(now=None):
    now = now or timezone.now()
    return EnrolmentLink.objects.filter(used_at__isnull=True, issued_at__gt=now - LIFETIME)


def valid_link(token: str) -> EnrolmentLink | None:
    """The unused, unexpired link of ``token``, or None. Looking does not spend it."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return _unused().filter(token_hash=token_hash(token)).first()


def use_link(request, token: str) -> bool:
    """The signed-in ``request.user`` presents ``token``: when it is their valid link, it is
    spent and this session may set up a second factor. False (and nothing spent) otherwise."""
    user = request.user
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return False
    with transaction.atomic():
        link = _unused().select_for_update().filter(token_hash=token_hash(token)).first()
        if link is not None and link.user_id == user.pk:
            link.used_at = timezone.now()
            link.save(update_fields=["used_at"])
    if link is None:
        return False
    if link.user_id != user.pk:
        # Someone else's link: refused and left for its owner, who is told in the log.
        log(link.user, "staff.enrolment_link_refused", user=user, data={"reason": "another account"})
        return False
    request.session[SESSION_KEY] = link.pk
    log(user, "staff.enrolment_link_used", user=user)
    return True


def granted(request, user) -> bool:
    """This session presented the user's enrolment link and may set up a second factor."""
    link_pk = request.session.get(SESSION_KEY)
    if link_pk is None:
        return False
    return EnrolmentLink.objects.filter(
        pk=link_pk, user=user, used_at__gt=timezone.now() - GRANT_LIFETIME
    ).exists()


def finish(request, user) -> None:
    """A second factor was set up: the grant is over, and no link of the user stays open."""
    request.session.pop(SESSION_KEY, None)
    EnrolmentLink.objects.filter(user=user, used_at__isnull=True).delete()
