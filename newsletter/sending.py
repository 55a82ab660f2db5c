"""Sending an issue to thousands of subscribers without losing or doubling a copy.

Exactly once across a killed worker: one ``Delivery`` row per recipient; one run per issue at a
time (a PostgreSQL advisory lock, which the server releases when the worker's connection dies); a
run sends its claimed batch in id order and commits each outcome as soon as the mail server
answered, so a dead worker leaves at most one copy in doubt, the lowest-id row still ``sending``.
The next run marks that row failed ("interrupted") rather than risk a second copy, and puts the
rest of the batch back to ``pending``.

A refusal for now (4xx, a lost or refused connection, a timeout) is the server's fault, not the
copies': the whole send pauses (1, 2, 4 … minutes, at most an hour) and only the copy that met the
refusal counts an attempt. A 5xx fails that copy alone. Only status codes are recorded, never an
address. ``resend_missed`` sends every failed copy once more; only an "interrupted" one may then
arrive twice.
"""

import contextlib
import logging
import re
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone
from wagtail.log_actions import log

from . import mail
from .models import Delivery, DeliveryStatus, IssueStatus, NewsletterIssue, PauseReason, Subscriber

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
# Seconds a copy waits at least after its 1st, 2nd, 3rd and 4th temporary refusal; the 5th is final.
RETRY_DELAYS = (60, 300, 1800, 7200)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# Pauses of the whole send after temporary refusals in a row: 1, 2, 4 … minutes, at most this.
MAX_PAUSE = timedelta(minutes=60)
INTERRUPTED = "interrupted while being sent; not sent again (it may have arrived)"
# First key of the advisory locks of this app ("NL"); the second is the issue's id.
ADVISORY_LOCK_CLASS = 0x4E4C


class SendPaused(Exception):
    """The mail server refuses for now or cannot be reached: the whole send waits."""

    def __init__(self, reason: str, detail: str):
        super().__init__(reason, detail)
        self.reason = reason  # a PauseReason value
        self.detail = detail  # status code or exception class, never an address


def pause_delay(pauses: int) -> timedelta:
    """How long the ``pauses``-th pause in a row lasts: 1, 2, 4 … minutes, at most ``MAX_PAUSE``."""
    return min(MAX_PAUSE, timedelta(minutes=2 ** min(pauses - 1, 16)))


@dataclass
class RunResult:
    """What one sending run did (counts only)."""

    sent: int = 0
    failed: int = 0
    retrying: int = 0
    recovered: int = 0
    busy: bool = False
    finished: bool = False
    paused_until: object = None
    next_attempt_at: object = None
    errors: list = field(default_factory=list)

    def as_dict(self):
        return {
            "sent": self.sent,
            "failed": self.failed,
            "retrying": self.retrying,
            "recovered": self.recovered,
            "busy": self.busy,
            "finished": self.finished,
            "paused": self.paused_until is not None,
        }


# --- Starting and resuming ------------------------------------------------------------


def audience(issue: NewsletterIssue):
    """The subscribers an issue goes to: confirmed, in its language (by the time sending started)."""
    subscribers = Subscriber.objects.filter(language=issue.language, confirmed_at__isnull=False)
    if issue.send_requested_at:
        subscribers = subscribers.filter(confirmed_at__lte=issue.send_requested_at)
    return subscribers


def start_sending(issue: NewsletterIssue, user) -> bool:
    """Freeze a draft's content and hand it to the worker; False if it was not a draft any more.

    The caller has checked ``send_newsletterissue``. The audit log records who sent what.
    """
    from .tasks import send_issue

    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != IssueStatus.DRAFT:
            return False
        issue.send_requested_at = timezone.now()
        issue.articles_since = mail.articles_cutoff(issue)
        issue.sent_html, issue.sent_text = mail.render_body(issue, issue.articles_since)
        issue.status = IssueStatus.SENDING
        issue.sent_by = user
        issue.save(
            update_fields=[
                "status",
                "send_requested_at",
                "articles_since",
                "sent_html",
                "sent_text",
                "sent_by",
            ]
        )
        log(
            issue,
            "newsletter.send",
            user=user,
            data={"language": issue.language, "audience": audience(issue).count()},
        )
    send_issue.enqueue(issue.pk)
    return True


