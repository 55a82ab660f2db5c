"""The rules of pledging, receiving and forgetting: called by views, the admin, tasks and tests."""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail.log_actions import log

from safety import audit, references
from safety.digests import email_digest

from .models import DonationPage, Pledge, PledgeStatus

logger = logging.getLogger(__name__)


def create_pledge(*, page, amount, currency, frequency, name="", email="", consent_version="", language):
    """Store a pledge with a fresh unique reference; mail the instructions if an address was given.

    A collision of references (one in billions) is retried with another code
    (safety.references.save_with_fresh_reference).
    """
    pledge = references.save_with_fresh_reference(
        lambda reference: Pledge(
            reference=reference,
            page=page,
            amount=amount,
            currency=currency,
            frequency=frequency,
            name=name.strip(),
            email=email.strip(),
            email_digest=email_digest(email) if email else "",
            consent_version=consent_version if email else "",
            consented_at=timezone.now() if email else None,
            language=language,
        ),
        Pledge.save,
    )
    # Counts only: nothing that identifies the donor reaches the log.
    logger.info("pledge %s made (%s)", pledge.pk, pledge.currency)
    if pledge.email:
        from .tasks import send_pledge_instructions

        send_pledge_instructions.enqueue(pledge.pk)
    return pledge


def find_pledge(typed_reference: str):
    """The pledge with this reference as a person typed it (any case, spaces, dashes), or None."""
    code = references.canonical(typed_reference)
    return Pledge.objects.filter(reference=code).first() if code else None


def accounts_for(page, currency):
    """The page's bank accounts in this currency, in the page's order (all of them if none matches)."""
    if page is None:
        return []
    accounts = list(page.bank_accounts.all())
    matching = [account for account in accounts if account.currency == currency]
    return matching or accounts


def mark_received(pledge, *, amount, received_on, currency="", user=None, via="admin", details=None):
    """Record that the transfer arrived: amount, currency and date as the bank shows them.

    ``currency`` is the one the transfer arrived in (the pledged one when empty); it is
    stored beside the amount and never converted. ``details`` go into the audit-log entry
    (for a statement: the line, its warnings and the treasurer's choice).

    Sends the receipt (once) to a donor who left an address, and writes the audit log.
    Returns False, changing nothing, when the pledge had already been received or was
    cancelled: a cancelled pledge must be reopened first (:func:`reopen_pledge`).
    """
    with transaction.atomic():
        locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if locked.status in (PledgeStatus.RECEIVED, PledgeStatus.CANCELLED):
            return False
        locked.status = PledgeStatus.RECEIVED
        locked.received_amount = Decimal(amount).quantize(Decimal("0.01"))
        locked.received_currency = (currency or locked.currency).upper()
        locked.received_on = received_on
        locked.save(update_fields=["status", "received_amount", "received_currency", "received_on"])
        log(
            locked,
            "donations.mark_received",
            user=user,
            data={
                "amount": str(locked.received_amount),
                "currency": locked.received_currency,
                "received_on": received_on.isoformat() if received_on else None,
                "pledged_amount": str(locked.amount),
                "pledged_currency": locked.currency,
                "via": via,
                **(details or {}),
            },
        )
        if locked.email:
            from .tasks import send_pledge_receipt

            send_pledge_receipt.enqueue(locked.pk)
    pledge.refresh_from_db()
    return True


def reopen_pledge(pledge, *, user=None, via="admin"):
    """Make a cancelled pledge open again (pledged), with an audit-log entry.

    The one way back from "cancelled": nothing marks a cancelled pledge received without
    it. Returns False, changing nothing, when the pledge was not cancelled.
    """
    with transaction.atomic():
        locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if locked.status != PledgeStatus.CANCELLED:
            return False
        locked.status = PledgeStatus.PLEDGED
        locked.save(update_fields=["status"])
        log(locked, "donations.reopen", user=user, data={"via": via})
    pledge.refresh_from_db()
    return True


