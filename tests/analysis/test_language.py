"""``drill analyze`` in Japanese and English (FORMAT.md 7.3, issue #13).

Golden files beside the English ones (tests/analysis/golden, ``*.ja.*``);
machine formats identical in both languages apart from their message texts;
a Japanese summary without English words; the one-screen summary of issue
#12 in both languages.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from drill import i18n
from drill.analysis import analyze_plan, diff_analyses
from drill.analysis.wording import Name, finding_text
from drill.cli import cli
from drill.loading import load_plan
from drill.reports.analyze_formats import ANALYZE_FORMATS
from drill.reports.analyze_summary import render_summary_text
from tests.analysis.test_formats import BEFORE, EXAMPLE, check_golden

SAMPLE = "contact_plans/yamaguchi.yaml"


@pytest.fixture(autouse=True)
def _english_after() -> Any:
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def sample():
    return analyze_plan(load_plan(SAMPLE), 2)


def _in(language: str, render: Any, *args: Any, **kwargs: Any) -> str:
    i18n.set_language(language)
    try:
        return render(*args, **kwargs)
    finally:
        i18n.set_language("en")


# -- golden files --------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "ja"])
def test_sample_summary_golden(sample, language: str) -> None:
    suffix = "" if language == "en" else ".ja"
    check_golden(f"yamaguchi.summary{suffix}.txt", _in(language, render_summary_text, sample, width=160))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_details_golden_in_japanese(fmt: str) -> None:
    analysis = analyze_plan(load_plan(EXAMPLE), 2)
    diff = diff_analyses(analysis, analyze_plan(load_plan(BEFORE), 2))
    suffix = {"text": "txt", "markdown": "md"}[fmt]
    check_golden(f"plan.ja.{suffix}", _in("ja", ANALYZE_FORMATS[fmt], analysis, None, color=False, width=120))
    check_golden(f"plan-vs-before.ja.{suffix}",
                 _in("ja", ANALYZE_FORMATS[fmt], analysis, diff, color=False, width=120))


def test_labels_golden_in_japanese_markdown(sample) -> None:
    """The sample's labels, in Japanese, with their ids (one procedure, one rule: a short file)."""
    from drill.analysis.summary import filter_analysis

    only = filter_analysis(sample, procedure="network-outage", rule="self-dependent")
    check_golden("yamaguchi.network-outage.ja.md", _in("ja", ANALYZE_FORMATS["markdown"], only, None))


# -- machine formats do not change with the language ------------------------------------------

