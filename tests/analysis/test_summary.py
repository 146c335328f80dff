"""``drill analyze`` summary first (FORMAT.md 7.4): one screen, root causes, filters in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.analysis import analyze_plan
from drill.analysis.summary import filter_analysis, root_causes
from drill.cli import cli
from drill.loading import load_plan
from drill.reports.analyze_summary import render_summary_text
from tests.conftest import ROOT

SAMPLE = str(ROOT / "contact_plans" / "yamaguchi.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["analyze", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def analysis():
    return analyze_plan(load_plan(SAMPLE), 2)


def test_the_sample_summary_fits_one_screen_and_names_the_council_warnings(analysis) -> None:
    lines = render_summary_text(analysis, width=160).splitlines()
    assert len(lines) <= 60 and all(len(line) <= 160 for line in lines)
    head = "\n".join(lines[:40])
    for name in ("self-dependent", "pref-trunk-cable", "ntt-west"):
        assert name in head
    # the council's warnings come before the root causes
    assert head.index("self-dependent") < head.index("ntt-west")


def test_the_cli_default_is_the_summary_and_details_is_the_full_report() -> None:
    code, short, _ = run(SAMPLE)
    _, full, _ = run(SAMPLE, "--details")
    assert code == 1 and len(short.splitlines()) <= 60 and len(full.splitlines()) > 1000
    assert "Riskiest" in full or "riskiest" in full.lower()


def test_root_causes_merge_a_site_and_fold_dependents(analysis) -> None:
    causes = {c.events: c for c in root_causes(analysis)}
    assert ("pref-building", "pref-power") in causes  # one line per site
    ntt = causes[("ntt-west",)]
    assert "landline" in ntt.folded  # landline depends on ntt-west and silences no more
    every = [e for c in causes.values() for e in (*c.events, *c.folded)]
    assert len(every) == len(set(every))  # an event is on one line only
    assert ntt.tasks == sum(1 for t in analysis.tasks if ("ntt-west",) in t.cut_sets)


def test_filters_keep_only_what_they_name(analysis) -> None:
    only = filter_analysis(analysis, procedure="virus-suspected", party="hagi")
    assert only.tasks and all(t.procedure == "virus-suspected" and "hagi" in (t.sender, t.recipient)
                              for t in only.tasks)
    assert all(p.procedure == "virus-suspected" and "hagi" in (p.party, p.origin) for p in only.parties)
    rule = filter_analysis(analysis, rule="off-hours-gap")
    assert rule.findings and {f.rule for f in rule.findings} == {"off-hours-gap"}


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_filters_apply_to_machine_formats(fmt: str) -> None:
    code, out, _ = run(SAMPLE, "--format", fmt, "--rule", "self-dependent", "--procedure", "network-outage")
    data = json.loads(out)
    if fmt == "json":
        assert {f["rule"] for f in data["findings"]} == {"self-dependent"}
        assert {t["procedure"] for t in data["tasks"]} == {"network-outage"}
    else:
        results = data["runs"][0]["results"]
        assert results and {r["ruleId"] for r in results} == {"self-dependent"}


def test_unknown_filter_ids_exit_2() -> None:
    code, _, err = run(SAMPLE, "--party", "nobody")
    assert code == 2 and "nobody" in err


def test_suggest_adds_json_keys_and_fix_out_writes_a_plan(tmp_path: Path) -> None:
    out = tmp_path / "fixed.yaml"
    code, text, err = run(SAMPLE, "--format", "json", "--suggest", "--fix-out", str(out), "--order", "1")
    data = json.loads(text)
    kinds = {s["change"] for s in data["suggestions"]}
    assert kinds <= {"add-contact", "add-via", "add-deputy"} and data["unfixable"] == []
    for s in data["suggestions"]:
        assert set(s) == {"add-contact": {"change", "party", "channel"},
                          "add-via": {"change", "procedure", "step", "channel"},
                          "add-deputy": {"change", "party", "deputy"}}[s["change"]]
    assert out.exists() and "wrote" in err
    code, text, _ = run(str(out), "--format", "json", "--order", "1")
    fixed = json.loads(text)
    assert not [c for t in fixed["tasks"] + fixed["parties"] for c in t["cut_sets"] if len(c) == 1]
