"""Reconciling a bank statement with the pledges: read the CSV, find references, confirm matches.

The statement's columns are named once in the setting ``DONATIONS_STATEMENT_COLUMNS``
(headings as the bank exports them; ``currency`` may be empty when the statement has no
such column). The file is read in memory and never stored: its descriptions carry the
payers' names. Between the upload and the treasurer's confirmation, the proposed matches
travel in a signed form field, so nothing of the statement is kept on the server.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from . import references
from .models import Pledge, PledgeStatus
from .services import mark_received

DEFAULT_COLUMNS = {"date": "Date", "description": "Description", "amount": "Amount", "currency": "Currency"}
REQUIRED_COLUMNS = ("date", "description", "amount")
DATE_FORMATS = ("%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S")
PROPOSALS_SALT = "donations.reconciliation"
PROPOSALS_MAX_AGE = 2 * 3600  # the treasurer confirms in the same sitting
_QUERY_CHUNK = 2000


class StatementError(ValueError):
    """The file cannot be read as a statement; the message is for the treasurer."""


@dataclass(frozen=True)
class StatementLine:
    """One transaction of the statement (``number`` counts from 1, after the heading)."""

    number: int
    date: datetime.date | None
    description: str
    amount: Decimal | None
    currency: str = ""


@dataclass
class Proposal:
    """A statement line whose description names an open pledge's reference."""

    line: StatementLine
    pledge: Pledge
    warnings: list = field(default_factory=list)


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
                currency=cell(row, "currency").upper(),
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


def match_statement(lines) -> Reconciliation:
    """Propose, for each incoming line that names exactly one pledge not yet received, that pledge.

    Looks up every possible reference of every description in a few queries (one per
    2,000 candidates), whatever the number of pledges.
    """
    candidates_by_line = {line.number: references.candidates_in(line.description) for line in lines}
    pledges = _pledges_by_reference(set().union(*candidates_by_line.values()) if lines else set())
    proposals, unmatched = [], []
    proposed_lines = {}  # pledge pk -> number of the line that already matched it
    for line in lines:
        found = {pledges[code] for code in candidates_by_line[line.number] if code in pledges}
        if line.amount is None or line.date is None:
            unmatched.append(Unmatched(line, _("The date or the amount cannot be read.")))
        elif line.amount <= 0:
            unmatched.append(Unmatched(line, _("Outgoing payment.")))
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
                proposals.append(Proposal(line, pledge, _warnings(line, pledge)))
    return Reconciliation(proposals, unmatched)


def _warnings(line, pledge):
    warnings = []
    if line.currency and line.currency != pledge.currency:
        warnings.append(_("The statement says %(currency)s.") % {"currency": line.currency})
    if line.amount != pledge.amount:
        warnings.append(_("The amount differs from the pledge."))
    if pledge.status == PledgeStatus.CANCELLED:
        warnings.append(_("The pledge was cancelled."))
    return warnings


def sign_proposals(proposals) -> str:
    """The proposed matches as a signed token for the confirmation form: pledge, amount, date, line."""
    return signing.dumps(
        [
            [
                proposal.line.number,
                proposal.pledge.pk,
                str(proposal.line.amount),
                proposal.line.date.isoformat(),
            ]
            for proposal in proposals
        ],
        salt=PROPOSALS_SALT,
        compress=True,
    )


def unsign_proposals(token: str) -> dict:
    """``{line number: (pledge pk, amount, date)}`` from :func:`sign_proposals`.

    Raises signing.BadSignature for a forged or expired token.
    """
    rows = signing.loads(token, salt=PROPOSALS_SALT, max_age=PROPOSALS_MAX_AGE)
    return {
        number: (pledge_pk, Decimal(amount), datetime.date.fromisoformat(date))
        for number, pledge_pk, amount, date in rows
    }


def confirm_matches(token: str, line_numbers, *, user) -> int:
    """Mark received the pledges of the confirmed lines; returns how many changed.

    Pledges received in the meantime (another treasurer, a second upload) are left alone.
    """
    proposals = unsign_proposals(token)
    confirmed = 0
    for number in line_numbers:
        if number not in proposals:
            continue
        pledge_pk, amount, received_on = proposals[number]
        pledge = Pledge.objects.filter(pk=pledge_pk).first()
        if pledge is not None and mark_received(
            pledge, amount=amount, received_on=received_on, user=user, via="statement"
        ):
            confirmed += 1
    return confirmed