def update_pledge(pledge, *, status, received_amount, received_on, user, received_currency=""):
    """Apply the treasurer's edit of one pledge; becoming received goes through :func:`mark_received`.

    Leaving "cancelled" is a reopening (:func:`reopen_pledge`), logged as such.
    """
    previous = Pledge.objects.get(pk=pledge.pk)
    if previous.status == PledgeStatus.CANCELLED and status != PledgeStatus.CANCELLED:
        reopen_pledge(pledge, user=user)
        previous.status = PledgeStatus.PLEDGED
        if status == PledgeStatus.PLEDGED:
            return pledge
    if status == PledgeStatus.RECEIVED and previous.status != PledgeStatus.RECEIVED:
        mark_received(
            pledge, amount=received_amount, currency=received_currency, received_on=received_on, user=user
        )
        return pledge
    pledge.status = status
    if status == PledgeStatus.RECEIVED:
        pledge.received_amount, pledge.received_on = received_amount, received_on
        pledge.received_currency = (received_currency or pledge.received_currency or pledge.currency).upper()
    else:
        pledge.received_amount = pledge.received_on = None
        pledge.received_currency = ""
    pledge.save(update_fields=["status", "received_amount", "received_currency", "received_on"])
    action = "donations.cancel" if status == PledgeStatus.CANCELLED else "wagtail.edit"
    log(pledge, action, user=user, data={"status": status})
    return pledge


@dataclass(frozen=True)
class GoalProgress:
    """How far the donations received in the goal's currency have come."""

    goal: Decimal
    received: Decimal
    currency: str

    @property
    def percent(self) -> int:
        return min(100, int(self.received * 100 / self.goal)) if self.goal else 0


def goal_progress(page):
    """The goal of a donation page and what its pledges (in any language) brought in; None without a goal.

    Counts what arrived in the goal's currency, whatever currency was pledged.
    """
    if not page.goal_amount:
        return None
    received = Pledge.objects.filter(
        page__translation_key=page.translation_key,
        status=PledgeStatus.RECEIVED,
        received_currency=page.goal_currency,
    ).aggregate(total=Sum("received_amount"))["total"]
    return GoalProgress(goal=page.goal_amount, received=received or Decimal(0), currency=page.goal_currency)


@dataclass(frozen=True)
class MonthTotal:
    """What was pledged (by the month it was made) and received (by the month it arrived)."""

    month: object
    currency: str
    pledged_count: int = 0
    pledged_amount: Decimal = Decimal(0)
    received_count: int = 0
    received_amount: Decimal = Decimal(0)


def totals_by_month():
    """Totals per month and currency, newest month first (two grouped queries).

    Pledges count in the currency pledged, transfers in the currency they arrived in.
    """
    rows = {}
    pledged = (
        Pledge.objects.annotate(month=TruncMonth("created_at"))
        .values("month", "currency")
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by()
    )
    for row in pledged:
        key = (row["month"].date(), row["currency"])
        rows[key] = MonthTotal(key[0], key[1], pledged_count=row["count"], pledged_amount=row["amount"])
    received = (
        Pledge.objects.filter(status=PledgeStatus.RECEIVED)
        .annotate(month=TruncMonth("received_on"))
        .values("month", "received_currency")
        .annotate(count=Count("pk"), amount=Sum("received_amount"))
        .order_by()
    )
    for row in received:
        key = (row["month"], row["received_currency"])
        current = rows.get(key, MonthTotal(key[0], key[1]))
        rows[key] = MonthTotal(
            key[0],
            key[1],
            current.pledged_count,
            current.pledged_amount,
            received_count=row["count"],
            received_amount=row["amount"],
        )
    return sorted(rows.values(), key=lambda total: (total.month, total.currency), reverse=True)


def anonymise(pledges) -> int:
    """Remove names and e-mail addresses from these pledges; amounts and references stay for the books."""
    return pledges.filter(anonymised_at__isnull=True).update(
        name="",
        email="",
        email_digest="",
        consent_version="",
        consented_at=None,
        anonymised_at=timezone.now(),
    )


def forget_donor(address: str) -> int:
    """Anonymise every pledge made with this e-mail address (a donor's request to be deleted)."""
    return anonymise(Pledge.objects.filter(email_digest=email_digest(address)))


def log_export(pledges, *, user, export_format):
    """One audit-log entry per exported pledge, sharing one id: whose data left the site, when, by whom."""
    return audit.log_export(
        pledges, action="donations.export", user=user, export_format=export_format, label=references.display
    )


def donation_pages(locale_id):
    """The live donation pages of a language, in the tree's order (the first is the home page's
    call to donate, home.calls_to_action)."""
    return DonationPage.objects.live().filter(locale_id=locale_id).order_by("path")
