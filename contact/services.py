"""The rules of contact messages and help requests: called by views, the admin, tasks and tests.

Nothing here logs what a person wrote: log lines name row ids, categories and counts.
"""

import json
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from safety import audit, references, sealing
from safety.mail_errors import MAIL_ERRORS, describe

from .models import (
    CaseEnvelope,
    CaseNote,
    CaseStatus,
    CaseworkerKey,
    ContactChannel,
    ContactMessage,
    HelpRequest,
    HelpRequestPage,
    b64,
)
from .permissions import CASES, users_with

logger = logging.getLogger(__name__)

# Sending the acknowledgement inline must not hold the person's page for long.
ACKNOWLEDGEMENT_SMTP_TIMEOUT = 10


class NoCaseworkerKey(Exception):
    """No caseworker has registered a key: a help request cannot be sealed, so it is not taken."""


# --- Contact messages ------------------------------------------------------------------


def receive_contact_message(*, name, email, subject, message, consent_version, language) -> ContactMessage:
    """Store a contact message (encrypted at rest) and tell the staff, without its content."""
    stored = ContactMessage.objects.create(
        name=name,
        email=email.strip(),
        subject=subject,
        message=message,
        consent_version=consent_version,
        language=language,
    )
    logger.info("contact message %s received", stored.pk)
    from .tasks import notify_staff_of_message

    notify_staff_of_message.enqueue(stored.pk)
    return stored


# --- Help requests ---------------------------------------------------------------------


@dataclass(frozen=True)
class HelpRequestSubmission:
    """What a person typed into the help form. Lives in memory during one request only."""

    category: str
    urgent: bool
    location: str
    contact_channel: str
    contact_value: str
    language: str
    name: str
    account: str
    consent_version: str

    def sealed_document(self) -> bytes:
        """The personal part, as the JSON document that gets sealed (version 1)."""
        return json.dumps(
            {
                "version": 1,
                "name": self.name,
                "location": self.location,
                "contact_channel": self.contact_channel,
                "contact_value": self.contact_value,
                "account": self.account,
            },
            ensure_ascii=False,
        ).encode()


def caseworkers():
    """Active users who may handle help requests."""
    return users_with(CASES)


def assignable_caseworkers(case=None):
    """Caseworkers a case can be given to: those with an active key (the others could not open it),
    and whoever holds ``case`` now, so that saving its status does not silently unassign them."""
    with_key = Q(caseworker_keys__active=True)
    if case is not None and case.assigned_to_id:
        with_key |= Q(pk=case.assigned_to_id)
    return caseworkers().filter(with_key).distinct().order_by("first_name", "last_name", "username")


def inbox_counts() -> dict:
    """What waits in the inbox, as counts only: new requests, open urgent ones, waiting ones."""
    open_cases = HelpRequest.objects.filter(closed_at__isnull=True)
    return open_cases.aggregate(
        new=Count("pk", filter=Q(status=CaseStatus.NEW)),
        urgent=Count("pk", filter=Q(urgent=True)),
        waiting=Count("pk", filter=Q(status=CaseStatus.WAITING)),
    )


def sealing_keys():
    """The active keys of active users who may handle help requests: whom a new request is sealed to."""
    return list(CaseworkerKey.objects.filter(active=True, user__in=caseworkers().values("pk")).order_by("pk"))


def help_requests_can_be_sealed() -> bool:
    """Whether the help form can take a request now: some caseworker key to seal it to.

    The help page is cached for everyone, so this is remembered per page-cache generation;
    registering, replacing or retiring a key moves the generation (contact.apps). Should the
    last caseworker lose the permission meanwhile, the first request that finds no key
    corrects it (``help_requests_found_no_key``).
    """
    from caching.generation import cached_fragment

    return cached_fragment("contact:help-can-be-sealed", lambda: bool(sealing_keys()))