def resume_sending(issue: NewsletterIssue, user) -> bool:
    """Start another run for an issue that is still sending (after a worker died, or to retry now).

    A person decided to try now: a pause for the mail server ends, and the copies waiting
    for their back-off are due at once. Safe at any time: a run that finds another one
    working leaves at once.
    """
    from .tasks import send_issue

    if issue.status != IssueStatus.SENDING:
        return False
    now = timezone.now()
    with transaction.atomic():
        NewsletterIssue.objects.filter(pk=issue.pk).update(paused_until=None, pause_reason="", pauses=0)
        Delivery.objects.filter(issue=issue, status=DeliveryStatus.PENDING, next_attempt_at__gt=now).update(
            next_attempt_at=now
        )
        log(issue, "newsletter.resume", user=user)
    send_issue.enqueue(issue.pk)
    return True


def resume_all_sending() -> int:
    """Start a run for every issue still marked as sending that has none coming; returns how many.

    Every worker calls it when it starts and every few minutes (the periodic job
    ``resume_newsletter_sends`` of scheduling.jobs), so a send whose worker was killed, or
    whose run failed, continues as soon as a worker is there, without anyone pressing
    "Resume". An issue with a run already queued (perhaps for the end of a pause) is left
    alone; a run that finds another one holding the issue's lock leaves at once, and a
    paused send stays paused, so calling it any number of times is safe.
    """
    from .tasks import run_is_queued, send_issue

    started = 0
    for issue_id in NewsletterIssue.objects.filter(status=IssueStatus.SENDING).values_list("pk", flat=True):
        if run_is_queued(issue_id):
            continue
        send_issue.enqueue(issue_id)
        started += 1
    if started:
        logger.info("newsletter: resumed %d interrupted send(s)", started)
    return started


def missed_deliveries(issue: NewsletterIssue):
    """The failed copies of a finished send that may still be sent once more.

    Failed copies of people still subscribed, not sent again before. The one marked
    ``INTERRUPTED`` is among them: it may have arrived (module docstring).
    """
    return Delivery.objects.filter(
        issue=issue, status=DeliveryStatus.FAILED, subscriber__isnull=False, resent_at__isnull=True
    )


def resend_missed(issue: NewsletterIssue, user) -> int:
    """Send a finished issue once more to those whose copy failed; returns how many copies.

    Each failed copy is sent again at most once (``Delivery.resent_at``): a second call
    finds nothing more to send. The caller has checked ``send_newsletterissue``; the audit
    log records who did it and how many copies (never who received them).
    """
    from .tasks import send_issue

    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != IssueStatus.SENT:
            return 0
        now = timezone.now()
        interrupted = missed_deliveries(issue).filter(error=INTERRUPTED).count()
        count = missed_deliveries(issue).update(
            status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=now, resent_at=now, error=""
        )
        if not count:
            return 0
        issue.status = IssueStatus.SENDING
        issue.finished_at = None
        issue.paused_until, issue.pause_reason, issue.pauses = None, "", 0
        issue.save(update_fields=["status", "finished_at", "paused_until", "pause_reason", "pauses"])
        log(
            issue,
            "newsletter.resend_missed",
            user=user,
            data={"copies": count, "interrupted": interrupted},
        )
    send_issue.enqueue(issue.pk)
    return count


# --- One run ------------------------------------------------------------------------------


@contextlib.contextmanager
def sender_lock(issue_id: int):
    """Hold the issue's advisory lock for the run; yields False if another run holds it."""
    if db_connection.vendor != "postgresql":
        yield True  # development on SQLite: one process, tasks run inline
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [ADVISORY_LOCK_CLASS, issue_id])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with db_connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [ADVISORY_LOCK_CLASS, issue_id])


def run(
    issue_id: int, *, batch_size: int | None = None, clock=timezone.now, mail_connection=None
) -> RunResult:
    """Send the due copies of an issue, batch after batch, until none is due or the mail server
    refuses for now (then the send pauses).

    ``clock`` gives "now" (tests move it forward to reach retries); ``mail_connection`` is
    Django's mail backend by default. Returns the counts.
    """
    batch_size = batch_size or BATCH_SIZE
    result = RunResult()
    if not NewsletterIssue.objects.filter(pk=issue_id, status=IssueStatus.SENDING).exists():
        return result
    with sender_lock(issue_id) as acquired:
        if not acquired:
            result.busy = True
            return result
        # Read under the lock: the pause is what the last run left.
        issue = NewsletterIssue.objects.get(pk=issue_id)
        if issue.status != IssueStatus.SENDING:
            return result
        result.recovered = recover_interrupted(issue)
        if not issue.audience_ready:
            build_audience(issue)
        if issue.paused_until and issue.paused_until > clock():
            result.paused_until = issue.paused_until
            result.next_attempt_at = schedule_next_run(issue)
            return result
        connection = mail_connection or get_connection()
        try:
            while batch := claim_batch(issue, batch_size, clock()):
                try:
                    send_batch(issue, batch, connection, clock, result)
                except SendPaused as pause:
                    result.paused_until = pause_sending(issue, pause, clock(), result)
                    break
        finally:
            with contextlib.suppress(Exception):
                connection.close()
        if result.paused_until is None and result.sent and (issue.pauses or issue.paused_until):
            # The server accepts again: the next refusal pauses for a minute, not longer.
            NewsletterIssue.objects.filter(pk=issue.pk).update(paused_until=None, pause_reason="", pauses=0)
            issue.paused_until, issue.pause_reason, issue.pauses = None, "", 0
        result.finished = finish_if_done(issue)
        if not result.finished:
            result.next_attempt_at = schedule_next_run(issue)
    return result


