"""Confirmed signatures as CSV or XLSX, for delivery to the addressee."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from safety.spreadsheets import inert_cell

from .countries import COUNTRIES

COUNTRY_NAMES = dict(COUNTRIES)


def rows(signatures):
    """Header and one row per signature: name, country, city, date of confirmation."""
    yield [_("Name"), _("Country"), _("City"), _("Date")]
    for signature in signatures:
        yield [
            inert_cell(signature.full_name),
            str(COUNTRY_NAMES.get(signature.country, signature.country)),
            inert_cell(signature.city),
            signature.confirmed_at.date().isoformat(),
        ]


def as_csv(signatures) -> tuple[bytes, int]:
    """UTF-8 CSV with a byte-order mark (so that spreadsheet programs read Turkmen letters)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    count = -1
    for count, row in enumerate(rows(signatures)):  # noqa: B007 - count is used after the loop
        writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode(), max(count, 0)


def as_xlsx(signatures) -> tuple[bytes, int]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Signatures"))
    count = -1
    for count, row in enumerate(rows(signatures)):  # noqa: B007
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), max(count, 0)
