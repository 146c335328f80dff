"""drill's exact probabilities and importance factors equal SCRAM's on drill's own Open-PSA export.

SCRAM (``apt-get install scram``) reads ``drill analyze --format open-psa``
and is run with ``--probability true --importance true``; it prints numbers
with 6 significant digits, so drill's are rounded the same way and then
compared at relative 1e-6 (at a rounding boundary, within one unit of the 6th digit).  Skipped when ``scram`` is not installed.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from drill.analysis import analyze_plan
from drill.analysis.risk import compute_risk
from drill.loading import load_plan
from drill.model.plan import Plan
from drill.reports.analyze_openpsa import mef_unname, parse_task_gate, render_analysis_openpsa
from tests.analysis.test_risk import plans_with_calendars
from tests.conftest import PLANS

SCRAM = shutil.which("scram")
pytestmark = pytest.mark.skipif(SCRAM is None, reason="scram is not installed")


def _scram(plan: Plan, tmp: Path) -> tuple[dict, dict]:
    """SCRAM's top-event probabilities and importance factors, keyed by drill's task key."""
    analysis = analyze_plan(plan, 2)
    model = tmp / "model.xml"
    report = tmp / "report.xml"
    model.write_text(render_analysis_openpsa(analysis), encoding="utf-8")
    assert SCRAM is not None
    subprocess.run([SCRAM, "--probability", "true", "--importance", "true", str(model), "-o", str(report)],
                   check=True, capture_output=True, cwd=tmp)
    root = ET.parse(report).getroot().find("results")
    if root is None:  # no fault tree: no task has a candidate
        assert all(not t.candidates for t in analysis.tasks)
        return {}, {}
    probabilities = {parse_task_gate(e.get("name", "")): float(e.get("probability", "nan"))
                     for e in root.iter("sum-of-products")}
    importance = {}
    for element in root.iter("importance"):
        key = parse_task_gate(element.get("name", ""))
        importance[key] = {mef_unname(b.get("name", "")): {k: float(b.get(k, "nan")) for k in
                                                           ("MIF", "DIF", "RAW", "RRW")}
                           for b in element.iter("basic-event")}
    return probabilities, importance


def _close(drill: float | None, scram: float) -> bool:
    if drill is None:
        # RRW with P(top | event works) = 0 is infinite; SCRAM 0.16 prints 0 for it
        return math.isinf(scram) or scram == 0.0
    if float(f"{drill:.6g}") == pytest.approx(scram, rel=1e-6, abs=1e-300):
        return True
    # at a rounding boundary (0.4990005 printed as 0.499001) allow one unit of the 6th digit
    unit = 10.0 ** (math.floor(math.log10(abs(scram))) - 5) if scram else 0.0
    return abs(drill - scram) <= unit * (1 + 1e-9)


def _compare(plan: Plan, tmp: Path) -> int:
    probabilities, importance = _scram(plan, tmp)
    analysis = analyze_plan(plan, 2)
    risk = compute_risk(analysis, importance=True)
    compared = 0
    for task, p, factors in zip(analysis.tasks, risk.p_silenced, risk.importance or (), strict=True):
        key = (task.procedure, task.step, task.sender, task.recipient)
        if not task.candidates:
            continue
        if p == 0.0 and key not in probabilities:
            continue  # every event has p_fail 0: nothing for SCRAM to report
        assert _close(p, probabilities[key]), (key, p, probabilities[key])
        theirs = importance.get(key, {})
        for f in factors:
            if f.event not in theirs:
                continue
            row = theirs[f.event]
            for mine, name in ((f.birnbaum, "MIF"), (f.fussell_vesely, "DIF"), (f.raw, "RAW"), (f.rrw, "RRW")):
                assert _close(mine, row[name]), (key, f.event, name, mine, row[name])
            compared += 1
    return compared


def test_sample_plan_equals_scram(tmp_path: Path) -> None:
    assert _compare(load_plan(PLANS / "yamaguchi.yaml"), tmp_path) > 100


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(plan=plans_with_calendars())
def test_random_plans_equal_scram(plan: Plan, tmp_path: Path) -> None:
    _compare(plan, tmp_path)
