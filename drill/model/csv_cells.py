"""CSV cells that a spreadsheet reads as text, never as a formula (OWASP "CSV injection").

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a CR is a formula
to Excel and LibreOffice; a group target such as ``@municipalities`` already
is one.  Such a cell gets a leading ``'``, which spreadsheets show as text;
:func:`csv_value` takes it off again when drill reads a CSV it wrote (a contact
sheet exported for review and imported back).
"""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """``value`` as a CSV cell that no spreadsheet evaluates."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_value(cell: str) -> str:
    """A cell read from CSV, without the guard :func:`csv_cell` put in front of it."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS) else cell