def help_requests_found_no_key() -> None:
    """A request found no key to seal to although the page offered the form: purge the cached
    pages once, so that the help page says it is not available. Once the generation moved the
    fact is computed again (False), so later refused requests purge nothing."""
    if help_requests_can_be_sealed():
        from caching.signals import purge

        purge()


def submit_help_request(submission: HelpRequestSubmission) -> HelpRequest:
    """Seal a help request to every caseworker key and store only the sealed blobs and the metadata.

    Raises NoCaseworkerKey (storing nothing) when there is no key to seal to. The plaintext
    and the content key exist only in this function's memory. An e-mail address given as
    the contact gets an acknowledgement right away: it cannot be kept for a background task
    without being stored readable.
    """
    keys = sealing_keys()
    if not keys:
        logger.warning("help request refused: no caseworker key is registered")
        raise NoCaseworkerKey
    document = submission.sealed_document()
    recipients = [sealing.Recipient(key.pk, key.public_key_bytes) for key in keys]
    envelopes = []  # of the case last built: each try seals again, to its own reference

    def build(reference):
        case = HelpRequest(
            reference=reference,
            category=submission.category,
            urgent=submission.urgent,
            language=submission.language,
            consent_version=submission.consent_version,
        )
        sealed = sealing.seal(document, recipients, associated_data=case.document_aad())
        case.sealed_nonce = b64(sealed.nonce)
        case.sealed_document = b64(sealed.ciphertext)
        envelopes[:] = sealed.envelopes
        return case

    def save(case):
        case.save()
        CaseEnvelope.objects.bulk_create(
            CaseEnvelope(
                help_request=case,
                key_id=envelope.key_id,
                ephemeral_public=b64(envelope.ephemeral_public),
                nonce=b64(envelope.nonce),
                wrapped_key=b64(envelope.wrapped_key),
            )
            for envelope in envelopes
        )

    case = references.save_with_fresh_reference(build, save)
    document = None  # the plaintext: not kept a moment longer than needed (also in build())
    logger.info(
        "help request %s received (%s%s), sealed to %d keys",
        case.pk,
        case.category,
        ", urgent" if case.urgent else "",
        len(recipients),
    )
    from .tasks import notify_caseworkers

    notify_caseworkers.enqueue(case.pk)
    if submission.contact_channel == ContactChannel.EMAIL:
        send_acknowledgement(case, submission.contact_value)
    return case


def acknowledgement_mail(case: HelpRequest, address: str) -> EmailMessage:
    """The acknowledgement in the person's language: neutral subject and sender, none of their details."""
    with translation.override(case.language):
        subject = gettext("Your message has arrived")
        body = render_to_string("contact/email/acknowledgement.txt", {"case": case})
    return EmailMessage(subject, body, settings.NEUTRAL_FROM_EMAIL, [address])


def send_acknowledgement(case: HelpRequest, address: str) -> bool:
    """Send the acknowledgement now; a failure is logged (without the address) and not retried."""
    message = acknowledgement_mail(case, address)
    message.connection = get_connection(timeout=ACKNOWLEDGEMENT_SMTP_TIMEOUT)
    try:
        message.send()
    except MAIL_ERRORS as error:
        logger.warning("help request %s: acknowledgement not sent (%s)", case.pk, describe(error))
        return False
    return True


def envelope_for(case: HelpRequest, user):
    """The envelope of ``case`` for the user's active key, or None."""
    return (
        CaseEnvelope.objects.filter(help_request=case, key__user=user, key__active=True)
        .select_related("key")
        .first()
    )


def active_key_of(user):
    return CaseworkerKey.objects.filter(user=user, active=True).first()


def log_case_opened(case, user):
    """Write the opening of a case to the audit log (reference and user only)."""
    log(case, "contact.open_case", user=user)


