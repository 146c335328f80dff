"""The outputs around ``drill run`` in Japanese: sweep, Monte Carlo, JUnit, coverage, MSEL, graph."""

from __future__ import annotations

import pytest

from drill import i18n
from drill.engine import simulate
from drill.loading import load_plan, load_scenario
from drill.reports.coverage import coverage, render_coverage_markdown, render_coverage_text
from drill.reports.graph import plan_graph, run_graph, to_mermaid
from drill.reports.junit import render_junit
from drill.reports.montecarlo import render_monte_carlo_text
from drill.reports.msel import render_msel_csv, render_msel_markdown
from drill.reports.run_json import run_to_dict
from drill.reports.sweep import render_sweep_text
from drill.scale.executors import LocalExecutor
from drill.scale.montecarlo import monte_carlo
from drill.scale.sweep import sweep
from tests.reports.helpers import EXAMPLES, SAMPLES


@pytest.fixture(autouse=True)
def japanese():
    i18n.set_language("ja")
    yield
    i18n.set_language("en")


def _scenario(name: str):  # noqa: ANN202 - a Scenario
    return load_scenario(str(EXAMPLES / f"{name}.yaml"))


def test_sweep_text_in_japanese() -> None:
    text = render_sweep_text(sweep(_scenario("cable-cut"), order=1, executor=LocalExecutor(1)))
    assert "スイープ" in text and "基準：タスク 4 件：伝達済み 4" in text
    for word in ("sweep of", "baseline", "worse", "failed", "blocked", "objective"):
        assert word not in text


def test_monte_carlo_text_in_japanese() -> None:
    text = render_monte_carlo_text(monte_carlo(_scenario("cable-cut"), 60, 3, 0.1, executor=LocalExecutor(1)))
    assert "モンテカルロ" in text and "30分までに town-y に伝達" in text
    for word in ("runs", "objective", "delivered", "failed", "informed"):
        assert word not in text


def test_junit_messages_in_japanese_types_unchanged() -> None:
    xml = render_junit([simulate(_scenario("saturday-night"))])
    assert 'type="failed"' in xml and 'type="objective"' in xml
    assert 'message="不達：すべての候補が失敗' in xml
    assert "4 件中 2 件が期限内に伝達されず" in xml


def test_coverage_in_japanese() -> None:
    items = coverage([simulate(_scenario(n)) for n in ("cable-cut", "saturday-night")])
    text, markdown = render_coverage_text(items), render_coverage_markdown(items)
    assert text.startswith("計画 example-pref：シナリオ 2 件（example-cable-cut, example-saturday-night）")
    assert "ステップ：3 件中 3 件を訓練" in text and "一度も訓練していない：mobile" in text
    assert markdown.startswith("# 計画 example-pref のカバレッジ")
    assert "exercised" not in text + markdown and "never" not in text + markdown


def test_msel_in_japanese_keeps_the_formula_guard() -> None:
    result = simulate(_scenario("saturday-night"))
    markdown = render_msel_markdown(result)
    assert "開始 2025年8月23日（土）22:00" in markdown and "ステップ report 開始" in markdown
    header = render_msel_csv(result).splitlines()[0]
    assert header == "#,訓練時刻,現地時刻,事象,対象,期待される行動,訓練目標"
    assert all(not cell.startswith(("=", "+", "@")) for line in render_msel_csv(result).splitlines()
               for cell in line.split(","))


def test_graph_labels_in_the_chosen_language() -> None:
    plan = load_plan(str(SAMPLES.parent / "contact_plans" / "yamaguchi.yaml"))
    japanese = to_mermaid(plan_graph(plan, "virus-suspected"))
    i18n.set_language("en")
    english = to_mermaid(plan_graph(plan, "virus-suspected"))
    shunan = plan.parties["shunan"]
    assert shunan.label and shunan.label in japanese and shunan.label not in english
    assert shunan.label_en and shunan.label_en in english
    result = simulate(load_scenario(str(SAMPLES / "holiday-night.yaml")))
    i18n.set_language("ja")
    assert "未伝達" in to_mermaid(run_graph(run_to_dict(result), result.scenario.plan))
