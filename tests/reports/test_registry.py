"""The format registry: every format of every command renders, and --help lists exactly them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from drill.cli import cli
from drill.engine import simulate
from drill.loading import load_plan, load_scenario
from drill.reports import registry
from drill.reports.record import load_run
from drill.reports.registry import AnalyzeSubject, RenderOptions

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "tests/data/examples"


def _subject(command: str, tmp_path: Path) -> Any:
    scenario = load_scenario(str(EXAMPLES / "cable-cut.yaml"))
    if command in ("run", "replay", "msel"):
        return simulate(scenario)
    if command == "report":
        run_json = tmp_path / "run.json"
        run_json.write_text(registry.render("run", "json", simulate(scenario)), encoding="utf-8")  # type: ignore[arg-type]
        return load_run(str(run_json), str(EXAMPLES / "plan.yaml"))
    if command == "analyze":
        from drill.analysis import analyze_plan

        return AnalyzeSubject(analyze_plan(load_plan(str(EXAMPLES / "plan.yaml")), 2))
    if command in ("sweep", "montecarlo"):
        from drill.scale.context import SweepContext

        context = SweepContext(scenario)
        if command == "sweep":
            from drill.scale.sweep import sweep

            return sweep(context, 1)
        from drill.scale.montecarlo import monte_carlo

        return monte_carlo(context, 20, 1, 0.05)
    if command == "coverage":
        from drill.reports.coverage import coverage

        return coverage([simulate(scenario)])
    if command == "train":
        from tests.training.test_headless import CABLE_CUT_ANSWERS, walk

        return walk("cable-cut", CABLE_CUT_ANSWERS)
    if command == "graph":
        from drill.reports.graph import plan_graph

        return plan_graph(load_plan(str(EXAMPLES / "plan.yaml")))
    raise AssertionError(f"no sample subject for {command}: add one to this test")


@pytest.mark.parametrize("row", registry.rows(), ids=lambda r: f"{r.command}-{r.name}")
def test_every_format_renders_a_sample(row: registry.Format, tmp_path: Path) -> None:
    if row.name == "png":
        from drill.reports.graph import dot_available

        if not dot_available():
            pytest.skip("Graphviz dot is not installed")
    subject = _subject(row.command, tmp_path)
    if row.several:
        subject = [subject, subject]
    output = row.render(subject, RenderOptions())
    if row.binary:
        assert isinstance(output, bytes) and output
    elif row.streamed:
        assert not isinstance(output, (str, bytes))
        assert "".join(output)  # type: ignore[union-attr]
    else:
        assert isinstance(output, str) and output.strip()


HELP_COMMANDS = {"run": "run", "replay": "replay", "report": "report", "analyze": "analyze", "sweep": "sweep",
                 "coverage": "coverage", "train": "train", "graph": "graph", "msel": "msel"}


@pytest.mark.parametrize("command", sorted(HELP_COMMANDS))
def test_help_lists_exactly_the_registry_formats(command: str) -> None:
    result = CliRunner().invoke(cli, [HELP_COMMANDS[command], "--help"], terminal_width=300)
    assert result.exit_code == 0
    help_text = " ".join(result.output.split())
    match = re.search(r"--format \[([^\]]+)\]", help_text)
    assert match, help_text
    assert match.group(1).replace(" ", "").split("|") == registry.names(command)


def test_every_registered_command_has_a_help_check() -> None:
    covered = set(HELP_COMMANDS) | {"montecarlo"}  # drill sweep --random: the same --format as sweep
    assert set(registry.commands()) == covered
    assert registry.names("montecarlo") == registry.names("sweep")