def pause_sending(issue: NewsletterIssue, pause: SendPaused, now, result: RunResult):
    """Record that the whole send waits for the mail server; returns until when.

    Pauses in a row wait longer (``pause_delay``); a run that got copies accepted before
    the refusal starts the count again. Logged with the reason and status code only.
    """
    pauses = 1 if result.sent else issue.pauses + 1
    until = now + pause_delay(pauses)
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        paused_until=until, pause_reason=pause.reason, pauses=pauses
    )
    issue.paused_until, issue.pause_reason, issue.pauses = until, pause.reason, pauses
    # Copies released to the end of the pause: none of them is due before it.
    Delivery.objects.filter(issue=issue, status=DeliveryStatus.PENDING, next_attempt_at__lt=until).update(
        next_attempt_at=until
    )
    logger.warning(
        "newsletter issue %s: sending paused until %s (%s: %s; pause %d in a row)",
        issue.pk,
        until.isoformat(timespec="seconds"),
        pause.reason,
        pause.detail,
        pauses,
    )
    return until


def recover_interrupted(issue: NewsletterIssue) -> int:
    """Settle the rows a dead run left ``sending``; returns how many were put back.

    Called under the lock, so no live run owns them. The lowest-id one may have reached
    the mail server: it is recorded as failed and not sent again.
    """
    stuck = list(
        Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not stuck:
        return 0
    Delivery.objects.filter(pk=stuck[0]).update(status=DeliveryStatus.FAILED, error=INTERRUPTED)
    Delivery.objects.filter(pk__in=stuck[1:]).update(
        status=DeliveryStatus.PENDING, attempts=F("attempts") - 1
    )
    logger.warning("newsletter issue %s: recovered %d copies of an interrupted run", issue.pk, len(stuck))
    return len(stuck) - 1


def build_audience(issue: NewsletterIssue, chunk_size: int = 2000) -> None:
    """Write one pending delivery per recipient; idempotent (the unique constraint skips repeats)."""
    chunk = []
    for subscriber_id in (
        audience(issue).order_by("pk").values_list("pk", flat=True).iterator(chunk_size=chunk_size)
    ):
        chunk.append(
            Delivery(issue_id=issue.pk, subscriber_id=subscriber_id, next_attempt_at=issue.send_requested_at)
        )
        if len(chunk) >= chunk_size:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    if chunk:
        Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
    NewsletterIssue.objects.filter(pk=issue.pk).update(audience_ready=True)
    issue.audience_ready = True


def claim_batch(issue: NewsletterIssue, batch_size: int, now) -> list:
    """Mark up to ``batch_size`` due rows ``sending`` in one commit and return them in id order."""
    # Someone who unsubscribed after the audience was written is simply no longer in it.
    Delivery.objects.filter(issue=issue, status=DeliveryStatus.PENDING, subscriber__isnull=True).delete()
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(issue=issue, status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        Delivery.objects.filter(pk__in=ids).update(status=DeliveryStatus.SENDING, attempts=F("attempts") + 1)
    return list(Delivery.objects.filter(pk__in=ids).select_related("subscriber").order_by("pk"))


def send_batch(issue, batch, connection, clock, result: RunResult) -> None:
    """Send a claimed batch in id order, committing each outcome as soon as the server answered.

    A permanent refusal fails that copy and the batch goes on. A temporary one (4xx, lost
    or refused connection, timeout) raises SendPaused, after the copy that met it was
    counted and the untried rest of the batch was put back without counting.
    """
    try:
        # Opened here, so that one connection carries the whole batch (send_messages would
        # otherwise open and close one per message).
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        release([row.pk for row in batch])
        raise SendPaused(pause_reason_of(error), classify(error)[1]) from error
    for position, delivery in enumerate(batch):
        if delivery.subscriber is None:  # unsubscribed while the batch was claimed
            Delivery.objects.filter(pk=delivery.pk).delete()
            continue
        message = mail.subscriber_issue_message(issue, delivery.subscriber, connection=connection)
        try:
            connection.send_messages([message])
        except (smtplib.SMTPException, OSError) as error:
            permanent, reason, _connection_down = classify(error)
            record_failure(delivery, permanent, reason, clock(), result)
            if permanent:
                continue
            release([row.pk for row in batch[position + 1 :]])
            with contextlib.suppress(Exception):
                connection.close()
            raise SendPaused(pause_reason_of(error), reason) from error
        else:
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.SENT, sent_at=clock(), error=""
            )
            result.sent += 1


def release(ids) -> None:
    """Put claimed rows that were never tried back to ``pending`` (their attempt did not count)."""
    Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.PENDING, attempts=F("attempts") - 1
    )


