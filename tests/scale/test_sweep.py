"""``drill sweep``: every failure set gives what ``drill run --fail`` gives, and skipping is exact."""

from __future__ import annotations

import json
import subprocess
from itertools import combinations
from pathlib import Path

import pytest

from drill.engine import simulate
from drill.loading import load_scenario
from drill.loading.adhoc import parse_fail_option
from drill.reports import run_to_dict
from drill.reports.sweep import sweep_to_dict
from drill.scale.context import STATUSES, SweepContext
from drill.scale.executors import LocalExecutor
from drill.scale.sweep import SweepError, failure_sets, sweep
from tests.conftest import EXAMPLES, drill_cmd


def _direct(scenario, fail) -> tuple[dict, bytes, tuple]:
    """The set failed the way ``drill run --fail`` does it, simulated from scratch."""
    result = simulate(scenario, [parse_fail_option(scenario.plan, ident) for ident in fail])
    statuses = bytes(STATUSES.index(t.status) for t in sorted(result.tasks, key=lambda t: t.index))
    unmet = tuple(i for i, e in enumerate(result.expectations) if not e.ok)
    return result.summary, statuses, unmet


def test_every_set_of_an_order_2_sweep_equals_a_direct_run() -> None:
    scenario = load_scenario(str(EXAMPLES / "cable-cut.yaml"))
    result = sweep(scenario, order=2, executor=LocalExecutor(1))
    assert len(result.rows) > 40
    for row in result.rows:
        summary, statuses, unmet = _direct(scenario, row.fail)
        assert row.outcome.summary() == summary, row.fail
        assert row.outcome.statuses == statuses, row.fail
        assert row.outcome.unmet == unmet, row.fail


@pytest.mark.parametrize("name", ["national-alert-weekday", "national-alert-night", "virus-hokkaido"])
def test_every_single_failure_of_a_national_scenario_equals_a_direct_run(small_national: Path, name: str) -> None:
    scenario = load_scenario(str(small_national / "scenarios" / f"{name}.yaml"))
    result = sweep(scenario, order=1, executor=LocalExecutor(1))
    assert len(result.rows) == len(scenario.plan.components) + len(scenario.plan.channels)
    assert any(row.simulated for row in result.rows) and not all(row.simulated for row in result.rows)
    for row in result.rows:
        summary, statuses, unmet = _direct(scenario, row.fail)
        assert (row.outcome.summary(), row.outcome.statuses, row.outcome.unmet) == (summary, statuses, unmet), row.fail


def test_sets_left_unsimulated_really_equal_the_baseline(small_national: Path) -> None:
    """The dynamic rule: nothing in the baseline's reach, nothing changes (checked by simulating)."""
    scenario = load_scenario(str(small_national / "scenarios" / "national-alert-weekday.yaml"))
    context = SweepContext(scenario).prepare()
    skipped = [i for i in context.items if not context.affects([i])]
    assert len(skipped) > 10
    for ident in skipped:
        assert _direct(scenario, [ident])[1] == context.baseline.statuses, ident


def test_pairs_skipped_as_unable_to_matter_equal_their_other_member() -> None:
    """The static rule of order 2, proved on every pair of the example plan."""
    scenario = load_scenario(str(EXAMPLES / "saturday-night.yaml"))
    context = SweepContext(scenario).prepare()
    outside = [i for i in context.items if i not in context.static_reach]
    assert outside, "the example plan should have something no task could use"
    sets, skipped = failure_sets(context, 2)
    listed = set(sets)
    count = 0
    for a, b in combinations(context.items, 2):
        if (a, b) in listed:
            continue
        count += 1
        assert a in outside or b in outside
        single = b if a in outside else a
        assert _direct(scenario, [a, b]) == _direct(scenario, [single]), (a, b)
    assert count == skipped > 0


def test_worse_lists_exactly_the_tasks_whose_status_got_worse() -> None:
    scenario = load_scenario(str(EXAMPLES / "cable-cut.yaml"))
    data = sweep_to_dict(sweep(scenario, order=1, executor=LocalExecutor(1)))
    base = {(t["step"], t["from"], t["to"]): t["status"] for t in run_to_dict(simulate(scenario))["tasks"]}
    rank = {s: i for i, s in enumerate(STATUSES)}
    seen_worse = False
    for entry in data["scenarios"]:
        result = simulate(scenario, [parse_fail_option(scenario.plan, i) for i in entry["fail"]])
        expected = [{"step": t.step.id, "from": t.sender_plan, "to": t.recipient, "status": t.status,
                     "baseline": base[(t.step.id, t.sender_plan, t.recipient)]}
                    for t in sorted(result.tasks, key=lambda t: t.index)
                    if rank[t.status] > rank[base[(t.step.id, t.sender_plan, t.recipient)]]]
        assert entry["worse"] == expected, entry["fail"]
        seen_worse |= bool(expected)
    assert seen_worse


