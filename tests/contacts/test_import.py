"""drill contacts import: xlsx and csv, merged cells, title rows, what changed, nothing written on error."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import cli
from drill.loading import load_plan
from tests.contacts.helpers import PLAN, ROWS, write_csv, write_map, write_plan, write_xlsx


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--lang", "en", *args])
    return result.exit_code, result.stdout, result.stderr


def do_import(sheet: Path, tmp: Path, *extra: str) -> tuple[int, str, str]:
    return run("contacts", "import", str(sheet), "--map", str(tmp / "map.yaml"), "--into",
               str(tmp / "plan.yaml"), "--out", str(tmp / "new.yaml"), *extra)


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    write_plan(tmp_path)
    write_map(tmp_path)
    return tmp_path


def test_xlsx_import_replaces_map_channels_and_keeps_the_rest(tmp: Path) -> None:
    code, out, _err = do_import(write_xlsx(tmp, ROWS), tmp)
    assert code == 0, out
    new = load_plan(str(tmp / "new.yaml"))
    hq = new.parties["hq"]
    landline = hq.contact("landline")
    assert landline is not None and landline.address == "083-900-0001"
    assert [d.id for d in landline.depends_on] == ["pbx"]          # kept
    assert landline.verified == date(2026, 4, 1)
    assert hq.contact("radio") is not None                          # channel not in the map: kept
    fax = hq.contact("fax")
    assert fax is not None and fax.depends_on == () and fax.address == "083-900-0002"
    duty = new.parties["duty"]
    assert duty.contact("mobile").address == "090-900-0009"  # type: ignore[union-attr]
    assert duty.contact("mobile").hours == "night"  # type: ignore[union-attr]
    added = new.parties["new"]
    assert added.label == "新 課" and added.deputies == ("hq",)
    assert added.contact("landline").address is None  # type: ignore[union-attr]  # "-"
    assert "town" in new.parties
    assert "town" in out and "not in the sheet" in out
    assert "083-900" not in out                                     # no addresses without --show-contacts


def test_comments_and_layout_are_kept(tmp: Path) -> None:
    do_import(write_xlsx(tmp, ROWS), tmp)
    text = (tmp / "new.yaml").read_text(encoding="utf-8")
    assert "# 小さな計画（テスト用）" in text and "# 代表" in text
    # untouched lines stay byte for byte
    for line in PLAN.splitlines():
        if "town" in line or "0820-00-0001" in line or "procedures" in line:
            assert line in text.splitlines()


def test_csv_encodings_give_the_same_plan(tmp: Path) -> None:
    do_import(write_xlsx(tmp, ROWS), tmp)
    expected = (tmp / "new.yaml").read_text(encoding="utf-8")
    for encoding, name in (("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (BOM)"), ("cp932", "CP932 (Shift_JIS)")):
        (tmp / "new.yaml").unlink()
        code, _out, err = do_import(write_csv(tmp, ROWS, encoding), tmp)
        assert code == 0
        assert f"as {name}" in err
        assert (tmp / "new.yaml").read_text(encoding="utf-8") == expected


def test_merged_party_cell_carries_two_rows(tmp: Path) -> None:
    rows = [["hq", "本部", "", "083-900-0001", "", "", "duty", ""],
            [None, None, None, "", "", "083-900-0002", "", ""]]
    code, out, _ = do_import(write_xlsx(tmp, rows, merges=("A3:A4", "B3:B4")), tmp)
    assert code == 0, out
    hq = load_plan(str(tmp / "new.yaml")).parties["hq"]
    assert hq.contact("fax").address == "083-900-0002"  # type: ignore[union-attr]


def test_merged_contact_cell_over_two_rows_is_one_cell(tmp: Path) -> None:
    rows = [["hq", "本部", "", "083-900-0001", "", "", "", ""], ["hq", "", "", None, "", "", "", ""]]
    code, out, _ = do_import(write_xlsx(tmp, rows, merges=("D3:D4",)), tmp)
    assert code == 0, out


def test_header_without_title_row_and_explicit_header_row(tmp: Path) -> None:
    code, _, _ = do_import(write_xlsx(tmp, ROWS, title=False), tmp)
    assert code == 0
    write_map(tmp, (tmp / "map.yaml").read_text(encoding="utf-8") + "header_row: 2\n")
    (tmp / "new.yaml").unlink()
    code, _, _ = do_import(write_xlsx(tmp, ROWS), tmp)
    assert code == 0


def test_excel_dates_and_serials(tmp: Path) -> None:
    rows = [["hq", "", "", "1", "", "", "", date(2025, 4, 1)], ["duty", "", "", "", "2", "", "", 45748]]
    code, out, _ = do_import(write_xlsx(tmp, rows), tmp)
    assert code == 0, out
    new = load_plan(str(tmp / "new.yaml"))
    assert new.parties["hq"].contact("landline").verified == date(2025, 4, 1)  # type: ignore[union-attr]
    assert new.parties["duty"].contact("mobile").verified == date(2025, 4, 1)  # type: ignore[union-attr]


def test_json_dry_run_and_show_contacts(tmp: Path) -> None:
    code, out, _ = do_import(write_xlsx(tmp, ROWS), tmp, "--dry-run", "--format", "json")
    assert code == 0 and not (tmp / "new.yaml").exists()
    document = json.loads(out)
    hq = next(p for p in document["parties"] if p["party"] == "hq")
    assert {"channel": "landline", "change": "changed", "fields": ["address", "verified"]} in hq["contacts"]
    assert document["not_in_sheet"] == ["town"]
    assert "083-900" not in out
    code, out, _ = do_import(write_xlsx(tmp, ROWS), tmp, "--dry-run", "--format", "json", "--show-contacts")
    assert "083-900-0001" in out


def test_lost_night_holiday_contact(tmp: Path) -> None:
    rows = [["duty", "当直", "", "", "", "", "", ""]]  # duty's only (night) contact removed
    code, out, _ = do_import(write_xlsx(tmp, rows), tmp, "--format", "json", "--dry-run")
    assert json.loads(out)["lost_night_holiday"] == ["duty"]


def test_refuses_to_overwrite_an_input(tmp: Path) -> None:
    sheet = write_xlsx(tmp, ROWS)
    before = (tmp / "plan.yaml").read_bytes()
    result = run("contacts", "import", str(sheet), "--map", str(tmp / "map.yaml"), "--into",
                 str(tmp / "plan.yaml"), "--out", str(tmp / "plan.yaml"))
    assert result[0] == 2 and "refusing to overwrite" in result[2]
    assert (tmp / "plan.yaml").read_bytes() == before


def test_flow_style_party_is_edited(tmp: Path) -> None:
    write_plan(tmp, PLAN.replace('''  town:
    label: 町
    contacts:
      landline: {address: "0820-00-0001"}''', '''  town: {label: 町, contacts: {landline: {address: "0820-00-0001", depends_on: [pbx]}, radio: {}}}'''))
    code, out, _ = do_import(write_xlsx(tmp, [["town", "", "", "0820-90-0001", "", "", "", ""]]), tmp)
    assert code == 0, out
    town = load_plan(str(tmp / "new.yaml")).parties["town"]
    assert town.contact("landline").address == "0820-90-0001"  # type: ignore[union-attr]
    assert [d.id for d in town.contact("landline").depends_on] == ["pbx"]  # type: ignore[union-attr]
    assert town.contact("radio") is not None
