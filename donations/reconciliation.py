"""Reconciling a bank statement with the pledges: read the CSV, find references, confirm matches.

The statement's columns are named once in the setting ``DONATIONS_STATEMENT_COLUMNS``
(headings as the bank exports them; ``currency`` may be empty when the statement has no
such column). The file is read in memory and never stored: its descriptions carry the
payers' names. Between the upload and the treasurer's confirmation, the proposed matches
travel in a signed form field, so nothing of the statement is kept on the server.

One click must not record wrong data: only clean matches (the pledged amount in the
pledged currency, an open pledge) are ticked. A match with a warning is recorded only
when the treasurer ticks "record anyway" on its row, and a cancelled pledge only when
they tick "reopen and record" (the reopening is logged first). The server checks these
choices again on confirmation, whatever the form sent.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from safety import references

from . import services
from .currencies import statement_currency
from .models import Pledge, PledgeStatus

DEFAULT_COLUMNS = {"date": "Date", "description": "Description", "amount": "Amount", "currency": "Currency"}
REQUIRED_COLUMNS = ("date", "description", "amount")
DATE_FORMATS = ("%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S")
PROPOSALS_SALT = "donations.reconciliation.v2"  # v2: currency and warnings in each row
PROPOSALS_MAX_AGE = 2 * 3600  # the treasurer confirms in the same sitting
_QUERY_CHUNK = 2000
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


class StatementError(ValueError):
    """The file cannot be read as a statement; the message is for the treasurer."""


@dataclass(frozen=True)
class StatementLine:
    """One transaction of the statement (``number`` counts from 1, after the heading).

    ``currency`` is the line's own (``TL`` read as ``TRY``); empty when the statement has
    no currency column, and then the line is taken to be in the pledged currency.
    """

    number: int
    date: datetime.date | None
    description: str
    amount: Decimal | None
    currency: str = ""


class MatchWarning:
    """Why a match is not ticked: ``code`` for the audit log, ``message`` for the treasurer."""

    def __init__(self, code, message):
        self.code = code
        self.message = message

    def __str__(self):
        return str(self.message)

    def __repr__(self):
        return f"MatchWarning({self.code!r})"


@dataclass
class Proposal:
    """A statement line whose description names an open or cancelled pledge's reference.

    Ticked in the form only when it has no warnings; otherwise it needs the treasurer's
    explicit choice on its row ("record anyway", or "reopen and record" when cancelled).
    """

    line: StatementLine
    pledge: Pledge
    warnings: list = field(default_factory=list)

    @property
    def currency(self):
        """The currency the transfer is recorded in: the line's own, else the pledged one."""
        return self.line.currency or self.pledge.currency

    @property
    def is_clean(self):
        return not self.warnings

    @property
    def is_cancelled(self):
        return self.pledge.status == PledgeStatus.CANCELLED


@dataclass
class Unmatched:
    """A statement line that confirms no pledge, and why."""

    line: StatementLine
    reason: str


@dataclass
class Reconciliation:
    proposals: list
    unmatched: list


def statement_columns() -> dict:
    """The column headings of the statement CSV, from the setting (or the English defaults)."""
    return {**DEFAULT_COLUMNS, **getattr(settings, "DONATIONS_STATEMENT_COLUMNS", DEFAULT_COLUMNS)}


def _decode(raw: bytes) -> str:
    # Turkish online banking exports either UTF-8 (often with a BOM) or Windows-1254.
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1254", errors="replace")


def parse_amount(text: str) -> Decimal | None:
    """A statement amount such as ``1.234,56``, ``1,234.56``, ``+500,00 TL`` or ``-20``.

    None when it cannot be read.
    """
    cleaned = re.sub(r"[^\d,.\-+]", "", text or "")
    if not re.search(r"\d", cleaned):
        return None
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
    elif cleaned.count(",") == 1 and re.search(r",\d{1,2}$", cleaned):
        decimal_mark = ","
    elif cleaned.count(".") == 1 and re.search(r"\.\d{1,2}$", cleaned):
        decimal_mark = "."
    else:
        decimal_mark = None  # only thousands separators, e.g. 1.500 or 1,500
    thousands = {",", "."} - {decimal_mark}
    for mark in thousands:
        cleaned = cleaned.replace(mark, "")
    if decimal_mark:
        cleaned = cleaned.replace(decimal_mark, ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_date(text: str) -> datetime.date | None:
    """A statement date in one of the usual formats (day first, or ISO); None if unreadable."""
    text = (text or "").strip()
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    return None


def read_statement(upload) -> list[StatementLine]:
    """The lines of an uploaded statement CSV (comma, semicolon or tab separated)."""
    text = _decode(upload.read())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text), dialect)
    try:
        heading = next(rows)
    except StopIteration:
        raise StatementError(_("The file is empty.")) from None
    positions = {name.strip().casefold(): index for index, name in enumerate(heading)}
    columns = statement_columns()
    index = {}
    for key, heading_name in columns.items():
        if heading_name and heading_name.strip().casefold() in positions:
            index[key] = positions[heading_name.strip().casefold()]
        elif key in REQUIRED_COLUMNS:
            raise StatementError(
                _("The column “%(column)s” is missing. The statement needs the columns: %(columns)s.")
                % {
                    "column": heading_name,
                    "columns": ", ".join(columns[name] for name in REQUIRED_COLUMNS),
                }
            )

    def cell(row, key):
        position = index.get(key)
        return row[position].strip() if position is not None and position < len(row) else ""

    lines = []
    for number, row in enumerate(rows, start=1):
        if not any(value.strip() for value in row):
            continue
        lines.append(
            StatementLine(
                number=number,
                date=parse_date(cell(row, "date")),
                description=cell(row, "description"),
                amount=parse_amount(cell(row, "amount")),
                currency=statement_currency(cell(row, "currency")),
            )
        )
    return lines


