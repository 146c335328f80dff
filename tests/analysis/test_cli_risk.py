"""``drill analyze --probability/--importance/--at/--windows/--worst`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from drill.analysis.weekly import analyze_with_risk
from drill.cli import cli
from drill.loading import load_plan, load_scenario
from drill.reports.analyze_json import analysis_to_dict, iter_analysis_json
from tests.conftest import PLANS

SAMPLE = str(PLANS / "yamaguchi.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["analyze", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_gives_every_task_and_party_entry_a_probability() -> None:
    code, out, _ = run(SAMPLE, "--importance", "--format", "json")
    data = json.loads(out)
    assert code in (0, 1)
    assert all(0.0 <= t["p_silenced"] <= 1.0 for t in data["tasks"])
    assert all(0.0 <= p["p_uninformed"] <= 1.0 for p in data["parties"])
    assert all({"event", "birnbaum", "fussell_vesely", "raw", "rrw"} == set(f)
               for t in data["tasks"] for f in t["importance"])
    events = {e for t in data["tasks"] for c in t["cut_sets"] for e in c}
    assert {f["event"] for t in data["tasks"] for f in t["importance"]} == events
    assert data["importance_table"][0]["birnbaum_sum"] >= data["importance_table"][-1]["birnbaum_sum"]


def test_streamed_json_equals_the_dict_with_probabilities() -> None:
    analysis = analyze_with_risk(load_plan(SAMPLE), 2, probability=True, importance=True, at="sat 22:00")
    text = "".join(iter_analysis_json(analysis))
    assert text == json.dumps(analysis_to_dict(analysis), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(text)["moment"] == "sat 22:00"


def test_without_the_options_the_json_is_unchanged() -> None:
    _, out, _ = run(SAMPLE, "--format", "json")
    data = json.loads(out)
    assert "p_silenced" not in data["tasks"][0] and "moment" not in data


def test_text_lists_the_least_reliable_first() -> None:
    _, out, _ = run(SAMPLE, "--probability")
    section = out.split("Least reliable notifications")[1].split("\n\n")[1].splitlines()[1:]
    values = [float(line.split()[0]) for line in section]
    assert values == sorted(values, reverse=True) and values


def test_at_saturday_night_changes_the_cut_sets() -> None:
    _, day, _ = run(SAMPLE, "--format", "json", "--at", "wed 10:00")
    _, night, _ = run(SAMPLE, "--format", "json", "--at", "sat 22:00")
    assert json.loads(day)["tasks"] != json.loads(night)["tasks"]


def test_bad_at_exits_2() -> None:
    code, _, err = run(SAMPLE, "--at", "someday")
    assert code == 2 and "--at" in err


def test_windows_names_the_office_hours() -> None:
    _, out, _ = run(SAMPLE, "--windows", "--format", "json")
    names = [w["name"] for w in json.loads(out)["windows"]]
    assert names[0] == "weekdays 08:30–17:15" and len(names) == 2


def test_worst_needs_incident_and_out() -> None:
    code, _, err = run(SAMPLE, "--worst", "2")
    assert code == 2 and "--incident" in err


def test_worst_scenario_loads_runs_and_opens_in_the_control_room(tmp_path: Path) -> None:
    out = tmp_path / "worst.yaml"
    code, _, err = run(SAMPLE, "--worst", "2", "--incident", "virus-suspected@shunan",
                       "--start", "2025-08-23T22:00", "--scenario-out", str(out))
    assert code == 0, err
    scenario = load_scenario(str(out))
    assert scenario.start.isoformat().startswith("2025-08-23T22:00")
    assert scenario.injects[0].at == 0 and len(scenario.injects[0].fail) <= 2
    assert "silences" in scenario.title
    result = CliRunner().invoke(cli, ["run", str(out), "--format", "json"])
    assert result.exit_code == 1  # the worst case falls short
    assert json.loads(result.stdout)["tasks"]


def test_worst_scenario_opens_in_the_control_room(tmp_path: Path) -> None:
    import asyncio

    from drill.tui.app import make_app

    out = tmp_path / "worst.yaml"
    run(SAMPLE, "--worst", "1", "--incident", "virus-suspected@shunan", "--scenario-out", str(out))
    app = make_app(load_scenario(str(out)))

    async def drive() -> None:
        async with app.run_test(size=(150, 44)) as pilot:
            await pilot.pause()
            assert app.room is not None
            assert app.title == load_scenario(str(out)).title

    asyncio.run(drive())
