"""The after-action report in Japanese and English; observations and inject notes in every report."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from drill import i18n
from drill.engine import simulate
from drill.engine.journal import LiveDrill
from drill.loading import load_scenario
from drill.reports import run_to_dict
from drill.reports.aar_html import render_record_html
from drill.reports.aar_markdown import render_record_markdown
from drill.reports.record import RunRecord, load_run
from tests.reports.helpers import EXAMPLES, SAMPLES, drill

SCENARIOS = [EXAMPLES / "cable-cut.yaml", EXAMPLES / "saturday-night.yaml", SAMPLES / "shared-cable-cut.yaml",
             SAMPLES / "power-cut-pbx-battery.yaml"]


@pytest.fixture
def ja() -> Iterator[None]:
    i18n.set_language("ja")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")  # the CLI's --lang sets the language of the process


def _reports(path: Path, lang: str) -> tuple[str, str]:
    i18n.set_language(lang)
    result = simulate(load_scenario(str(path)))
    record = run_to_dict(result)
    return (render_record_markdown(record, result.scenario.plan),
            render_record_html(record, result.scenario.plan, layout="builtin"))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_html_says_its_language_and_prints_on_a4(lang: str) -> None:
    _, page = _reports(EXAMPLES / "cable-cut.yaml", lang)
    assert f'<html lang="{lang}">' in page
    assert "@page{size:A4;" in page
    assert "break-inside:avoid" in page and "break-after:avoid" in page
    assert '"Yu Gothic"' in page and "Meiryo" in page  # Windows offices have these


def test_japanese_report_follows_the_kunren_jisshi_houkokusho(ja: None) -> None:
    markdown, page = _reports(EXAMPLES / "cable-cut.yaml", "ja")
    headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["1　目的", "2　日時", "3　想定", "4　参加機関", "5　結果", "6　課題", "7　改善策",
                        "付録　連絡試行の記録"]
    assert markdown.startswith("# 訓練実施報告書：")
    assert "| 開始 | 2025年8月20日（水）10:00（Asia/Tokyo） |" in markdown
    assert "| 所要時間 | 36分 |" in markdown
    assert '<h2 id="purpose">1　目的</h2>' in page and '<h3 id="objectives">5.1　目標の達成状況</h3>' in page


def test_took_part_lists_the_plans_labels_with_their_ids(ja: None) -> None:
    markdown, _ = _reports(SAMPLES / "shared-cable-cut.yaml", "ja")
    [row] = [line for line in markdown.splitlines() if line.startswith("| 参加機関 |")]
    assert "県 市町課（住基ネット担当）（pref-shicho）" in row and "、" in row
    i18n.set_language("en")
    markdown, _ = _reports(SAMPLES / "shared-cable-cut.yaml", "en")
    [row] = [line for line in markdown.splitlines() if line.startswith("| Took part |")]
    assert "(pref-shicho)" in row and "県" not in row


def test_plurals_are_right_in_english() -> None:
    record = run_to_dict(simulate(load_scenario(str(EXAMPLES / "cable-cut.yaml"))))
    record["summary"] = dict(record["summary"], tasks=1)
    markdown = render_record_markdown(record)
    assert "| Notifications | 1 task: " in markdown


# -- no English words under ja --------------------------------------------------------------
#: Words that stay as written in Japanese too: a YAML key and the time zone's name.
KEPT = {"via", "Asia", "Tokyo"}


def _foreign_texts(path: Path) -> set[str]:
    """What the report quotes rather than writes: ids, labels, titles, notes, engine and analysis words."""
    result = simulate(load_scenario(str(path)))
    plan, scenario = result.scenario.plan, result.scenario
    record = RunRecord.from_result(result)
    texts = {scenario.id, scenario.title, plan.id, plan.title or "", scenario.incident}
    for table in (plan.parties, plan.channels, plan.components, plan.calendars, plan.procedures):
        for ident, thing in table.items():
            texts |= {ident, getattr(thing, "label", None) or "", getattr(thing, "label_en", None) or ""}
    for procedure in plan.procedures.values():
        texts |= {step.id for step in procedure.steps}
    texts |= {f"@{group}" for group in plan.groups}
    texts |= {e.detail for e in record.expectations}  # the engine's words (drill.engine.outcome)
    texts |= {t.reason or "" for t in record.tasks} | {a.reason or "" for t in record.tasks for a in t.attempts}
    texts |= {str(i.get("note") or "") for i in record.injects}
    return {t for t in texts if t}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_japanese_markdown_has_no_english_words(path: Path, ja: None) -> None:
    result = simulate(load_scenario(str(path)))
    markdown = render_record_markdown(run_to_dict(result), result.scenario.plan, analysis=[])
    text = re.sub(r"```mermaid.*?```", "", markdown, flags=re.S)  # diagram syntax, not words
    for quoted in sorted(_foreign_texts(path), key=len, reverse=True):
        text = text.replace(quoted, " ")
    words = set(re.findall(r"[A-Za-z]{2,}", text)) - KEPT
    assert not words, f"English words in the Japanese report: {sorted(words)}"


def test_static_analysis_notes_are_introduced_in_japanese(ja: None) -> None:
    markdown, _ = _reports(EXAMPLES / "cable-cut.yaml", "ja")
    assert "### 計画の静的分析による指摘" in markdown
    assert "- エラー（shared-risk）：" in markdown


# -- observations and inject notes ------------------------------------------------------------
def _journal(tmp_path: Path) -> Path:
    path = tmp_path / "drill.jsonl"
    live = LiveDrill.start(load_scenario(str(EXAMPLES / "cable-cut.yaml")), journal_path=path)
    live.next()
    live.advance_by(3)
    live.observe("town-x called back by phone")
    live.fail("fax", note="the fax line is unplugged")
    live.run_to_end()
    live.close()
    return path


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_observations_and_inject_notes_from_a_journal_reach_the_report(tmp_path: Path, fmt: str) -> None:
    code, out, _ = drill("report", str(_journal(tmp_path)), "--format", fmt)
    assert code == 1
    assert "observation: town-x called back by phone" in out
    assert "fail fax — the fax line is unplugged" in out


def test_journal_observations_are_in_the_loaded_record(tmp_path: Path) -> None:
    loaded = load_run(str(_journal(tmp_path)))
    [note] = loaded.record.observations
    assert note.text == "town-x called back by phone" and note.at > 0
    assert loaded.record.to_dict()["observations"] == [{"at": note.at, "text": note.text}]


def test_observations_of_a_run_json_reach_the_report(tmp_path: Path) -> None:
    record = run_to_dict(simulate(load_scenario(str(EXAMPLES / "cable-cut.yaml"))))
    assert "observations" not in record  # drill run's JSON is as before
    record["observations"] = [{"at": 12.0, "text": "pref asked for the fax number"}]
    path = tmp_path / "run.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    code, out, _ = drill("--lang", "ja", "report", str(path), "--format", "markdown")
    assert code == 1
    assert "| 12分 | 10:12 | 所見：pref asked for the fax number |" in out


def test_replay_replays_the_journal_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drill.engine import journal

    path = _journal(tmp_path)
    calls = []
    real = journal.replay_journal
    monkeypatch.setattr(journal, "replay_journal", lambda *a, **k: calls.append(a) or real(*a, **k))
    code, out, _ = drill("replay", str(path), "--format", "markdown")
    assert code == 1 and len(calls) == 1
    assert "observation: town-x called back by phone" in out


# -- printing ---------------------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(CHROMIUM is None or PDFTOTEXT is None,
                    reason="needs headless Chromium and poppler-utils (apt-get install chromium poppler-utils)")
def test_japanese_report_prints_on_a4_without_empty_pages(tmp_path: Path, ja: None) -> None:
    _, page = _reports(SAMPLES / "power-cut-pbx-battery.yaml", "ja")
    html_file, pdf = tmp_path / "aar.html", tmp_path / "aar.pdf"
    html_file.write_text(page, encoding="utf-8")
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", html_file.as_uri()],
                   capture_output=True, timeout=180, check=False)
    assert pdf.exists() and pdf.stat().st_size > 10_000
    pages = subprocess.run([str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, text=True,
                           timeout=60).stdout.split("\f")
    pages = pages[:-1] if pages and not pages[-1].strip() else pages  # the text ends with a form feed
    assert len(pages) >= 2
    assert all(p.strip() for p in pages), "an empty page"
    assert "訓練実施報告書" in pages[0]
