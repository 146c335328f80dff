"""stale-contact (FORMAT.md 7.5): old verified dates, and undated contacts in a dated plan."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from drill.analysis import analyze_plan
from drill.cli import cli
from drill.loading import load_plan_text

PLAN = """\
plan: dated
channels: {c: {}, d: {}}
parties:
  a: {contacts: {c: {verified: 2025-04-01}, d: {verified: 2024-03-01}}}
  b: {contacts: {c: {}}}
procedures:
  p: {steps: [{id: s, from: a, to: b, via: [c]}]}
"""


def stale(text: str, **kwargs) -> list[str]:
    analysis = analyze_plan(load_plan_text(text, "plan.yaml"), 1, **kwargs)
    return [f"{f.where} {f.message}" for f in analysis.findings if f.rule == "stale-contact"]


def test_old_and_undated_contacts_are_reported() -> None:
    found = stale(PLAN, as_of=date(2026, 4, 1))
    assert found == [
        "plan.yaml:4:45 contact d of a was last confirmed on 2024-03-01, 761 days before 2026-04-01",
        "plan.yaml:5:18 contact c of b has no verified date; other contacts of the plan have one",
    ]


def test_stale_after_and_as_of_move_the_limit() -> None:
    assert len(stale(PLAN, as_of=date(2026, 4, 1), stale_after_days=300)) == 3
    assert len(stale(PLAN, as_of=date(2025, 1, 1), stale_after_days=3650)) == 1   # only the undated one


def test_no_dates_no_findings() -> None:
    assert stale(PLAN.replace("verified: 2025-04-01", "").replace("verified: 2024-03-01", ""),
                 as_of=date(2030, 1, 1)) == []


def test_cli_options_in_every_format(tmp_path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    runner = CliRunner()
    for fmt in ("text", "json", "markdown", "sarif"):
        result = runner.invoke(cli, ["--lang", "en", "analyze", str(path), "--as-of", "2026-04-01",
                                     "--stale-after", "400d", "--format", fmt, "--fail-on", "never"])
        assert result.exit_code == 0, result.output
        assert "stale-contact" in result.stdout or "StaleContact" in result.stdout
    result = runner.invoke(cli, ["analyze", str(path), "--as-of", "2026-04-01", "--format", "json"])
    messages = [f["message"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "stale-contact"]
    assert len(messages) == 2
    bad = runner.invoke(cli, ["--lang", "en", "analyze", str(path), "--as-of", "April"])
    assert bad.exit_code == 2 and "--as-of" in bad.stderr
    bad = runner.invoke(cli, ["--lang", "en", "analyze", str(path), "--stale-after", "soon"])
    assert bad.exit_code == 2 and "--stale-after" in bad.stderr
