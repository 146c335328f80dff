"""Export then import into the same plan gives the same plan: the sample, and random plans."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.contacts.export import export_csv, export_xlsx
from drill.contacts.importer import import_sheet
from drill.contacts.sheetmap import load_map
from drill.loading import load_plan, load_plan_text
from tests.contacts.helpers import MAP
from tests.contacts.test_import import run

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PLAN = ROOT / "contact_plans" / "yamaguchi.yaml"
SAMPLE_MAP = ROOT / "contact_sheets" / "yamaguchi-map.yaml"


def test_sample_sheets_import_validate_and_run(tmp_path: Path) -> None:
    outputs = []
    for name in ("yamaguchi.xlsx", "yamaguchi.csv"):
        out = tmp_path / f"from-{name}.yaml"
        code, stdout, err = run("contacts", "import", str(ROOT / "contact_sheets" / name), "--map",
                                str(SAMPLE_MAP), "--into", str(SAMPLE_PLAN), "--out", str(out))
        assert code == 0, err
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]                       # merged xlsx rows = repeated csv rows
    new = load_plan(str(tmp_path / "from-yamaguchi.xlsx.yaml"))
    assert new.parties["pref-shicho"].contact("landline").address == "083-900-0001"  # type: ignore[union-attr]
    assert new.parties["shimonoseki"].contact("mobile").address == "090-0000-1010"  # type: ignore[union-attr]
    assert "pref-kikikanri" in new.parties
    for line in SAMPLE_PLAN.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#"):
            assert line in outputs[0].splitlines()        # every comment line kept
    result = subprocess.run([sys.executable, "-m", "drill", "run", str(tmp_path / "from-yamaguchi.xlsx.yaml"),
                             "--incident", "virus-suspected@shunan", "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["plan"] == "yamaguchi-juki"
    code, stdout, _ = run("analyze", str(tmp_path / "from-yamaguchi.xlsx.yaml"), "--as-of", "2026-05-01",
                          "--format", "json", "--fail-on", "never")
    stale = [f for f in json.loads(stdout)["findings"] if f["rule"] == "stale-contact"]
    assert all(any(f"({party})" in f["message"] for f in stale) for party in ("vendor", "abu"))


def test_sample_export_imports_to_the_same_file(tmp_path: Path) -> None:
    for suffix in (".xlsx", ".csv"):
        sheet = tmp_path / f"review{suffix}"
        code, _, err = run("contacts", "export", str(SAMPLE_PLAN), "--map", str(SAMPLE_MAP), "--out", str(sheet))
        assert code == 0, err
        result = import_sheet(str(sheet), str(SAMPLE_MAP), str(SAMPLE_PLAN))
        assert result.text == SAMPLE_PLAN.read_text(encoding="utf-8")
        assert not any(p.changed for p in result.report.parties)


def test_export_is_repeatable_and_frozen(tmp_path: Path) -> None:
    plan = load_plan(str(SAMPLE_PLAN))
    smap = load_map(str(SAMPLE_MAP), plan)
    assert export_xlsx(plan, smap) == export_xlsx(plan, smap)
    (tmp_path / "x.xlsx").write_bytes(export_xlsx(plan, smap))
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["緊急連絡網"]
    assert sheet.freeze_panes == "A3"
    assert [c.value for c in sheet[2]][:3] == ["団体ID", "団体名", "所属"]
    jlis = next(row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "jlis")
    assert "-" not in jlis  # every map-channel contact of jlis has an address
    duty = next(row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "monitor")
    assert duty[3] == "083-000-0101"


ADDRESS = st.text(st.sampled_from("0123456789-@.abcxyz 山口県市"), min_size=1, max_size=12).map(str.strip).filter(
    lambda s: s not in ("", "-"))
DAY = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def plans(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 6))
    ids = [f"p{i}" for i in range(count)]
    lines = ["plan: random", "calendars:", '  night: {from: "17:15", to: "08:30"}',
             "channels: {landline: {}, mobile: {}, fax: {}, radio: {}}", "parties:"]
    for pid in ids:
        verified = draw(st.none() | DAY)
        contacts = []
        for channel in ("landline", "mobile", "fax", "radio"):
            if draw(st.booleans()):
                fields = {}
                if draw(st.booleans()):
                    fields["address"] = draw(ADDRESS)
                if verified and channel != "radio":
                    fields["verified"] = verified.isoformat()
                if channel == "mobile":
                    fields["hours"] = "night"
                contacts.append(f"      {channel}: {json.dumps(fields, ensure_ascii=False)}")
        deputies = draw(st.lists(st.sampled_from([i for i in ids if i != pid] or ["x"]), unique=True, max_size=2))
        deputies = [d for d in deputies if d in ids]
        lines += [f"  {pid}:", f"    label: {json.dumps(draw(ADDRESS), ensure_ascii=False)}"]
        if deputies:
            lines.append(f"    deputies: {json.dumps(deputies)}")
        lines += ["    contacts:" if contacts else "    contacts: {}", *contacts]
    return "\n".join(lines) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=plans(), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_random_plans_round_trip(tmp_path: Path, text: str, suffix: str) -> None:
    plan_path, map_path = tmp_path / "plan.yaml", tmp_path / "map.yaml"
    plan_path.write_text(text, encoding="utf-8")
    map_path.write_text(MAP, encoding="utf-8")
    plan = load_plan_text(text, str(plan_path))
    smap = load_map(str(map_path), plan)
    sheet = tmp_path / f"sheet{suffix}"
    sheet.write_bytes(export_xlsx(plan, smap) if suffix == ".xlsx" else export_csv(plan, smap))
    result = import_sheet(str(sheet), str(map_path), str(plan_path))
    assert result.text == text
    assert result.plan.parties == plan.parties


def test_text_starting_with_equals_is_exported_as_text(tmp_path: Path) -> None:
    text = ('plan: eq\ncalendars: {night: {from: "17:15", to: "08:30"}}\n'
            'channels: {landline: {}, mobile: {}, fax: {}}\n'
            'parties:\n  a: {contacts: {landline: {address: "=1+1"}}}\n')
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    plan = load_plan_text(text, str(tmp_path / "plan.yaml"))
    (tmp_path / "s.xlsx").write_bytes(export_xlsx(plan, load_map(str(tmp_path / "map.yaml"), plan)))
    result = import_sheet(str(tmp_path / "s.xlsx"), str(tmp_path / "map.yaml"), str(tmp_path / "plan.yaml"))
    assert result.text == text


def test_csv_export_guards_formulas_and_imports_them_back(tmp_path: Path) -> None:
    """A '+81' number or a '=' label is text to Excel in the CSV, and the same value once imported."""
    text = SAMPLE_PLAN.read_text(encoding="utf-8").replace('"083-000-0001"', '"+81-83-000-0001"', 1)
    assert "+81-83-000-0001" in text
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(text, encoding="utf-8")
    plan = load_plan(str(plan_file))
    data = export_csv(plan, load_map(str(SAMPLE_MAP), plan)).decode("utf-8-sig")
    cells = [cell for line in data.splitlines() for cell in line.split(",")]
    assert "'+81-83-000-0001" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    sheet = tmp_path / "review.csv"
    sheet.write_text(data, encoding="utf-8-sig", newline="")
    result = import_sheet(str(sheet), str(SAMPLE_MAP), str(plan_file))
    assert result.text == text
    assert not any(p.changed for p in result.report.parties)
