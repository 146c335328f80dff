"""JUnit XML as a real consumer (junitparser) reads it."""

from __future__ import annotations

import pytest

from tests.reports.helpers import EXAMPLES, drill

junitparser = pytest.importorskip("junitparser", reason="junitparser (a dev dependency) is not installed")


def test_one_suite_per_scenario_one_case_per_task_and_objective(tmp_path) -> None:  # noqa: ANN001
    out = tmp_path / "drill.xml"
    code, _, err = drill("run", str(EXAMPLES / "cable-cut.yaml"), str(EXAMPLES / "saturday-night.yaml"),
                         "--format", "junit", "--out", str(out))
    assert code == 1, err
    xml = junitparser.JUnitXml.fromfile(str(out))
    suites = {suite.name: suite for suite in xml}
    assert list(suites) == ["example-cable-cut", "example-saturday-night"]

    night = suites["example-saturday-night"]
    cases = {case.name: case for case in night}
    assert set(cases) == {"report: town-y -> pref", "escalate: pref -> jlis", "alert: pref -> town-x",
                          "alert: pref -> town-y", "objective: jlis informed by 45m",
                          "objective: every task delivered within its deadline"}
    assert night.tests == 6 and night.failures == 3
    assert cases["report: town-y -> pref"].is_passed
    failure = cases["alert: pref -> town-x"].result[0]
    assert isinstance(failure, junitparser.Failure)
    assert "town-x not staffed" in failure.message

    cable = suites["example-cable-cut"]
    objective = {c.name: c for c in cable}["objective: town-y informed by 30m"]
    assert not objective.is_passed
    assert "town-y" in objective.result[0].message
    assert cable.failures == 1


def test_one_scenario_passing_exits_zero(tmp_path) -> None:  # noqa: ANN001
    scenario = tmp_path / "ok.yaml"
    scenario.write_text(f"scenario: quiet\nplan: {EXAMPLES / 'plan.yaml'}\nstart: 2025-08-20T10:00\n"
                        "incident: {type: virus-suspected, origin: town-x}\n", encoding="utf-8")
    code, out, err = drill("run", str(scenario), "--format", "junit")
    assert code == 0, err
    path = tmp_path / "out.xml"
    path.write_text(out, encoding="utf-8")
    suite = next(iter(junitparser.JUnitXml.fromfile(str(path))))
    assert suite.failures == 0 and suite.tests == 4


def test_several_files_need_junit() -> None:
    code, _, err = drill("run", str(EXAMPLES / "cable-cut.yaml"), str(EXAMPLES / "saturday-night.yaml"))
    assert code == 2 and "--format junit" in err
