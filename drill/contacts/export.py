"""``drill contacts export``: a plan's contacts as a sheet for review (FORMAT.md 7.5).

The map's columns, one row per party (plan order), the header on the map's
``header_row`` (the plan's title above it when that is below row 1), the
header frozen in Excel, ``-`` for a contact without an address.  A row has
one ``verified`` date: the oldest of the party's contacts on the map's
channels, so a review never makes a contact look newer than it is.  When a
channel has several columns, a contact goes to the column whose calendar is
its own, else to the first column of the channel.  The workbook's bytes do
not depend on the clock (fixed timestamps in the archive and properties).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime

from drill.contacts.merge import NO_ADDRESS
from drill.contacts.sheetmap import ContactColumn, SheetMap
from drill.model.csv_cells import csv_cell
from drill.model.plan import Contact, Party, Plan

_FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def sheet_rows(plan: Plan, smap: SheetMap) -> list[list[object]]:
    """Header first, then one row per party: text, or a date for ``verified``."""
    header = list(smap.columns)
    rows: list[list[object]] = [list(header)]
    for party in plan.parties.values():
        cells: dict[str, object] = {smap.party_id: party.id}
        if smap.label:
            cells[smap.label[0]] = party.label
        dated: list[date] = []
        for channel in smap.channels:
            contact = party.contact(channel)
            if contact is None:
                continue
            column = _column_for(contact, party, [c for c in smap.contacts if c.channel == channel])
            cells[column.column] = contact.address if contact.address is not None else NO_ADDRESS
            if contact.verified is not None:
                dated.append(contact.verified)
        if smap.deputies:
            cells[smap.deputies] = "、".join(party.deputies)
        if smap.verified and dated:
            cells[smap.verified] = min(dated)
        rows.append([cells.get(name, "") for name in header])
    return rows


def _column_for(contact: Contact, party: Party, columns: list[ContactColumn]) -> ContactColumn:
    hours = contact.hours or party.hours
    for column in columns:
        if column.hours == hours:
            return column
    for column in columns:
        if column.hours is None:
            return column
    return columns[0]


def export_csv(plan: Plan, smap: SheetMap) -> bytes:
    """UTF-8 with a BOM (what Excel needs to open it right), CRLF line ends, no cell a formula."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for _ in range(1, smap.header_row or 1):
        writer.writerow([csv_cell(plan.title)] if _ == 1 else [])
    for row in sheet_rows(plan, smap):
        writer.writerow([v.isoformat() if isinstance(v, date) else csv_cell(v) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def export_xlsx(plan: Plan, smap: SheetMap) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils.cell import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(smap.sheet or "contacts")
    header_row = smap.header_row or 1
    if header_row > 1:
        sheet.cell(row=1, column=1, value=plan.title)
    rows = sheet_rows(plan, smap)
    for offset, row in enumerate(rows):
        for index, value in enumerate(row, start=1):
            cell = sheet.cell(row=header_row + offset, column=index, value=value if value != "" else None)
            cell.number_format = "yyyy-mm-dd" if isinstance(value, date) else "@"
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    for index in range(1, len(rows[0]) + 1):
        width = max(len(str(r[index - 1])) for r in rows)
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, 2 * width))
    sheet.freeze_panes = f"A{header_row + 1}"
    book.properties.creator = "drill"
    book.properties.created = datetime(*_FIXED_TIME)
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_archive(buffer.getvalue())


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "contacts"


def _fixed_archive(data: bytes) -> bytes:
    """The same workbook with fixed entry times and modification date: byte-for-byte repeatable."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()
