"""Golden files for every report format, from the worked examples (stable inputs).

Regenerate after a deliberate change with ``DRILL_UPDATE_GOLDEN=1 python -m
pytest tests/reports`` and review the diff like code.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drill import i18n
from drill.engine import simulate
from drill.loading import load_plan, load_scenario
from drill.reports import run_to_dict
from drill.reports.aar_html import render_record_html
from drill.reports.aar_markdown import render_record_markdown
from drill.reports.coverage import coverage, render_coverage_json, render_coverage_text
from drill.reports.graph import builtin_svg, plan_graph, to_dot, to_mermaid
from drill.reports.junit import render_junit
from drill.reports.msel import render_msel_csv, render_msel_markdown
from drill.reports.schema import render_schema
from tests.reports.helpers import EXAMPLES, check_golden, drill

NAMES = ["cable-cut", "saturday-night"]


def _run(name: str):  # noqa: ANN202 - a RunResult
    return simulate(load_scenario(str(EXAMPLES / f"{name}.yaml")))


@pytest.mark.parametrize("name", NAMES)
def test_after_action_markdown(name: str) -> None:
    result = _run(name)
    check_golden(f"{name}.aar.md", render_record_markdown(run_to_dict(result), result.scenario.plan))


@pytest.mark.parametrize("name", NAMES)
def test_after_action_html_builtin_layout(name: str) -> None:
    result = _run(name)
    check_golden(f"{name}.aar.html",
                 render_record_html(run_to_dict(result), result.scenario.plan, layout="builtin"))


@pytest.fixture
def ja() -> Iterator[None]:
    i18n.set_language("ja")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("name", NAMES)
def test_after_action_markdown_in_japanese(name: str, ja: None) -> None:
    result = _run(name)
    check_golden(f"{name}.ja.aar.md", render_record_markdown(run_to_dict(result), result.scenario.plan))


@pytest.mark.parametrize("name", NAMES)
def test_after_action_html_in_japanese(name: str, ja: None) -> None:
    result = _run(name)
    check_golden(f"{name}.ja.aar.html",
                 render_record_html(run_to_dict(result), result.scenario.plan, layout="builtin"))


@pytest.mark.parametrize("name", NAMES)
def test_msel(name: str) -> None:
    result = _run(name)
    check_golden(f"{name}.msel.csv", render_msel_csv(result))
    check_golden(f"{name}.msel.md", render_msel_markdown(result))


def test_junit_two_scenarios() -> None:
    check_golden("examples.junit.xml", render_junit([_run(n) for n in NAMES]))


@pytest.mark.parametrize("procedure", [None, "virus-suspected"])
def test_plan_graph(procedure: str | None) -> None:
    plan = load_plan(str(EXAMPLES / "plan.yaml"))
    picture = plan_graph(plan, procedure)
    stem = f"plan{'.' + procedure if procedure else ''}"
    check_golden(f"{stem}.dot", to_dot(picture))
    check_golden(f"{stem}.mmd", to_mermaid(picture))
    check_golden(f"{stem}.svg", builtin_svg(picture))


@pytest.mark.parametrize("kind", ["plan", "scenario"])
def test_schema(kind: str) -> None:
    check_golden(f"{kind}.schema.json", render_schema(kind))


def test_coverage() -> None:
    items = coverage([_run(n) for n in NAMES])
    check_golden("examples.coverage.txt", render_coverage_text(items))
    check_golden("examples.coverage.json", render_coverage_json(items))


@pytest.mark.parametrize("name", NAMES)
def test_cli_markdown_is_the_golden_report(name: str) -> None:
    """``drill run --format markdown`` prints exactly the golden after-action report."""
    code, out, _ = drill("run", str(EXAMPLES / f"{name}.yaml"), "--format", "markdown")
    assert code == 1  # both worked examples fall short
    check_golden(f"{name}.aar.md", out)
