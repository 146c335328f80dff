"""Reading a contact sheet (.xlsx or .csv) into cells that know where they are.

Every cell carries its reference as a person finds it in the spreadsheet —
``sheet.xlsx:緊急連絡網!D5`` for a workbook, ``sheet.csv:12:4`` (line,
column) for CSV — so every problem of the import can point at it.

Workbooks are opened read-only (fast on big sheets).  Read-only worksheets do
not expose merged ranges, so those are read from the sheet's XML: a merged
range gives its top-left value to every cell it covers (a party id merged
over two rows carries both rows), and each covered cell remembers the
top-left cell as its origin, so that one merged cell is never counted twice.
CSV is UTF-8 (with or without BOM) or Shift_JIS/CP932; the encoding used is
reported.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from drill.contacts.sheetmap import SheetMap, column_key
from drill.i18n import _
from drill.model.csv_cells import csv_value
from drill.model.errors import DrillError, Location, PlanError, Problem

#: Largest sheet read (bytes on disk) and most rows: a prefecture's list is a few hundred rows.
MAX_SHEET_BYTES = 32 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
#: Largest worksheet XML (uncompressed) searched for merged ranges.
MAX_SHEET_XML_BYTES = 512 * 1024 * 1024


class SheetError(PlanError):
    """Problems of a contact sheet, in sheet order (row, then column)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        DrillError.__init__(self, "\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Cell:
    value: object
    """What the sheet holds: text, a number, a date (xlsx), or None."""
    ref: str
    """Where a person finds it: ``sheet.xlsx:NAME!D5`` or ``sheet.csv:12:4``."""
    origin: str
    """The cell that holds the value (the top-left of a merged range, else ``ref``)."""
    order: tuple[int, int] = (0, 0)
    """(row, column), for sorting problems in sheet order."""

    @property
    def text(self) -> str:
        return cell_text(self.value)

    @property
    def location(self) -> Location:
        return cell_location(self.ref)


@dataclass
class Row:
    number: int
    cells: dict[str, Cell] = field(default_factory=dict)
    """Column key (:func:`column_key`) -> cell, for the columns the map names."""


@dataclass
class Table:
    path: str
    sheet: str | None
    encoding: str | None
    """CSV: the encoding the file was read in."""
    rows: list[Row]


def cell_location(ref: str) -> Location:
    """A :class:`Location` whose text is the cell reference."""
    match = re.fullmatch(r"(.*):(\d+):(\d+)", ref)
    if match and "!" not in ref:
        return Location(match.group(1), int(match.group(2)), int(match.group(3)))
    return Location(ref)


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without ``.0``, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_sheet(path: str, smap: SheetMap) -> Table:
    """Read the rows below the header; raise :class:`SheetError` naming every bad cell."""
    _check_file(path)
    if path.lower().endswith(".xlsx"):
        grid, sheet = _read_xlsx(path, smap.sheet)
        return _table(path, sheet, None, grid, smap)
    if path.lower().endswith(".csv"):
        grid, encoding = _read_csv(path)
        return _table(path, None, encoding, grid, smap)
    raise SheetError([Problem(Location(path), _("a contact sheet must be a .xlsx or .csv file"))])


def _check_file(path: str) -> None:
    loc = Location(path)
    if not os.path.isfile(path):
        raise SheetError([Problem(loc, _("no such file; check the path"))])
    if os.path.getsize(path) > MAX_SHEET_BYTES:
        raise SheetError([Problem(loc, _("file is larger than {size} MiB, the most drill reads").format(
            size=MAX_SHEET_BYTES // (1024 * 1024)))])


# -- xlsx ----------------------------------------------------------------------

Grid = list[list[Cell]]


def _read_xlsx(path: str, wanted: str | None) -> tuple[Grid, str]:
    import openpyxl
    from openpyxl.utils.cell import get_column_letter

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        raise SheetError([Problem(Location(path), _("cannot be read as an Excel workbook (.xlsx)"))]) from None
    try:
        name = wanted if wanted is not None else book.sheetnames[0]
        if name not in book.sheetnames:
            raise SheetError([Problem(Location(path), _("the workbook has no sheet '{sheet}' (sheets: {names})")
                                      .format(sheet=name, names=", ".join(book.sheetnames)))])
        sheet = book[name]
        sheet.reset_dimensions()  # a stated dimension of XFD1048576 would pad every row
        values = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise SheetError([Problem(Location(path), _("the sheet has more than {rows} rows")
                                          .format(rows=MAX_ROWS))])
            values.append(list(row[:MAX_COLUMNS]))
        merged = _merged_ranges(path, getattr(sheet, "_worksheet_path", ""))
    finally:
        book.close()
    width = max((len(r) for r in values), default=0)

    def ref(r: int, c: int) -> str:
        return f"{path}:{name}!{get_column_letter(c + 1)}{r + 1}"

    grid = [[Cell(row[c] if c < len(row) else None, ref(r, c), ref(r, c), (r + 1, c + 1))
             for c in range(width)] for r, row in enumerate(values)]
    for min_col, min_row, max_col, max_row in merged:
        if min_row - 1 >= len(grid) or min_col - 1 >= width:
            continue
        top = grid[min_row - 1][min_col - 1]
        for r in range(min_row - 1, min(max_row, len(grid))):
            for c in range(min_col - 1, min(max_col, width)):
                grid[r][c] = Cell(top.value, ref(r, c), top.ref, (r + 1, c + 1))
    return grid, name


def _merged_ranges(path: str, member: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of one worksheet, read from its XML (read-only sheets do not keep them)."""
    from openpyxl.utils.cell import range_boundaries

    if not member:
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo(member.lstrip("/")).file_size > MAX_SHEET_XML_BYTES:
                raise SheetError([Problem(Location(path), _("the sheet is too large for drill to read"))])
            data = archive.read(member.lstrip("/"))
    except (KeyError, OSError, zipfile.BadZipFile):
        return []
    out = []
    for match in re.finditer(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"', data):
        bounds = range_boundaries(match.group(1).decode("ascii"))
        if all(isinstance(b, int) for b in bounds):
            out.append(bounds)  # type: ignore[arg-type]
    return out


# -- csv -----------------------------------------------------------------------

def decode_sheet(data: bytes, path: str) -> tuple[str, str]:
    """The text of a CSV and the name of the encoding it was in."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError as exc:
            raise _decode_problem(data, exc.start + 3, path) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SheetError([Problem(Location(path, 1, 1), _("file is UTF-16 text; save it as CSV UTF-8"))])
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        return data.decode("cp932"), "CP932 (Shift_JIS)"
    except UnicodeDecodeError:
        raise _decode_problem(data, first_bad, path) from None


def _decode_problem(data: bytes, offset: int, path: str) -> SheetError:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return SheetError([Problem(Location(path, line, column),
                               _("the file is neither UTF-8 nor Shift_JIS (CP932) text"))])


def _read_csv(path: str) -> tuple[Grid, str]:
    with open(path, "rb") as handle:
        text, encoding = decode_sheet(handle.read(), path)
    if "\x00" in text:
        raise SheetError([Problem(Location(path), _("file contains a NUL byte: it is not a CSV text file"))])
    reader = csv.reader(io.StringIO(text, newline=""))
    grid: Grid = []
    start = 1
    try:
        for record in reader:
            if len(grid) >= MAX_ROWS:
                raise SheetError([Problem(Location(path), _("the sheet has more than {rows} rows")
                                          .format(rows=MAX_ROWS))])
            grid.append([Cell(csv_value(value), f"{path}:{start}:{c + 1}", f"{path}:{start}:{c + 1}", (start, c + 1))
                         for c, value in enumerate(record[:MAX_COLUMNS])])
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SheetError([Problem(Location(path, start, 1), _("not valid CSV: {problem}").format(
            problem=exc))]) from None
    return grid, encoding


# -- header and rows -----------------------------------------------------------

def _table(path: str, sheet: str | None, encoding: str | None, grid: Grid, smap: SheetMap) -> Table:
    wanted = {column_key(name): name for name in smap.columns}
    header = _header_index(path, sheet, grid, smap, wanted)
    columns: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(grid[header]):
        key = column_key(cell.text)
        if key not in wanted:
            continue
        if key in columns and grid[header][columns[key]].origin != cell.origin:
            problems.append(Problem(cell.location, _("column '{column}' appears twice in the header "
                                                     "(also {other})").format(
                column=wanted[key], other=grid[header][columns[key]].ref)))
        columns.setdefault(key, index)
    if problems:
        raise SheetError(problems)
    rows = []
    for row in grid[header + 1:]:
        found = {key: row[index] for key, index in columns.items() if index < len(row)}
        if any(cell.text for cell in found.values()):
            rows.append(Row(row[0].order[0] if row else 0, found))
    return Table(path, sheet, encoding, rows)


def _header_index(path: str, sheet: str | None, grid: Grid, smap: SheetMap, wanted: dict[str, str]) -> int:
    def missing(row: list[Cell]) -> list[str]:
        present = {column_key(cell.text) for cell in row}
        return [name for key, name in wanted.items() if key not in present]

    where = Location(f"{path}:{sheet}" if sheet else path)
    if smap.header_row is not None:
        index = smap.header_row - 1
        row = grid[index] if index < len(grid) else []
        lacking = missing(row)
        if lacking:
            place = Location(f"{path}:{sheet}!A{smap.header_row}") if sheet else Location(path, smap.header_row, 1)
            raise SheetError([Problem(place, _("header row {row} lacks the columns {columns}").format(
                row=smap.header_row, columns=", ".join(lacking)))])
        return index
    for index, row in enumerate(grid):
        if not missing(row):
            return index
    raise SheetError([Problem(where, _("no row holds every column the map names ({columns}); check "
                                       "the map or give header_row").format(columns=", ".join(wanted.values())))])
