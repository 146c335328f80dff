"""``drill run --format text`` in Japanese and English (FORMAT.md 7.3): goldens, no English under ja."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from drill import i18n
from drill.cli import cli
from drill.engine import simulate
from drill.loading import load_scenario
from drill.model.plan import Plan
from drill.reports.run_text import render_run_text
from tests.reports.helpers import EXAMPLES, SAMPLES, check_golden

RUNS = {"cable-cut": EXAMPLES / "cable-cut.yaml", "saturday-night": EXAMPLES / "saturday-night.yaml",
        "jlis-virus-drill": SAMPLES / "jlis-virus-drill.yaml",
        "power-cut-pbx-battery": SAMPLES / "power-cut-pbx-battery.yaml",
        "holiday-night": SAMPLES / "holiday-night.yaml"}
#: Words of the English interface that must not appear in the Japanese text.
ENGLISH_WORDS = ("delivered", "late", "failed", "blocked", "scenario", "plan", "start", "objectives",
                 "objective", "PASS", "FAIL", "OK", "tasks", "task", "parties", "informed", "never", "step",
                 "status", "within", "tries", "Why", "via", "at", "by", "to", "of", "in time", "sent")
CLEAN = {"DRILL_LANG": "", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
#: Human texts of the JSON: the only fields that may change with the language.
HUMAN_KEYS = {"reason", "detail", "message"}


@pytest.fixture(autouse=True)
def back_to_english():
    yield
    i18n.set_language("en")


def _text(name: str, lang: str) -> str:
    i18n.set_language(lang)
    return render_run_text(simulate(load_scenario(str(RUNS[name]))), width=160)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", list(RUNS))
def test_run_text_golden(name: str, lang: str) -> None:
    suffix = "" if lang == "en" else ".ja"
    check_golden(f"{name}.run{suffix}.txt", _text(name, lang))


def _ids_and_labels(plan: Plan) -> list[str]:
    things = [*plan.calendars.values(), *plan.components.values(), *plan.channels.values(),
              *plan.parties.values(), *plan.procedures.values()]
    things += [step for procedure in plan.procedures.values() for step in procedure.steps]
    words = [plan.id, *plan.groups]
    for thing in things:
        words += [thing.id, thing.label or "", thing.label_en or ""]
    return sorted({w for w in words if w}, key=len, reverse=True)


@pytest.mark.parametrize("name", list(RUNS))
def test_japanese_run_text_has_no_english_words(name: str) -> None:
    scenario = load_scenario(str(RUNS[name]))
    text = _text(name, "ja")
    for word in [scenario.id, scenario.title, scenario.plan.timezone, *_ids_and_labels(scenario.plan)]:
        text = text.replace(word, " ")
    for word in ENGLISH_WORDS:
        assert not re.search(rf"\b{word}\b", text, re.IGNORECASE), f"{word!r} in the Japanese text:\n{text}"


def _human_free(data: object) -> object:
    if isinstance(data, dict):
        return {k: ("…" if k in HUMAN_KEYS else _human_free(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [_human_free(v) for v in data]
    return data


@pytest.mark.parametrize("name", list(RUNS))
def test_json_is_the_same_in_both_languages_but_for_human_texts(name: str) -> None:
    runs = {}
    for lang in ("en", "ja"):
        result = CliRunner().invoke(cli, ["--lang", lang, "run", str(RUNS[name]), "--format", "json"], env=CLEAN)
        assert result.exit_code in (0, 1), result.output
        runs[lang] = json.loads(result.stdout)
    assert _human_free(runs["en"]) == _human_free(runs["ja"])
    assert [e["ok"] for e in runs["en"]["expectations"]] == [e["ok"] for e in runs["ja"]["expectations"]]
    assert [e["detail"] for e in runs["en"]["expectations"]] != [e["detail"] for e in runs["ja"]["expectations"]]


def test_english_counts_are_singular_for_one() -> None:
    text = _text("jlis-virus-drill", "en")
    assert "all 1 " not in text
    assert "the 1 task delivered in time" in text


def test_a_deputy_sender_is_named_in_the_route_in_both_languages() -> None:
    assert "pref → jlis (sent by pref-duty)" in _text("saturday-night", "en")
    assert "pref → jlis（pref-duty が代行）" in _text("saturday-night", "ja")


def test_japanese_header_has_japanese_date_and_labels() -> None:
    header = _text("holiday-night", "ja").splitlines()[1]
    assert "開始 2025年5月3日（土）22:00" in header
    assert "周南市 市民課（shunan）" in header
