"""Generate the sample 緊急連絡網 (contact_sheets/) from contact_plans/yamaguchi.yaml.

A realistic April update of the Yamaguchi sample: a title row with a merged
title cell, Japanese headers, the prefecture's numbers moved to 083-900-xxxx,
confirmation dates (some a year old), a night row for 下関市 whose 団体ID and
団体名 cells are merged over two rows, and one new party.  All numbers and
addresses are fictional (083-900-xxxx, example.lg.jp).

    python scripts/make_contact_sheets.py      # rewrites contact_sheets/

Writes yamaguchi.xlsx, yamaguchi.csv (Shift_JIS/CP932, as Excel saves "CSV")
and yamaguchi-map.yaml.  The output is byte-for-byte repeatable.
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drill.contacts.export import _fixed_archive  # noqa: E402
from drill.loading import load_plan  # noqa: E402

TITLE = "山口県 住基ネット緊急連絡網（令和8年4月1日現在）※番号はすべて架空"
HEADER = ["団体ID", "団体名", "所属", "電話(平日昼間)", "携帯(夜間・休日)", "FAX", "LGWANメール", "代理ID", "確認日"]
CHANNELS = {"電話(平日昼間)": "landline", "携帯(夜間・休日)": "mobile", "FAX": "fax", "LGWANメール": "lgwan-mail"}
MAP = """\
# 緊急連絡網（contact_sheets/yamaguchi.xlsx, yamaguchi.csv）の列と drill の計画の対応
sheet: 緊急連絡網
header_row: 2                  # 1行目はタイトル（結合セル）
party:
  id: 団体ID
  label: [団体名, 所属]         # 「下関市」「市民課」→ label「下関市 市民課」
deputies: 代理ID
verified: 確認日
contacts:
  - {column: 電話(平日昼間), channel: landline}
  - {column: 携帯(夜間・休日), channel: mobile}
  - {column: FAX, channel: fax}
  - {column: LGWANメール, channel: lgwan-mail}
"""
APRIL = date(2026, 4, 1)
LAST_YEAR = date(2024, 4, 1)
#: Parties whose row was not confirmed this year (stale-contact shows them).
NOT_CONFIRMED = {"vendor", "abu"}


def rows() -> list[list[object]]:
    plan = load_plan(str(ROOT / "contact_plans" / "yamaguchi.yaml"))
    out: list[list[object]] = []
    serial = 0
    for party in plan.parties.values():
        contacts = {c.channel: c for c in party.contacts if c.channel in CHANNELS.values()}
        if not contacts:
            continue
        name, _, section = party.label.partition(" ")
        cells: dict[str, object] = {"団体ID": party.id, "団体名": name, "所属": section,
                                    "代理ID": "、".join(party.deputies),
                                    "確認日": LAST_YEAR if party.id in NOT_CONFIRMED else APRIL}
        for column, channel in CHANNELS.items():
            contact = contacts.get(channel)
            if contact is None:
                continue
            address = contact.address or "-"
            if party.id.startswith("pref-") and channel in ("landline", "fax") and address.startswith("083-"):
                serial += 1
                address = f"083-900-{serial:04d}"  # the prefecture's new numbers after the April move
            cells[column] = address
        night = party.id == "shimonoseki" and cells.pop("携帯(夜間・休日)", None)
        out.append([cells.get(h, "") for h in HEADER])
        if night:  # a second row for the night number; ID and name merged over both rows
            out.append([party.id, name, section, "", night, "", "", "", APRIL])
    out.append(["pref-kikikanri", "県", "危機管理課", "083-900-0901", "090-900-0901", "083-900-0902",
                "kikikanri@pref.yamaguchi.example.lg.jp", "pref-duty", APRIL])
    return out


def workbook(data: list[list[object]]) -> bytes:
    from datetime import datetime

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "緊急連絡網"
    sheet["A1"] = TITLE
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    for index, name in enumerate(HEADER, start=1):
        cell = sheet.cell(row=2, column=index, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for offset, row in enumerate(data):
        for index, value in enumerate(row, start=1):
            cell = sheet.cell(row=3 + offset, column=index, value=value if value != "" else None)
            cell.number_format = "yyyy/mm/dd" if isinstance(value, date) else "@"
        if row[0] == "shimonoseki" and row[4]:  # the night row: merge ID and name with the row above
            for column in (1, 2, 3):
                sheet.merge_cells(start_row=2 + offset, start_column=column, end_row=3 + offset,
                                  end_column=column)
    for letter, width in zip("ABCDEFGHI", (18, 14, 28, 16, 16, 16, 40, 20, 12)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    book.properties.creator = "drill sample"
    book.properties.created = datetime(2026, 4, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_archive(buffer.getvalue())


def csv_bytes(data: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([TITLE])
    writer.writerow(HEADER)
    for row in data:
        writer.writerow([v.strftime("%Y/%m/%d") if isinstance(v, date) else v for v in row])
    return buffer.getvalue().encode("cp932")


def main() -> None:
    target = ROOT / "contact_sheets"
    target.mkdir(exist_ok=True)
    data = rows()
    (target / "yamaguchi.xlsx").write_bytes(workbook(data))
    (target / "yamaguchi.csv").write_bytes(csv_bytes(data))
    (target / "yamaguchi-map.yaml").write_text(MAP, encoding="utf-8")
    print(f"wrote {target}/yamaguchi.xlsx, yamaguchi.csv, yamaguchi-map.yaml ({len(data)} rows)")


if __name__ == "__main__":
    main()
