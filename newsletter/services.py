"""The rules of subscribing, confirming, unsubscribing and changing preferences.

Views, tasks, other apps (campaigns: "send me HHD news") and tests call these functions;
the views only translate their answers into pages. Links in e-mails carry a signed token
of the subscriber's row id and random nonce, never an address: confirmation links expire,
unsubscribe and preference links work for as long as the subscription exists.
"""

import csv
import logging
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation

from hhd_site.public_url import public_url
from safety.digests import email_digest
from safety.spreadsheets import inert_cell

from .models import Subscriber

logger = logging.getLogger(__name__)

# How long a confirmation link works. Shorter than the retention of unconfirmed rows
# (UNCONFIRMED_RETENTION_DAYS), so no link ever points at a row that retention removed.
CONFIRM_LINK_MAX_AGE = timedelta(days=7)

CONFIRM = "newsletter.confirm"
UNSUBSCRIBE = "newsletter.unsubscribe"
PREFERENCES = "newsletter.preferences"
_URL_NAMES = {
    CONFIRM: "newsletter:confirm",
    UNSUBSCRIBE: "newsletter:unsubscribe",
    PREFERENCES: "newsletter:preferences",
}

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class InvalidLink(Exception):
    """A link whose signature is wrong, or a confirmation link that expired."""


# --- Subscribing -------------------------------------------------------------------


def subscribe(email: str, language: str, consent_version: str, source: str = "form") -> None:
    """Ask for the newsletter for ``email`` in ``language``; the public entry point for every app.

    Creates the subscriber (or reuses the row of the same address: the unique digest
    decides, so two simultaneous requests make one row) and enqueues the double opt-in
    mail. An address that is already confirmed gets no second subscription: when the
    request came from the subscribe form (``source="form"``) a short notice with the
    preferences and unsubscribe links is mailed to the address itself, so the person
    who typed it learns nothing on screen; from other sources (a campaign's "send me
    HHD news" box, ticked again at every signature) nothing is sent.

    The caller answers the visitor the same way whatever happened here. Returns None
    on purpose: there is nothing the caller may show.
    """
    from . import tasks

    address = email.strip()
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    subscriber = _create_or_reuse(address, email_digest(address), language, consent_version, source)
    if subscriber is None:
        return
    if subscriber.confirmed_at is None:
        tasks.send_confirmation.enqueue(subscriber.pk)
    elif source == "form":
        tasks.send_already_subscribed_notice.enqueue(subscriber.pk)


def _create_or_reuse(address, digest, language, consent_version, source):
    """The subscriber row of this address: new, or the existing one refreshed if unconfirmed."""
    for _attempt in range(3):
        now = timezone.now()
        try:
            with transaction.atomic():
                return Subscriber.objects.create(
                    email=address,
                    email_digest=digest,
                    language=language,
                    consent_version=consent_version,
                    source=source,
                    created_at=now,
                    requested_at=now,
                )
        except IntegrityError:
            pass  # the address is known: the unique constraint, not a prior check, decides
        subscriber = Subscriber.objects.filter(email_digest=digest).first()
        if subscriber is None:
            continue  # deleted in between (unsubscribed or expired): create it afresh
        if subscriber.confirmed_at is None:
            # A new request for an unconfirmed address: the person agreed again, perhaps in
            # another language or to newer wording, and the retention period starts anew.
            Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
                language=language, consent_version=consent_version, source=source, requested_at=now
            )
        return subscriber
    logger.warning("newsletter subscribe: the row kept disappearing, gave up")
    return None


# --- Links --------------------------------------------------------------------------


def make_token(subscriber: Subscriber, purpose: str) -> str:
    """A signed token naming the subscriber's row and nonce for one purpose (no personal data)."""
    value = f"{subscriber.pk}.{subscriber.token_nonce}"
    if purpose == CONFIRM:
        return signing.TimestampSigner(salt=purpose).sign(value)
    return signing.Signer(salt=purpose).sign(value)


