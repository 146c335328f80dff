"""The engine's work grows with what happens, not with plan size times injects.

A drill that fails thousands of components one after another used to check
every component at every change (quadratic: 3,000 injects took seconds,
10,000 most of a minute).  State only changes where a down interval starts or
ends, so the number of state checks must stay proportional to the number of
changes.  Counting checks instead of timing them keeps the test independent
of the machine.
"""

from __future__ import annotations

from datetime import datetime

from drill.engine import Simulation, StateChanged
from drill.engine.timeline import FailureTimeline
from drill.loading import load_plan_text
from drill.model.scenario import Inject, Scenario

COMPONENTS = 2_000


def _wide_drill() -> Scenario:
    components = "".join(f"  c{i}: {{}}\n" for i in range(COMPONENTS))
    plan = load_plan_text(
        "plan: wide\ncomponents:\n" + components
        + "channels:\n  phone: {depends_on: [c0], latency: 1m}\n"
        + "parties:\n  a: {contacts: {phone: {}}}\n  b: {contacts: {phone: {}}}\n"
        + "procedures:\n  x:\n    steps:\n      - {id: call, from: $origin, to: b, via: [phone]}\n",
        "wide.yaml")
    injects = tuple(Inject(at=float(i + 1), fail=(f"c{i}",)) for i in range(COMPONENTS))
    injects += (Inject(at=float(COMPONENTS + 10), restore=tuple(f"c{i}" for i in range(COMPONENTS))),)
    return Scenario(id="wide", title="wide", plan=plan, start=datetime(2025, 8, 20, 10, 0),
                    incident="x", origin="a", injects=injects)


def test_state_checks_grow_with_changes_not_with_components_times_injects(monkeypatch) -> None:
    checks = 0
    real_is_down = FailureTimeline.is_down

    def counting(self, ident, t):
        nonlocal checks
        checks += 1
        return real_is_down(self, ident, t)

    monkeypatch.setattr(FailureTimeline, "is_down", counting)
    sim = Simulation(_wide_drill())
    sim.run()
    changes = [e for e in sim.events if isinstance(e, StateChanged)]
    # every component goes down once and comes back once; the channel follows c0
    assert len(changes) == 2 * COMPONENTS + 2
    assert checks < 20 * COMPONENTS, f"{checks} state checks for {len(changes)} changes"