def _pledges_by_reference(candidates):
    found = {}
    candidates = list(candidates)
    for start in range(0, len(candidates), _QUERY_CHUNK):
        chunk = candidates[start : start + _QUERY_CHUNK]
        found.update((pledge.reference, pledge) for pledge in Pledge.objects.filter(reference__in=chunk))
    return found


def _references_list(pledges):
    return ", ".join(sorted(pledge.display_reference for pledge in pledges))


def match_statement(lines) -> Reconciliation:
    """Propose, for each incoming line that names exactly one pledge not yet received, that pledge.

    Looks up every possible reference of every description in a few queries (one per
    2,000 candidates), whatever the number of pledges; codes with a wrong check character
    are looked up the same way as possible typos, never as matches.
    """
    found_by_line = {line.number: references.find_in(line.description) for line in lines}
    pledges = _pledges_by_reference(set().union(*(found.references for found in found_by_line.values())))
    typo_codes = {
        number: set().union(*(references.near_misses(code) for code in found.mistyped))
        for number, found in found_by_line.items()
    }
    typo_pledges = _pledges_by_reference(set().union(*typo_codes.values()) - set(pledges))
    pledges_and_typos = {**typo_pledges, **pledges}
    proposals, unmatched = [], []
    proposed_lines = {}  # pledge pk -> number of the line that already matched it
    for line in lines:
        found = {pledges[code] for code in found_by_line[line.number].references if code in pledges}
        typos = {pledges_and_typos[code] for code in typo_codes[line.number] if code in pledges_and_typos}
        if line.amount is None or line.date is None:
            unmatched.append(Unmatched(line, _("The date or the amount cannot be read.")))
        elif line.amount <= 0:
            unmatched.append(Unmatched(line, _("Outgoing payment.")))
        elif line.currency and not _CURRENCY_CODE.fullmatch(line.currency):
            reason = _("The currency “%(currency)s” cannot be read.") % {"currency": line.currency}
            unmatched.append(Unmatched(line, reason))
        elif not found and typos:
            reason = _("Possible typo of %(references)s.") % {"references": _references_list(typos)}
            unmatched.append(Unmatched(line, reason))
        elif not found:
            unmatched.append(Unmatched(line, _("No reference found.")))
        elif len(found) > 1:
            unmatched.append(Unmatched(line, _("Several references: please check by hand.")))
        else:
            pledge = found.pop()
            if pledge.status == PledgeStatus.RECEIVED:
                unmatched.append(
                    Unmatched(line, _("%(reference)s was already received.") % {"reference": pledge})
                )
            elif pledge.pk in proposed_lines:
                unmatched.append(
                    Unmatched(
                        line,
                        _("%(reference)s was matched on line %(line)s already.")
                        % {"reference": pledge, "line": proposed_lines[pledge.pk]},
                    )
                )
            else:
                proposed_lines[pledge.pk] = line.number
                warnings = _warnings(line, pledge)
                if typos - {pledge}:
                    warnings.append(
                        MatchWarning(
                            "typo",
                            _("Also names a possible typo of %(references)s.")
                            % {"references": _references_list(typos - {pledge})},
                        )
                    )
                proposals.append(Proposal(line, pledge, warnings))
    return Reconciliation(proposals, unmatched)


def _warnings(line, pledge):
    """What is not as pledged about this line, as of now (checked again on confirmation)."""
    warnings = []
    if line.currency and line.currency != pledge.currency:
        warnings.append(
            MatchWarning("currency", _("The statement says %(currency)s.") % {"currency": line.currency})
        )
    if line.amount != pledge.amount:
        warnings.append(MatchWarning("amount", _("The amount differs from the pledge.")))
    if pledge.status == PledgeStatus.CANCELLED:
        warnings.append(MatchWarning("cancelled", _("The pledge was cancelled.")))
    return warnings