def classify(error) -> tuple[bool, str, bool]:
    """(permanent for this recipient, reason to record, the connection is unusable).

    The reason keeps the SMTP code and enhanced status code only: servers often quote
    the recipient's address in the text.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        code = max(codes) if codes else 0
        return code >= 500, f"recipient refused: {code}", False
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPHeloError | smtplib.SMTPAuthenticationError):
        return False, f"server refused us: {error.smtp_code}", True
    if isinstance(error, smtplib.SMTPResponseException):
        text = (
            error.smtp_error.decode(errors="replace")
            if isinstance(error.smtp_error, bytes)
            else str(error.smtp_error)
        )
        enhanced = re.match(r"\s*([245]\.\d{1,3}\.\d{1,3})", text)
        reason = f"{error.smtp_code} {enhanced.group(1)}" if enhanced else str(error.smtp_code)
        return error.smtp_code >= 500, f"server answered {reason}", False
    # Lost or refused connection, timeout: temporary, and the connection is gone.
    return False, f"connection problem: {type(error).__name__}", True


def pause_reason_of(error) -> str:
    """The server answered with a refusal, or could not be reached (refused, lost, timed out)."""
    if isinstance(error, smtplib.SMTPResponseException):
        return PauseReason.REFUSED
    return PauseReason.UNREACHABLE


def record_failure(delivery, permanent, reason, now, result: RunResult) -> None:
    """Failed for good (permanent, or out of attempts) or due again after the copy's back-off.

    The back-off of a temporary refusal (``RETRY_DELAYS``) lets the rest of the send go
    first when the pause ends, so one address the server keeps refusing cannot hold up the
    others; ``pause_sending`` makes it wait at least until the pause is over.
    """
    if permanent or delivery.attempts >= MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, error=reason[:200])
        result.failed += 1
        return
    delay = RETRY_DELAYS[delivery.attempts - 1]
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, error=reason[:200], next_attempt_at=now + timedelta(seconds=delay)
    )
    result.retrying += 1


def finish_if_done(issue: NewsletterIssue) -> bool:
    """Mark the issue sent once no copy is waiting or being sent."""
    if Delivery.objects.filter(
        issue=issue, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    ).exists():
        return False
    updated = NewsletterIssue.objects.filter(pk=issue.pk, status=IssueStatus.SENDING).update(
        status=IssueStatus.SENT, finished_at=timezone.now()
    )
    if updated:
        issue.status = IssueStatus.SENT
        progress = issue.progress()
        log(issue, "newsletter.sent", data={"sent": progress["sent"], "failed": progress["failed"]})
    return True


def schedule_next_run(issue: NewsletterIssue):
    """Make sure a run comes when the next copy is due (end of a pause or of a back-off); returns when.

    Nothing is enqueued when a run is already queued for that time or earlier. Backends
    that cannot defer a task (the immediate one, in development and tests) leave the
    retry to "Resume sending" in the admin or to the worker's periodic resume.
    """
    from .tasks import run_is_queued, send_issue

    due = Delivery.objects.filter(issue=issue, status=DeliveryStatus.PENDING).aggregate(
        due=Min("next_attempt_at")
    )["due"]
    if due is None:
        return None
    if issue.paused_until and issue.paused_until > due:
        due = issue.paused_until
    if send_issue.get_backend().supports_defer and not run_is_queued(issue.pk, by=due):
        send_issue.using(run_after=max(due, timezone.now())).enqueue(issue.pk)
    return due
