"""drill report / graph / msel / coverage from the command line, and their errors."""

from __future__ import annotations

import json

import pytest

from drill.engine.journal import LiveDrill
from drill.loading import load_scenario
from drill.reports.graph import dot_available
from tests.reports.helpers import EXAMPLES, SAMPLES, drill

CABLE = str(EXAMPLES / "cable-cut.yaml")


def test_report_from_run_json_equals_run_markdown(tmp_path) -> None:  # noqa: ANN001
    run = tmp_path / "run.json"
    assert drill("run", CABLE, "--format", "json", "--out", str(run))[0] == 1
    code, report, _ = drill("report", str(run))
    assert code == 1
    assert report == drill("run", CABLE, "--format", "markdown")[1]


def test_report_from_moved_run_json_without_plan_still_works(tmp_path) -> None:  # noqa: ANN001
    run = tmp_path / "run.json"
    drill("run", CABLE, "--format", "json", "--out", str(run))
    record = json.loads(run.read_text(encoding="utf-8"))
    record["files"]["plan"] = "gone.yaml"
    run.write_text(json.dumps(record), encoding="utf-8")
    code, out, err = drill("report", str(run))
    assert code == 1 and "not found" in err
    assert "pref-cable" in out  # the cause is still named
    code, out, _ = drill("report", str(run), "--plan", str(EXAMPLES / "plan.yaml"))
    assert "it also silenced" in out


def test_report_from_a_journal(tmp_path) -> None:  # noqa: ANN001
    journal = tmp_path / "drill.jsonl"
    live = LiveDrill.start(load_scenario(CABLE), journal_path=journal)
    live.run_to_end()
    live.close()
    code, out, _ = drill("report", str(journal))
    assert code == 1
    assert out == drill("run", CABLE, "--format", "markdown")[1]


@pytest.mark.parametrize("content, message", [
    ("{not json", "1:2"),
    ('{"hello": 1}', "not the JSON of drill run"),
])
def test_report_bad_input_exits_2(tmp_path, content: str, message: str) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = drill("report", str(bad))
    assert code == 2 and message in err and "Traceback" not in err


def test_report_refuses_wrong_plan(tmp_path) -> None:  # noqa: ANN001
    run = tmp_path / "run.json"
    drill("run", CABLE, "--format", "json", "--out", str(run))
    other = tmp_path / "other.yaml"
    other.write_text("plan: other\n", encoding="utf-8")
    code, _, err = drill("report", str(run), "--plan", str(other))
    assert code == 2 and "not the plan of this run" in err


def test_graph_unknown_procedure_exits_2() -> None:
    code, _, err = drill("graph", str(EXAMPLES / "plan.yaml"), "--procedure", "nope")
    assert code == 2 and "virus-suspected" in err


@pytest.mark.skipif(not dot_available(), reason="Graphviz dot is not installed (apt-get install graphviz)")
def test_graph_png(tmp_path) -> None:  # noqa: ANN001
    out = tmp_path / "plan.png"
    code, _, _ = drill("graph", str(EXAMPLES / "plan.yaml"), "--format", "png", "--out", str(out))
    assert code == 0 and out.read_bytes()[:4] == b"\x89PNG"


def test_graph_highlights_the_shared_cable() -> None:
    _, out, _ = drill("graph", str(EXAMPLES / "plan.yaml"), "--format", "mermaid")
    line = next(ln for ln in out.splitlines() if "pref-cable" in ln and "{{" in ln)
    assert "shared by juki-net, lgwan-mail" in line


def test_msel_is_chronological_with_bom_option(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "msel.csv"
    drill("msel", CABLE, "--bom", "--out", str(path))
    out = path.read_bytes().decode("utf-8")
    assert out.startswith("\ufeff#,time,local time,event,target,expected action,objective\r\n")
    times = [row.split(",")[1] for row in out.strip().split("\r\n")[1:]]
    assert times == ["0m", "5m", "8m", "10m", "10m", "30m"]
    assert "inject: fail pref-cable" in out


def test_coverage_lists_untouched() -> None:
    code, out, _ = drill("coverage", CABLE, str(EXAMPLES / "saturday-night.yaml"), "--format", "json")
    assert code == 0
    plan = json.loads(out)["plans"][0]
    assert plan["untouched"]["channels"] == ["mobile"]
    assert "pref-cable" not in plan["untouched"]["components"]
    cable = next(c for c in plan["components"] if c["id"] == "pref-cable")
    assert cable == {"id": "pref-cable", "down_in": 1, "broke_attempts": 2, "scenarios": ["example-cable-cut"]}


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_scenario_renders(path, tmp_path) -> None:  # noqa: ANN001
    """Smoke test on the realistic samples: every format, no crash, the scenario named."""
    for fmt in ("markdown", "html", "junit"):
        code, out, err = drill("run", str(path), "--format", fmt)
        assert code in (0, 1), err
        assert out.strip()
    code, out, err = drill("msel", str(path))
    assert code == 0, err