@dataclass(frozen=True)
class SignedLine:
    """A proposed match as the confirmation form carries it back (signed, so not forgeable)."""

    number: int
    pledge_pk: int
    amount: Decimal
    currency: str
    date: datetime.date
    warning_codes: frozenset

    @property
    def line(self):
        return StatementLine(self.number, self.date, "", self.amount, self.currency)


def sign_proposals(proposals) -> str:
    """The proposed matches as a signed token for the confirmation form.

    Per match: line, pledge, amount, currency (the line's own), date and the warnings
    shown. No description: it carries the payer's name.
    """
    return signing.dumps(
        [
            [
                proposal.line.number,
                proposal.pledge.pk,
                str(proposal.line.amount),
                proposal.line.currency,
                proposal.line.date.isoformat(),
                sorted(warning.code for warning in proposal.warnings),
            ]
            for proposal in proposals
        ],
        salt=PROPOSALS_SALT,
        compress=True,
    )


def unsign_proposals(token: str) -> dict:
    """``{line number: SignedLine}`` from :func:`sign_proposals`.

    Raises signing.BadSignature for a forged or expired token.
    """
    rows = signing.loads(token, salt=PROPOSALS_SALT, max_age=PROPOSALS_MAX_AGE)
    return {
        number: SignedLine(
            number, pledge_pk, Decimal(amount), currency, datetime.date.fromisoformat(date), frozenset(codes)
        )
        for number, pledge_pk, amount, currency, date, codes in rows
    }


class Refusal:
    """Why a ticked line was not recorded (the keys of :data:`REFUSAL_MESSAGES` in admin_views)."""

    NOT_PROPOSED = "not_proposed"
    NEEDS_CHOICE = "needs_choice"
    CANCELLED = "cancelled"
    ALREADY_RECEIVED = "already_received"


@dataclass
class Confirmation:
    """What a confirmation did: the lines recorded, and the lines refused with the reason."""

    recorded: list = field(default_factory=list)
    refused: dict = field(default_factory=dict)  # line number -> Refusal code


def confirm(token: str, *, ticked=(), anyway=(), reopen=(), user) -> Confirmation:
    """Record the matches the treasurer chose, row by row, enforcing the choices here.

    ``ticked``: lines ticked as clean matches; ``anyway``: lines with warnings the
    treasurer chose to record anyway; ``reopen``: lines whose cancelled pledge they chose
    to reopen and record. The warnings are worked out again from the pledge as it is now
    (and joined with those shown), so a form that was edited, or a pledge cancelled in
    the meantime, cannot slip a warned match through a plain tick. A line not in the
    signed token is refused. Raises signing.BadSignature for a forged or expired token.
    """
    proposals = unsign_proposals(token)
    anyway, reopen = set(anyway), set(reopen)
    confirmation = Confirmation()
    for number in sorted(set(ticked) | anyway | reopen):
        signed = proposals.get(number)
        if signed is None:
            confirmation.refused[number] = Refusal.NOT_PROPOSED
            continue
        with transaction.atomic():
            pledge = Pledge.objects.select_for_update().filter(pk=signed.pledge_pk).first()
            refusal = _refusal(signed, pledge, anyway=anyway, reopen=reopen)
            if refusal:
                confirmation.refused[number] = refusal
                continue
            codes = signed.warning_codes | {warning.code for warning in _warnings(signed.line, pledge)}
            if pledge.status == PledgeStatus.CANCELLED:
                services.reopen_pledge(pledge, user=user, via="statement")
            choice = "reopen" if number in reopen else "anyway" if number in anyway else "ticked"
            services.mark_received(
                pledge,
                amount=signed.amount,
                currency=signed.currency,
                received_on=signed.date,
                user=user,
                via="statement",
                details={"line": number, "warnings": sorted(codes), "choice": choice},
            )
            confirmation.recorded.append(number)
    return confirmation


def _refusal(signed, pledge, *, anyway, reopen):
    if pledge is None:
        return Refusal.NOT_PROPOSED
    if pledge.status == PledgeStatus.RECEIVED:
        return Refusal.ALREADY_RECEIVED
    if pledge.status == PledgeStatus.CANCELLED:
        return None if signed.number in reopen else Refusal.CANCELLED
    warned = signed.warning_codes or _warnings(signed.line, pledge)
    if warned and signed.number not in anyway | reopen:
        return Refusal.NEEDS_CHOICE
    return None


def confirm_matches(token: str, line_numbers, *, user, anyway=(), reopen=()) -> int:
    """Like :func:`confirm` for lines ticked as clean matches; returns how many were recorded."""
    return len(confirm(token, ticked=line_numbers, anyway=anyway, reopen=reopen, user=user).recorded)
