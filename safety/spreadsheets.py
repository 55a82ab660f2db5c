"""Cells of CSV and XLSX exports that a spreadsheet program shows as text, never runs.

Spreadsheet programs run a cell that starts with one of ``FORMULA_PREFIXES`` as a formula
(CSV injection), and what people type into public forms may start with any of them.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value) -> str:
    """``value`` as text, with a leading apostrophe when it would start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
