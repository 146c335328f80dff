"""Every problem of a sheet or map names its cell (or file:line:column), exits 2, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contacts.helpers import MAP, write_csv, write_map, write_plan, write_xlsx
from tests.contacts.test_import import do_import, run


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    write_plan(tmp_path)
    write_map(tmp_path)
    return tmp_path


def failing(tmp: Path, sheet: Path) -> list[str]:
    code, _out, err = do_import(sheet, tmp)
    assert code == 2, err
    assert not (tmp / "new.yaml").exists()
    return err.splitlines()


def test_every_problem_with_its_xlsx_cell(tmp: Path) -> None:
    rows = [
        ["hq", "本部", "", "083-900-0001", "", "", "nobody", "2026-13-01"],   # row 3
        ["hq", "", "", "083-900-0002", "", "", "", ""],                      # row 4: landline again
        ["landline", "", "", "1", "", "", "", ""],                           # row 5: a channel id
        ["@g", "", "", "1", "", "", "", ""],                                 # row 6
        ["duty", "", "", "", "", "", "duty", ""],                            # row 7: own deputy
    ]
    sheet = write_xlsx(tmp, rows)
    err = failing(tmp, sheet)
    where = f"{sheet}:連絡網!"
    assert err[0].startswith(f"{where}G3: unknown deputy 'nobody'")
    assert err[1].startswith(f"{where}H3: '2026-13-01' is not a date")
    assert err[2] == (f"{where}D4: party 'hq' is given channel landline twice: {where}D3 and {where}D4")
    assert err[3].startswith(f"{where}A5: 'landline' is a channel of the plan")
    assert err[4].startswith(f"{where}A6: party id '@g' cannot start with '@'")
    assert err[5].startswith(f"{where}G7: party 'duty' cannot be its own deputy")
    assert "6 problems found" in err[-1]


def test_csv_cells_are_line_and_column(tmp: Path) -> None:
    rows = [["hq", "", "", "1", "", "", "", ""], ["hq", "", "", "2", "", "", "", "x"]]
    sheet = write_csv(tmp, rows)
    err = failing(tmp, sheet)
    assert err[0] == f"{sheet}:4:4: party 'hq' is given channel landline twice: {sheet}:3:4 and {sheet}:4:4"
    assert err[1].startswith(f"{sheet}:4:8: 'x' is not a date")


def test_missing_header_and_missing_sheet(tmp: Path) -> None:
    sheet = write_xlsx(tmp, [["hq"]], name="Sheet9")
    err = failing(tmp, sheet)
    assert err[0].startswith(f"{sheet}: the workbook has no sheet '連絡網'")
    write_map(tmp, MAP.replace("FAX", "ファクス"))
    err = failing(tmp, write_xlsx(tmp, [["hq"]]))
    assert err[0].startswith(f"{tmp / 'sheet.xlsx'}:連絡網: no row holds every column") and "ファクス" in err[0]
    write_map(tmp, MAP + "header_row: 1\n")
    err = failing(tmp, write_csv(tmp, [["hq"]]))
    assert err[0].startswith(f"{tmp / 'sheet.csv'}:1:1: header row 1 lacks the columns")


def test_map_problems_name_the_map_line_and_column(tmp: Path) -> None:
    write_map(tmp, MAP.replace("channel: fax", "channel: faks").replace("hours: night", "hours: nite")
              + "colour: red\n")
    err = failing(tmp, write_xlsx(tmp, [["hq"]]))
    map_path = tmp / "map.yaml"
    assert f"{map_path}:9:46: unknown calendar 'nite'; did you mean 'night'?" in err
    assert f"{map_path}:10:28: unknown channel 'faks'" in err
    assert any(line.startswith(f"{map_path}:11:1: unknown key 'colour'") for line in err)


def test_bad_encoding_and_not_a_workbook(tmp: Path) -> None:
    sheet = tmp / "sheet.csv"
    sheet.write_bytes("団体ID\n".encode() + b"\x81\x20\n")
    err = failing(tmp, sheet)
    assert err[0].startswith(f"{sheet}:2:1: the file is neither UTF-8 nor Shift_JIS")
    book = tmp / "sheet.xlsx"
    book.write_bytes(b"not a zip")
    assert failing(tmp, book)[0].startswith(f"{book}: cannot be read as an Excel workbook")
    other = tmp / "sheet.ods"
    other.write_bytes(b"x")
    assert failing(tmp, other)[0].startswith(f"{other}: a contact sheet must be a .xlsx or .csv")


def test_out_required_unless_dry_run(tmp: Path) -> None:
    code, _, err = run("contacts", "import", str(write_xlsx(tmp, [])), "--map", str(tmp / "map.yaml"),
                       "--into", str(tmp / "plan.yaml"))
    assert code == 2 and "--out" in err
