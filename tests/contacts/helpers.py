"""Small plans, maps and sheets for the contact sheet tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

PLAN = """\
# 小さな計画（テスト用）
plan: small
calendars:
  office: {days: [mon, tue, wed, thu, fri], from: "08:30", to: "17:15"}
  night: {from: "17:15", to: "08:30"}
components:
  pbx: {kind: pbx}
channels:
  landline: {latency: 3m}
  mobile: {latency: 3m}
  fax: {latency: 10m}
  radio: {latency: 5m}
parties:
  hq:
    label: 本部
    hours: office
    deputies: [duty]
    contacts:
      landline: {address: "083-000-0001", depends_on: [pbx]}   # 代表
      radio: {}
  duty:
    label: 当直
    contacts:
      mobile: {address: "090-0000-0001", hours: night}
  town:
    label: 町
    contacts:
      landline: {address: "0820-00-0001"}
procedures:
  p:
    steps:
      - {id: s1, from: town, to: hq, via: [landline, mobile]}
"""

MAP = """\
sheet: 連絡網
party:
  id: 団体ID
  label: [団体名, 所属]
deputies: 代理ID
verified: 確認日
contacts:
  - {column: 電話, channel: landline}
  - {column: 携帯(夜間), channel: mobile, hours: night}
  - {column: FAX, channel: fax}
"""

HEADER = ["団体ID", "団体名", "所属", "電話", "携帯(夜間)", "FAX", "代理ID", "確認日"]


def write_plan(tmp: Path, text: str = PLAN) -> Path:
    path = tmp / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def write_map(tmp: Path, text: str = MAP) -> Path:
    path = tmp / "map.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(tmp: Path, rows: list[list[object]], *, title: bool = True, merges: tuple[str, ...] = (),
               name: str = "連絡網") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = name
    if title:
        sheet.append(["緊急連絡網（テスト）"])
        sheet.merge_cells("A1:H1")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    path = tmp / "sheet.xlsx"
    book.save(path)
    return path


def write_csv(tmp: Path, rows: list[list[object]], encoding: str = "utf-8", *, title: bool = True) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    if title:
        writer.writerow(["緊急連絡網（テスト）"])
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(row)
    path = tmp / "sheet.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


#: A sheet that changes hq's number, gives duty a date, and adds a party.
ROWS = [
    ["hq", "本部", "", "083-900-0001", "", "083-900-0002", "duty", "2026-04-01"],
    ["duty", "当直", "", "", "090-900-0009", "", "", "2026-04-01"],
    ["", "（空行）", "", "", "", "", "", ""],
    ["new", "新", "課", "-", "", "", "hq", "2026-04-01"],
]