def _without_texts(value: Any, texts: list[str], key: str = "") -> Any:
    """The document with every human text replaced by a mark (the texts are collected)."""
    if isinstance(value, dict):
        return {k: _without_texts(v, texts, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_texts(v, texts, key) for v in value]
    if isinstance(value, str) and key in ("message", "text", "markdown", "fullName", "reason_text"):
        texts.append(value)
        return "<text>"
    return value


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_differ_only_in_message_texts(sample, fmt: str) -> None:
    render = ANALYZE_FORMATS[fmt]
    en_texts: list[str] = []
    ja_texts: list[str] = []
    english = _without_texts(json.loads(_in("en", render, sample, None)), en_texts)
    japanese = _without_texts(json.loads(_in("ja", render, sample, None)), ja_texts)
    assert english == japanese
    assert len(en_texts) == len(ja_texts) > 100
    assert sum(1 for a, b in zip(en_texts, ja_texts, strict=True) if a != b) > 100
    assert not any(re.search(r"[ぁ-んァ-ン]", t) for t in en_texts)


def test_risk_json_is_the_same_in_both_languages_apart_from_messages() -> None:
    from drill.analysis.weekly import analyze_with_risk

    analysis = analyze_with_risk(load_plan(SAMPLE), 1, importance=True, at="sat 22:00", weekly=True)
    render = ANALYZE_FORMATS["json"]
    english = _without_texts(json.loads(_in("en", render, analysis, None)), [])
    japanese = _without_texts(json.loads(_in("ja", render, analysis, None)), [])
    assert english == japanese
    assert english["moment"] == "sat 22:00" and english["windows"][0]["name"] == "weekdays 08:30–17:15"
    text = _in("ja", ANALYZE_FORMATS["text"], analysis, None)
    assert "土 22:00" in text and "平日 08:30–17:15" in text and "月–木 17:15–08:30" in text


def test_cli_json_is_the_same_in_both_languages_apart_from_messages() -> None:
    outputs = []
    for language in ("en", "ja"):
        result = CliRunner().invoke(cli, ["--lang", language, "analyze", EXAMPLE, "--format", "json"])
        assert result.exit_code == 1, result.output
        outputs.append(json.loads(result.stdout))
    english, japanese = outputs
    assert [f["message"] for f in english["findings"]] != [f["message"] for f in japanese["findings"]]
    for found in (english, japanese):
        for finding in found["findings"]:
            finding["message"] = ""
    assert english == japanese


# -- no English left in the Japanese summary -----------------------------------------------------

#: Words the Japanese summary may show as they are: the command, option values, file and plan names.
ALLOWED = {"drill", "analyze", "suggest", "fix", "out", "details", "procedure", "rule", "party",
           "PLAN", "FILE", "ID", "yaml", "contact_plans", "yamaguchi", "juki"}


def _ids(plan: Any) -> set[str]:
    found = {plan.id, *plan.components, *plan.channels, *plan.parties, *plan.calendars, *plan.groups}
    for procedure in plan.procedures.values():
        found.add(procedure.id)
        found.update(step.id for step in procedure.steps)
    from drill.analysis.rules import RULES

    return found | {rule.id for rule in RULES}


def test_the_japanese_summary_has_no_english_words(sample) -> None:
    text = _in("ja", render_summary_text, sample, width=160)
    text = re.sub(r"[\w-]*…", " ", text)  # an id cut at the end of a line
    for ident in sorted(_ids(sample.plan), key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", " ", text)
    text = text.replace(sample.plan.path or SAMPLE, " ")
    # options are written as they are typed: --details, --fix-out, --rule ...
    text = re.sub(r"--[a-z-]+", " ", text)
    for phrase in ("takes down", "component", "procedure", "assumes", "warning", "error", "silences",
                   "channel", "task", "party", "origin", "council", "Single", "Fixes", "Everything"):
        assert phrase not in text, phrase
    words = set(re.findall(r"[A-Za-z][A-Za-z_]+", text))
    assert words <= ALLOWED, sorted(words - ALLOWED)


# -- the one-screen summary (issue #12) in both languages ------------------------------------------

@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_summary_fits_one_screen_in_both_languages(sample, language: str) -> None:
    lines = _in(language, render_summary_text, sample, width=160).splitlines()
    assert len(lines) <= 60 and all(cell_len(line) <= 160 for line in lines)
    head = "\n".join(lines[:40])
    for name in ("self-dependent", "pref-trunk-cable", "ntt-west"):
        assert name in head, (language, name)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_cli_summary_fits_in_both_languages(language: str) -> None:
    result = CliRunner().invoke(cli, ["--lang", language, "analyze", SAMPLE])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) <= 60
    assert "pref-trunk-cable" in "\n".join(result.stdout.splitlines()[:40])


# -- labels with ids; identity without words ----------------------------------------------------

def test_labels_of_the_chosen_language_are_shown_with_their_ids(sample) -> None:
    finding = next(f for f in sample.findings if "pref-trunk-cable" in f.canonical)
    english = _in("en", lambda: finding.message)
    japanese = _in("ja", lambda: finding.message)
    trunk = sample.plan.components["pref-trunk-cable"]
    assert f"{trunk.label_en} (pref-trunk-cable)" in english
    assert f"{trunk.label}（pref-trunk-cable）" in japanese
    # the one-line summary form names ids only, in the language
    assert "pref-trunk-cable" in _in("ja", lambda: finding.brief) and trunk.label not in _in("ja", lambda: finding.brief)


def test_identity_and_order_do_not_depend_on_the_language(sample) -> None:
    keys = [f.key for f in sample.findings]
    i18n.set_language("ja")
    again = analyze_plan(load_plan(EXAMPLE), 2)
    assert [f.key for f in again.findings] == [f.key for f in analyze_plan(load_plan(EXAMPLE), 2).findings]
    assert keys == [f.key for f in sample.findings]
    assert all(not re.search(r"[ぁ-んァ-ン]", f.canonical) for f in again.findings)


def test_plurals_in_both_languages() -> None:
    facts = (("kind", "component"), ("event", Name("power")), ("tasks", 1), ("step", Name("s")),
             ("procedure", Name("p")), ("routes", ((Name("a"), Name("b")),)), ("channels", (Name("fax"),)),
             ("shared", False))
    one = _in("en", finding_text, "shared-risk/task", facts)
    two = _in("en", finding_text, "shared-risk/task", tuple((k, 2 if k == "tasks" else v) for k, v in facts))
    assert "silences task of step" in one and "silences 2 tasks of step" in two
    assert "タスク 1 件" in _in("ja", finding_text, "shared-risk/task", facts)