def update_case(case: HelpRequest, *, status, assigned_to, user) -> list[str]:
    """Apply a status change and/or an assignment; each change is one audit-log entry."""
    changed = []
    with transaction.atomic():
        locked = HelpRequest.objects.select_for_update().get(pk=case.pk)
        if assigned_to != locked.assigned_to:
            locked.assigned_to = assigned_to
            changed.append("assigned_to")
            log(
                locked,
                "contact.assign",
                user=user,
                data={"assigned_to": assigned_to.pk if assigned_to else None},
            )
        if status != locked.status:
            previous = locked.status
            locked.status = status
            locked.status_changed_at = timezone.now()
            locked.closed_at = locked.status_changed_at if status == CaseStatus.CLOSED else None
            changed += ["status", "status_changed_at", "closed_at"]
            log(locked, "contact.change_status", user=user, data={"from": previous, "to": status})
        if changed:
            locked.save(update_fields=changed)
    case.refresh_from_db()
    return changed


def add_note(case: HelpRequest, *, nonce: str, ciphertext: str, user) -> CaseNote:
    """Store a note encrypted in the browser; the log says that a note was added, not what it says."""
    note = CaseNote.objects.create(help_request=case, author=user, nonce=nonce, ciphertext=ciphertext)
    log(case, "contact.add_note", user=user, data={"note": note.pk})
    return note


