"""``--windows`` keeps a running intersection: it equals the old all-windows method and brute force."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings

from drill.analysis import analyze_plan
from drill.analysis.moments import MomentClosure, minute_text, windows
from drill.analysis.results import Analysis
from drill.analysis.weekly import analyze_with_risk, window_report
from drill.loading import load_plan
from drill.model.plan import Plan
from drill.reports.analyze_json import analysis_to_dict, iter_analysis_json
from tests.analysis import reference
from tests.analysis.test_risk import plans_with_calendars
from tests.conftest import PLANS


def _keyed(analysis: Analysis) -> dict[tuple, tuple[str, set[tuple[str, ...]]]]:
    out: dict[tuple, tuple[str, set[tuple[str, ...]]]] = {}
    for t in analysis.tasks:
        out[("task", t.procedure, t.step, t.sender, t.recipient)] = (t.label, set(t.cut_sets))
    for p in analysis.parties:
        out[("party", p.procedure, p.origin, p.party)] = (
            f"{p.party} ({p.procedure} from {p.origin})", set(p.cut_sets))
    return out


def old_window_report(plan: Plan, order: int) -> list[dict[str, Any]]:
    """The method before the running intersection: every window's keyed cut sets kept, then compared."""
    found = []
    for window in windows(plan):
        analysis = analyze_plan(plan, order, MomentClosure(plan, window.moment))
        found.append((window, _keyed(analysis)))
    everywhere: dict[tuple, set[tuple[str, ...]]] = {}
    for i, (_, keyed) in enumerate(found):
        for key, (_, cuts) in keyed.items():
            everywhere[key] = set(cuts) if i == 0 else everywhere.get(key, set()) & cuts
        for key in set(everywhere) - set(keyed):
            everywhere[key] = set()
    out = []
    for window, keyed in found:
        only = []
        for key, (label, cuts) in keyed.items():
            for cut in sorted(cuts - everywhere.get(key, set()), key=lambda c: (len(c), c)):
                only.append({"kind": key[0], "entry": list(key[1:]), "what": label, "cut_set": list(cut)})
        out.append({"name": window.name, "moment": minute_text(window.moment),
                    "spans": [[minute_text(a), minute_text(b)] for a, b in window.spans],
                    "spofs": sum(1 for _, cuts in keyed.values() for c in cuts if len(c) == 1),
                    "only_here": only})
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans_with_calendars())
def test_running_intersection_equals_the_old_method(plan: Plan) -> None:
    for order in (1, 2):
        assert [w.to_dict() for w in window_report(plan, order)] == old_window_report(plan, order)


def _brute_task_cuts(plan: Plan, minute: int) -> dict[tuple, set[tuple[str, ...]]]:
    """Every task's cut sets at ``minute``, by trying every small set of failures."""
    procedure = plan.procedures["proc"]
    steps = {s.id: s for s in procedure.steps}
    events = reference.relevant_events(plan)
    none = reference.down_set(plan, frozenset())
    out = {}
    for t in analyze_plan(plan, 2).tasks:
        via = steps[t.step].via
        cuts = [] if not reference.informs(plan, none, t.sender, t.recipient, via, minute) else \
            reference.minimal_sets(events, 2, lambda f, t=t, via=via: not reference.informs(
                plan, reference.down_set(plan, f), t.sender, t.recipient, via, minute))
        out[("task", t.procedure, t.step, t.sender, t.recipient)] = set(cuts)
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans_with_calendars())
def test_only_here_equals_brute_force_for_tasks(plan: Plan) -> None:
    """A task's cut set is listed for a window iff brute force finds it there and not in every window."""
    reports = window_report(plan, 2)
    brute = [_brute_task_cuts(plan, w.moment) for w in windows(plan)]
    assert len(reports) == len(brute)
    for key in brute[0]:
        everywhere = set.intersection(*(found[key] for found in brute))
        for report, found in zip(reports, brute, strict=True):
            listed = {tuple(c["cut_set"]) for c in report.only_here()
                      if c["kind"] == "task" and ("task", *c["entry"]) == key}
            assert listed == found[key] - everywhere


def test_streamed_windows_json_equals_the_dict() -> None:
    for path in (PLANS / "yamaguchi.yaml",):
        analysis = analyze_with_risk(load_plan(path), 2, weekly=True)
        assert analysis.risk is not None and analysis.risk.windows
        text = "".join(iter_analysis_json(analysis))
        assert text == json.dumps(analysis_to_dict(analysis), ensure_ascii=False, indent=2) + "\n"
        assert any(w["only_here"] for w in json.loads(text)["windows"])