def test_only_keeps_one_kind_and_rejects_unknown_kinds() -> None:
    context = SweepContext(load_scenario(str(EXAMPLES / "cable-cut.yaml")))
    sets, _ = failure_sets(context, 1, only="cable")
    assert sets == [("pref-cable",), ("town-x-cable",)]
    sets, _ = failure_sets(context, 2, only="channel")
    assert ("juki-net",) in sets and all(s[0] in context.scenario.plan.channels for s in sets)
    with pytest.raises(SweepError, match="kinds: "):
        failure_sets(context, 1, only="cabel")


def test_workers_do_not_change_the_result(small_national: Path) -> None:
    scenario = load_scenario(str(small_national / "scenarios" / "national-alert-weekday.yaml"))
    one = sweep_to_dict(sweep(scenario, order=1, executor=LocalExecutor(1)))
    two = sweep_to_dict(sweep(scenario, order=1, executor=LocalExecutor(2)))
    assert one == two


def _drill(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*drill_cmd(), *args], capture_output=True, text=True, timeout=300)


def test_cli_sweep_summaries_equal_drill_run_fail(small_national: Path) -> None:
    path = str(small_national / "scenarios" / "virus-hokkaido.yaml")
    swept = _drill("sweep", path, "--order", "1", "--format", "json", "--workers", "2")
    assert swept.returncode in (0, 1), swept.stderr
    data = json.loads(swept.stdout)
    assert set(data) >= {"baseline", "order", "scenarios"} and data["order"] == 1
    assert "example.lg.jp" not in swept.stdout and "-0001" not in swept.stdout  # no contact addresses
    changed = [s for s in data["scenarios"] if s["worse"]]
    sample = changed[:3] + [s for s in data["scenarios"] if not s["worse"]][:2]
    assert len(sample) == 5
    for entry in sample:
        run = _drill("run", path, *[f"--fail={i}" for i in entry["fail"]], "--format", "json")
        assert run.returncode in (0, 1), run.stderr
        assert json.loads(run.stdout)["summary"] == entry["summary"], entry["fail"]


def test_cli_text_lists_the_worst_sets_first_and_exits_1() -> None:
    swept = _drill("sweep", str(EXAMPLES / "cable-cut.yaml"), "--order", "2", "--workers", "1")
    assert swept.returncode == 1
    lines = swept.stdout.splitlines()
    assert lines[0].startswith("sweep of example-cable-cut")
    listed = [line for line in lines if line.startswith("  ")]
    counts = [int(line.split(" worse")[0].split()[-1]) for line in listed]
    assert counts == sorted(counts, reverse=True) and counts[0] == 4
    assert "address" not in swept.stdout


def test_cli_bad_input_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = _drill("sweep", str(EXAMPLES / "cable-cut.yaml"), "--only", "nonsense")
    assert bad.returncode == 2 and "kinds:" in bad.stderr and "Traceback" not in bad.stderr
    missing = _drill("sweep", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    plan = _drill("sweep", str(EXAMPLES / "plan.yaml"))
    assert plan.returncode == 2 and "--incident" in plan.stderr


def test_cli_sweeps_a_plan_with_an_incident() -> None:
    swept = _drill("sweep", str(EXAMPLES / "plan.yaml"), "--incident", "virus-suspected@town-y",
                   "--format", "json", "--workers", "1")
    assert swept.returncode in (0, 1), swept.stderr
    assert json.loads(swept.stdout)["scenario"] == "virus-suspected@town-y"


def test_order_2_refuses_an_impossible_number_of_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    import drill.scale.sweep as sweep_module

    monkeypatch.setattr(sweep_module, "MAX_PAIRS", 10)
    context = SweepContext(load_scenario(str(EXAMPLES / "cable-cut.yaml")))
    with pytest.raises(SweepError, match="--only"):
        failure_sets(context, 2)
    assert failure_sets(context, 2, only="cable")[0][-1] == ("pref-cable", "town-x-cable")


def test_text_puts_a_single_failure_before_pairs_that_do_the_same_harm() -> None:
    from drill.reports.sweep import render_sweep_text

    text = render_sweep_text(sweep(load_scenario(str(EXAMPLES / "cable-cut.yaml")), order=2,
                                   executor=LocalExecutor(1)))
    lines = [line.strip() for line in text.splitlines() if " worse " in line]
    two_worse = [line.split("  ")[0].strip() for line in lines if " 2 worse" in line]
    assert two_worse[:2] == ["carrier-fixed", "pref-pbx"]
