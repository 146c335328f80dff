"""Which parts of a plan a set of scenarios exercises, and which it never touches.

A drill programme that always cuts the same cable teaches nothing about the
PBX battery.  Coverage runs every scenario and counts, per plan, for each step
how many of its tasks were attempted and how many failed, for each channel
how often it was tried and how often it failed, and for each component
whether a scenario failed it (directly or through a dependency) and whether
that broke an attempt.  What no scenario touches is listed as a gap, so the
next drill can be written to cover it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from drill.engine.outcome import RunResult
from drill.i18n import N_, _, ngettext
from drill.reports.markdown import md_cell


@dataclass
class Tally:
    attempted: int = 0
    failed: int = 0
    scenarios: list[str] = field(default_factory=list)

    def seen_in(self, scenario: str) -> None:
        if scenario not in self.scenarios:
            self.scenarios.append(scenario)


@dataclass
class PlanCoverage:
    plan: str
    scenarios: list[str] = field(default_factory=list)
    steps: dict[str, Tally] = field(default_factory=dict)
    channels: dict[str, Tally] = field(default_factory=dict)
    components: dict[str, Tally] = field(default_factory=dict)
    """attempted = scenarios in which it was down; failed = attempts it broke."""


def coverage(results: Iterable[RunResult]) -> list[PlanCoverage]:
    by_plan: dict[str, PlanCoverage] = {}
    for result in results:
        scenario = result.scenario
        plan = scenario.plan
        cov = by_plan.get(plan.id)
        if cov is None:
            cov = by_plan[plan.id] = PlanCoverage(plan.id)
            for procedure in plan.procedures.values():
                for step in procedure.steps:
                    cov.steps.setdefault(f"{procedure.id}/{step.id}", Tally())
            cov.channels = {c: Tally() for c in plan.channels}
            cov.components = {c: Tally() for c in plan.components}
        cov.scenarios.append(scenario.id)
        for task in result.tasks:
            key = f"{scenario.incident}/{task.step.id}"
            tally = cov.steps.setdefault(key, Tally())
            if task.attempts:
                tally.attempted += 1
                tally.seen_in(scenario.id)
            if task.status != "delivered":
                tally.failed += 1
            for attempt in task.attempts:
                channel = cov.channels.setdefault(attempt.via, Tally())
                channel.attempted += 1
                channel.seen_in(scenario.id)
                if not attempt.ok:
                    channel.failed += 1
                    if attempt.cause in cov.components:
                        cov.components[attempt.cause].failed += 1
        from drill.engine.timeline import FailureTimeline

        timeline = FailureTimeline(plan, result.injects)
        for cid, intervals in timeline.down.items():
            if cid in cov.components and intervals:
                cov.components[cid].attempted += 1
                cov.components[cid].seen_in(scenario.id)
    return list(by_plan.values())


def coverage_to_dict(items: list[PlanCoverage]) -> dict[str, Any]:
    def tallies(table: dict[str, Tally], a: str, f: str) -> list[dict[str, Any]]:
        return [{"id": k, a: t.attempted, f: t.failed, "scenarios": t.scenarios} for k, t in table.items()]

    return {"plans": [{
        "plan": c.plan, "scenarios": c.scenarios,
        "steps": tallies(c.steps, "attempted", "not_delivered"),
        "channels": tallies(c.channels, "attempted", "failed"),
        "components": tallies(c.components, "down_in", "broke_attempts"),
        "untouched": {
            "steps": [k for k, t in c.steps.items() if not t.attempted],
            "channels": [k for k, t in c.channels.items() if not t.attempted],
            "components": [k for k, t in c.components.items() if not t.attempted],
        },
    } for c in items]}


def render_coverage_json(items: list[PlanCoverage]) -> str:
    return json.dumps(coverage_to_dict(items), ensure_ascii=False, indent=2) + "\n"


#: The three tables: (id, title, column, what the count counts, what the failures count).
TABLES = (("steps", N_("Steps"), N_("step"), N_("tasks attempted"), N_("not delivered")),
          ("channels", N_("Channels"), N_("channel"), N_("attempts"), N_("failed")),
          ("components", N_("Components"), N_("component"), N_("down in scenarios"), N_("broke attempts")))
#: The same in the text: (id, title, count word, failure word).
TEXT_TABLES = (("steps", N_("steps"), N_("attempted"), N_("not delivered")),
               ("channels", N_("channels"), N_("attempts"), N_("failed")),
               ("components", N_("components"), N_("down in"), N_("broke")))


def _table(c: PlanCoverage, name: str) -> dict[str, Tally]:
    return {"steps": c.steps, "channels": c.channels, "components": c.components}[name]



def render_coverage_markdown(items: list[PlanCoverage]) -> str:
    lines: list[str] = []
    for c in items:
        lines += [_("# Coverage of plan {plan}").format(plan=c.plan), "",
                  ngettext("{n} scenario: {scenarios}", "{n} scenarios: {scenarios}", len(c.scenarios)).format(
                      n=len(c.scenarios), scenarios=", ".join(c.scenarios)), ""]
        for name, title, column, a, f in TABLES:
            table = _table(c, name)
            touched = sum(1 for t in table.values() if t.attempted)
            lines += [_("## {title}: {touched} of {total} exercised").format(
                          title=_(title), touched=touched, total=len(table)), "",
                      f"| {_(column)} | {_(a)} | {_(f)} | {_('scenarios')} |", "|---|---:|---:|---|"]
            for key, t in table.items():
                mark = "" if t.attempted else _(" ⚠️ never")
                lines.append(f"| {md_cell(key)}{mark} | {t.attempted} | {t.failed} | "
                             f"{md_cell(', '.join(t.scenarios))} |")
            lines.append("")
    return "\n".join(lines)


def render_coverage_text(items: list[PlanCoverage]) -> str:
    lines: list[str] = []
    for c in items:
        lines.append(ngettext("plan {plan}: {n} scenario ({scenarios})", "plan {plan}: {n} scenarios ({scenarios})",
                              len(c.scenarios)).format(plan=c.plan, n=len(c.scenarios), scenarios=", ".join(c.scenarios)))
        for name, title, a, f in TEXT_TABLES:
            table = _table(c, name)
            touched = [k for k, t in table.items() if t.attempted]
            never = [k for k, t in table.items() if not t.attempted]
            lines.append(_("  {title}: {touched} of {total} exercised").format(
                title=_(title), touched=len(touched), total=len(table)))
            width = max([len(k) for k in table] + [4])
            for key in touched:
                t = table[key]
                lines.append(f"    {key:<{width}}  {_(a)} {t.attempted:>3}  {_(f)} {t.failed:>3}")
            if never:
                lines.append(_("    never touched: {items}").format(items=", ".join(never)))
    return "\n".join(lines) + "\n"


COVERAGE_FORMATS = {"text": render_coverage_text, "json": render_coverage_json,
                    "markdown": render_coverage_markdown}
