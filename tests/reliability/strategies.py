"""Hypothesis strategies for random valid plans and scenarios.

Plans are drawn as plain data, dumped to YAML and read back through the real
loader, so every drawn plan is one a user could have written: components
depend only on earlier components (no cycles), groups nest only earlier
groups, every reference resolves.  Sizes are small (a handful of parties,
channels and steps) because the properties are about structure, not scale,
and small counterexamples are the useful ones.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import yaml
from hypothesis import strategies as st

from drill.loading import load_plan_text
from drill.model.plan import Plan
from drill.model.scenario import Inject, Scenario

DURATIONS = [0, 1, 2, 3, 5, 10, 20, 30]


def _subset(draw: st.DrawFn, items: list[str], max_size: int | None = None) -> list[str]:
    if not items:
        return []
    return draw(st.lists(st.sampled_from(items), unique=True, max_size=max_size or len(items)))


@st.composite
def plan_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid plan as plain data (one procedure, ``x``)."""
    components = [f"c{i}" for i in range(draw(st.integers(1, 5)))]
    channels = [f"ch{i}" for i in range(draw(st.integers(1, 4)))]
    parties = [f"p{i}" for i in range(draw(st.integers(2, 6)))]
    doc: dict[str, Any] = {"plan": "random", "timezone": "Asia/Tokyo", "calendars": {
        "office": {"days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:30", "to": "17:15"},
        "night": {"from": "17:00", "to": "09:00"},
    }}
    doc["components"] = {}
    for index, cid in enumerate(components):
        deps = _subset(draw, components[:index], 2)
        doc["components"][cid] = {"depends_on": [
            {"id": d, "grace": f"{draw(st.sampled_from(DURATIONS))}m"} if draw(st.booleans()) else d
            for d in deps]}
    doc["channels"] = {}
    for chid in channels:
        spec: dict[str, Any] = {"depends_on": _subset(draw, components, 2),
                                "latency": f"{draw(st.sampled_from(DURATIONS[1:]))}m"}
        if draw(st.booleans()):
            spec["fail_after"] = f"{draw(st.sampled_from(DURATIONS))}m"
        if draw(st.booleans()):
            spec["busy"] = f"{draw(st.sampled_from(DURATIONS))}m"
        doc["channels"][chid] = spec
    doc["parties"] = {}
    for pid in parties:
        contacts = {}
        for chid in channels:
            if draw(st.integers(0, 3)) == 0:  # most parties are on most channels
                continue
            contact: dict[str, Any] = {"depends_on": _subset(draw, components, 1)}
            if draw(st.integers(0, 4)) == 0:
                contact["hours"] = draw(st.sampled_from(["always", "office", "night"]))
            contacts[chid] = contact
        doc["parties"][pid] = {
            "lines": draw(st.integers(1, 3)),
            "hours": draw(st.sampled_from(["always", "always", "always", "office", "night"])),
            "deputies": _subset(draw, [p for p in parties if p != pid], 2),
            "contacts": contacts,
        }
    doc["groups"] = {"g0": _subset(draw, parties) or [parties[0]]}
    doc["groups"]["g1"] = _subset(draw, parties, 2) + ["@g0"]
    targets = parties + ["@g0", "@g1", "$origin"]
    steps = []
    for index in range(draw(st.integers(1, 5))):
        step: dict[str, Any] = {
            "id": f"s{index}",
            # FORMAT.md 7.1: one sender, or a group or list of them
            "from": draw(st.one_of(st.sampled_from(["$origin"] + parties),
                                   st.lists(st.sampled_from(targets), min_size=1, max_size=3))),
            "to": draw(st.lists(st.sampled_from(targets), min_size=1, max_size=3)),
            "via": draw(st.lists(st.sampled_from(channels), min_size=1, max_size=3, unique=True)),
        }
        if draw(st.booleans()):
            step["within"] = f"{draw(st.sampled_from([5, 15, 30, 60, 120]))}m"
        if draw(st.booleans()):
            step["delay"] = f"{draw(st.sampled_from(DURATIONS))}m"
        if draw(st.integers(0, 3)) == 0:
            every = draw(st.sampled_from([1, 5, 15]))
            step["retry"] = {"every": f"{every}m", "until": f"{draw(st.sampled_from([0, 30, 90, 240]))}m"}
        steps.append(step)
    doc["procedures"] = {"x": {"steps": steps}}
    return doc


def plan_from_document(doc: dict[str, Any]) -> Plan:
    return load_plan_text(yaml.safe_dump(doc, sort_keys=False), "random.yaml")


plans = plan_documents().map(plan_from_document)


@st.composite
def scenarios(draw: st.DrawFn, plan_strategy: st.SearchStrategy[Plan] = plans) -> Scenario:
    """A random drill on a random plan: start, origin, injects of every kind, maybe a horizon."""
    plan = draw(plan_strategy)
    failable = list(plan.components) + list(plan.channels)
    parties = list(plan.parties)
    injects = []
    for _ in range(draw(st.integers(0, 5))):
        at = float(draw(st.sampled_from([0, 0, 1, 5, 8, 20, 30, 60, 120])))
        kind = draw(st.sampled_from(["fail", "fail", "restore", "absent", "back"]))
        pool = failable if kind in ("fail", "restore") else parties
        injects.append(Inject(at=at, **{kind: tuple(draw(st.lists(st.sampled_from(pool), min_size=1,
                                                                     max_size=2, unique=True)))}))
    start = draw(st.sampled_from([datetime(2025, 8, 20, 10, 0), datetime(2025, 8, 23, 22, 0),
                                  datetime(2025, 8, 22, 17, 0), datetime(2025, 8, 20, 8, 25)]))
    horizon = draw(st.sampled_from([None, None, 30.0, 240.0]))
    return Scenario(id="random-drill", title="random drill", plan=plan, start=start, incident="x",
                    origin=draw(st.sampled_from(parties)), injects=tuple(injects), horizon=horizon)