def link(subscriber: Subscriber, purpose: str) -> str:
    """The absolute URL of a confirm, unsubscribe or preferences link, in the subscriber's language."""
    with translation.override(subscriber.language):
        path = reverse(_URL_NAMES[purpose], args=[make_token(subscriber, purpose)])
    return public_url(path)


def subscriber_for_token(token: str, purpose: str) -> Subscriber | None:
    """The subscriber a token names, or None when the row is gone or was re-created since.

    Raises InvalidLink when the signature is wrong or a confirmation link expired.
    """
    try:
        if purpose == CONFIRM:
            value = signing.TimestampSigner(salt=purpose).unsign(
                token, max_age=CONFIRM_LINK_MAX_AGE.total_seconds()
            )
        else:
            value = signing.Signer(salt=purpose).unsign(token)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise InvalidLink from error
    pk, _sep, nonce = value.partition(".")
    if not pk.isdigit():
        raise InvalidLink
    return Subscriber.objects.filter(pk=int(pk), token_nonce=nonce).first()


# --- Confirming, unsubscribing, preferences -------------------------------------------


def confirm(token: str) -> Subscriber:
    """Confirm the subscription a confirmation link names (a second time changes nothing).

    Raises InvalidLink for a forged or expired link or one whose subscription is gone.
    Only the POST of the confirmation page calls this: opening the link confirms nothing.
    """
    subscriber = subscriber_for_token(token, CONFIRM)
    if subscriber is None:
        raise InvalidLink
    if subscriber.confirmed_at is None:
        now = timezone.now()
        # Conditional, so that two clicks at once record the first time only.
        Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(confirmed_at=now)
        subscriber.confirmed_at = now
    return subscriber


def unsubscribe(token: str) -> None:
    """Delete the subscription an unsubscribe link names, at once and completely.

    A link of a subscription that is already gone succeeds too (mail clients may post the
    one-click request twice). Raises InvalidLink only for a forged token.
    """
    subscriber = subscriber_for_token(token, UNSUBSCRIBE)
    if subscriber is not None:
        Subscriber.objects.filter(pk=subscriber.pk, token_nonce=subscriber.token_nonce).delete()


def change_language(token: str, language: str) -> Subscriber:
    """Set the newsletter language of the confirmed subscriber a preferences link names.

    Raises InvalidLink for a forged link or one whose subscription is gone or unconfirmed.
    """
    subscriber = subscriber_for_token(token, PREFERENCES)
    if subscriber is None or subscriber.confirmed_at is None or language not in LANGUAGE_CODES:
        raise InvalidLink
    Subscriber.objects.filter(pk=subscriber.pk).update(language=language)
    subscriber.language = language
    return subscriber


# --- Administration -------------------------------------------------------------------


def forget(email: str) -> bool:
    """Delete the subscription of an address on the person's request; True if there was one."""
    deleted, _by_model = Subscriber.objects.filter(email_digest=email_digest(email)).delete()
    return bool(deleted)


EXPORT_COLUMNS = ["email", "language", "confirmed", "consent_version", "source", "created_at", "confirmed_at"]


class _Echo:
    def write(self, value):
        return value


def export_csv_lines() -> Iterator[str]:
    """The subscriber list as CSV lines, read in chunks so that memory stays flat.

    The caller checks the permission and writes the audit-log entry.
    """
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_COLUMNS)
    for subscriber in Subscriber.objects.order_by("pk").iterator(chunk_size=500):
        yield writer.writerow(
            [
                inert_cell(value)
                for value in (
                    subscriber.email,
                    subscriber.language,
                    "yes" if subscriber.confirmed_at else "no",
                    subscriber.consent_version,
                    subscriber.source,
                    subscriber.created_at.isoformat(),
                    subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
                )
            ]
        )


def subscriber_counts() -> dict:
    """Confirmed and unconfirmed subscribers per language code (counts only, one query)."""
    counts = {code: {"confirmed": 0, "unconfirmed": 0} for code in LANGUAGE_CODES}
    rows = (
        Subscriber.objects.order_by()
        .values("language")
        .annotate(
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
        )
    )
    for row in rows:
        counts[row["language"]] = {"confirmed": row["confirmed"], "unconfirmed": row["unconfirmed"]}
    return counts
