"""CSV cells that a spreadsheet reads as text, never as a formula (OWASP "CSV injection").

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a CR is a formula
to Excel and LibreOffice; a group target such as ``@municipalities`` already
is one.  Such a cell gets a leading ``'``, which spreadsheets show as text.
"""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """``value`` as a CSV cell that no spreadsheet evaluates."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