def anonymise_cases(cases) -> int:
    """Delete the sealed content, envelopes and notes of these cases; the metadata stays."""
    ids = list(cases.filter(anonymised_at__isnull=True).values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        CaseEnvelope.objects.filter(help_request_id__in=ids).delete()
        CaseNote.objects.filter(help_request_id__in=ids).delete()
        HelpRequest.objects.filter(pk__in=ids).update(
            sealed_nonce="", sealed_document="", anonymised_at=timezone.now()
        )
    return len(ids)


def erase_case(case: HelpRequest, *, user) -> None:
    """Erase a case on the person's request: anonymised now and closed; the log keeps the fact only."""
    with transaction.atomic():
        anonymise_cases(HelpRequest.objects.filter(pk=case.pk))
        now = timezone.now()
        HelpRequest.objects.filter(pk=case.pk).exclude(status=CaseStatus.CLOSED).update(
            status=CaseStatus.CLOSED, status_changed_at=now, closed_at=now
        )
        log(case, "contact.erase", user=user)
    case.refresh_from_db()


# --- Caseworker keys -------------------------------------------------------------------


@dataclass(frozen=True)
class KeyReplacement:
    """What replacing a caseworker's key would cost, in requests (sealed content still there).

    ``cases``: requests the active key opens now, which the new key could not open until a
    colleague shares them again. ``lost``: those of them sealed to no other active caseworker
    key, so that nobody could ever read them again.
    """

    cases: int
    lost: int


def key_replacement(user) -> KeyReplacement:
    """What replacing ``user``'s active key would cost now (nothing when they have no key)."""
    key = active_key_of(user)
    if key is None:
        return KeyReplacement(cases=0, lost=0)
    cases = HelpRequest.objects.filter(envelopes__key=key, anonymised_at__isnull=True)
    others = [other.pk for other in sealing_keys() if other.pk != key.pk]
    readable_by_others = CaseEnvelope.objects.filter(key__in=others).values("help_request_id")
    return KeyReplacement(cases=cases.count(), lost=cases.exclude(pk__in=readable_by_others).count())


def register_key(user, data: dict, spki: bytes) -> CaseworkerKey:
    """Register a key made in the user's browser; an earlier active key of theirs is retired.

    Cases sealed only to the retired key can no longer be opened by this user unless a
    colleague shares them again.
    """
    with transaction.atomic():
        now = timezone.now()
        for old in CaseworkerKey.objects.select_for_update().filter(user=user, active=True):
            old.active = False
            old.retired_at = now
            old.save(update_fields=["active", "retired_at"])
            log(old, "contact.retire_key", user=user)
        key = CaseworkerKey.objects.create(user=user, fingerprint=sealing.fingerprint(spki), **data)
        log(key, "contact.register_key", user=user, data={"fingerprint": key.fingerprint})
    return key


def change_passphrase(key: CaseworkerKey, *, wrapped_private_key, passphrase_salt, passphrase_nonce,
                      passphrase_iterations, user) -> None:  # fmt: skip
    """Store the private key wrapped under a new passphrase (the recovery copy stays as it was)."""
    key.wrapped_private_key = wrapped_private_key
    key.passphrase_salt = passphrase_salt
    key.passphrase_nonce = passphrase_nonce
    key.passphrase_iterations = passphrase_iterations
    key.save(
        update_fields=["wrapped_private_key", "passphrase_salt", "passphrase_nonce", "passphrase_iterations"]
    )
    log(key, "contact.change_passphrase", user=user)


def cases_to_share(own_key: CaseworkerKey, colleague_key: CaseworkerKey):
    """Cases the owner of ``own_key`` can open and ``colleague_key`` cannot, with the owner's envelopes."""
    return (
        CaseEnvelope.objects.filter(key=own_key, help_request__anonymised_at__isnull=True)
        .exclude(help_request__envelopes__key=colleague_key)
        .select_related("help_request")
        .order_by("help_request_id")
    )


def share_cases(colleague_key: CaseworkerKey, envelopes, *, user, own_key: CaseworkerKey) -> int:
    """Store envelopes that the user's browser made for a colleague's key; returns how many were new.

    Only cases the user can open themselves are accepted, and a case that already has an
    envelope for the colleague's key keeps it.
    """
    allowed = set(
        CaseEnvelope.objects.filter(key=own_key, help_request__anonymised_at__isnull=True).values_list(
            "help_request_id", flat=True
        )
    )
    present = set(
        CaseEnvelope.objects.filter(key=colleague_key, help_request_id__in=allowed).values_list(
            "help_request_id", flat=True
        )
    )
    rows = {}
    for case_id, ephemeral_public, nonce, wrapped_key in envelopes:
        if case_id in allowed and case_id not in present and case_id not in rows:
            rows[case_id] = CaseEnvelope(
                help_request_id=case_id,
                key=colleague_key,
                ephemeral_public=ephemeral_public,
                nonce=nonce,
                wrapped_key=wrapped_key,
                shared_by=user,
            )
    if not rows:
        return 0
    with transaction.atomic():
        # A colleague sharing the same case at the same moment: the first envelope stays.
        CaseEnvelope.objects.bulk_create(rows.values(), ignore_conflicts=True)
        content_type = ContentType.objects.get_for_model(HelpRequest)
        batch = uuid.uuid4()
        now = timezone.now()
        labels = {
            pk: references.display(reference)
            for pk, reference in HelpRequest.objects.filter(pk__in=rows).values_list("pk", "reference")
        }
        ModelLogEntry.objects.bulk_create(
            ModelLogEntry(
                content_type=content_type,
                object_id=str(case_id),
                label=labels.get(case_id, ""),
                action="contact.share",
                user=user,
                uuid=batch,
                timestamp=now,
                data={"with_user": colleague_key.user_id, "key": colleague_key.fingerprint[:16]},
            )
            for case_id in rows
        )
    return len(rows)


def log_export(cases, *, user, export_format):
    """One audit-log entry per exported case (metadata only), sharing one id."""
    return audit.log_export(
        cases, action="contact.export", user=user, export_format=export_format, label=references.display
    )


def submission_from(form, consent_version) -> HelpRequestSubmission:
    """The submission of a valid help form."""
    data = form.cleaned_data
    fields = {name: data[name] for name in HelpRequestSubmission.__dataclass_fields__ if name in data}
    return HelpRequestSubmission(consent_version=consent_version, **fields)


def help_pages(locale_id):
    """The live "ask for help" pages of a language, in the tree's order (the first is the home
    page's call to ask for help, home.calls_to_action)."""
    return HelpRequestPage.objects.live().filter(locale_id=locale_id).order_by("path")
