"""The one-screen summary of ``drill analyze`` (FORMAT.md 7.4 "Summary first").

A planner's question is "what is wrong, and what single thing causes most of
it", not 1,500 lines of findings that repeat one cable per step and origin.
This module groups the order-1 cut sets of an :class:`Analysis` by root cause:

- events whose footprint (the tasks and party entries they silence alone) is
  the same are one line (a site's building and its power: once per site);
- an event that depends on another event with a footprint at least as large
  (the landline channel on the NTT exchange) is folded into that line.

It also picks the council's two warnings (``self-dependent``, and the
``shared-risk`` warnings about channels separate on paper) and implements the
``--procedure`` / ``--rule`` / ``--party`` filters shared by every format.
Pure data: the words are in ``drill.reports.analyze_summary``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drill.analysis.analyze import rank_events, rank_pairs
from drill.analysis.closure import Closure
from drill.analysis.results import Analysis, Finding, PartyResult, TaskResult

Entry = tuple[str, ...]
"""A task ("task", procedure, step, from, to) or a party entry ("party", procedure, origin, party)."""


@dataclass(frozen=True)
class RootCause:
    """One line of the summary: events that silence the same things alone."""

    events: tuple[str, ...]
    """Events with exactly this footprint, most depended-upon first."""
    folded: tuple[str, ...]
    """Events that depend on one of ``events`` and silence no more than it."""
    kind: str
    """``component`` or ``channel`` (of the first event)."""
    tasks: int
    steps: tuple[str, ...]
    """``procedure/step`` ids of the tasks, in plan order."""
    party_entries: int
    procedures: tuple[str, ...]
    origins: int
    """Distinct origins of the party entries."""


def task_entry(task: TaskResult) -> Entry:
    return ("task", task.procedure, task.step, task.sender, task.recipient)


def party_entry(party: PartyResult) -> Entry:
    return ("party", party.procedure, party.origin, party.party)


def order1_footprints(analysis: Analysis) -> dict[str, list[Entry]]:
    """Event -> the entries it silences alone, in report order."""
    out: dict[str, list[Entry]] = {}
    for task in analysis.tasks:
        for cut in task.cut_sets:
            if len(cut) == 1:
                out.setdefault(cut[0], []).append(task_entry(task))
    for party in analysis.parties:
        for cut in party.cut_sets:
            if len(cut) == 1:
                out.setdefault(cut[0], []).append(party_entry(party))
    return out


def root_causes(analysis: Analysis) -> list[RootCause]:
    """Order-1 cut sets grouped by root cause, the ones silencing most first."""
    footprints = order1_footprints(analysis)
    closure = Closure(analysis.plan)
    by_print: dict[frozenset[Entry], list[str]] = {}
    for event, entries in footprints.items():
        by_print.setdefault(frozenset(entries), []).append(event)
    support = {**closure.component_support, **closure.channel_support}
    groups = []
    for fp, events in by_print.items():
        # the most depended-upon first: the fewest things of its own below it
        events.sort(key=lambda e: (len(support.get(e, ())), e))
        groups.append((fp, events))
    groups.sort(key=lambda g: (-len(g[0]), g[1][0]))
    kept: list[tuple[frozenset[Entry], list[str], list[str]]] = []
    for fp, events in groups:
        host = next((k for k in kept if fp <= k[0]
                     and any(root in support.get(e, ()) for e in events for root in k[1])), None)
        if host is not None:
            host[2].extend(events)
        else:
            kept.append((fp, events, []))
    return [_root_cause(analysis, footprints[events[0]], events, folded) for _, events, folded in kept]


def _root_cause(analysis: Analysis, entries: list[Entry], events: list[str], folded: list[str]) -> RootCause:
    tasks = [e for e in entries if e[0] == "task"]
    parties = [e for e in entries if e[0] == "party"]
    steps = list(dict.fromkeys(f"{e[1]}/{e[2]}" for e in tasks))
    procedures = list(dict.fromkeys(e[1] for e in entries))
    kind = "channel" if events[0] in analysis.plan.channels else "component"
    return RootCause(tuple(events), tuple(sorted(folded)), kind, len(tasks), tuple(steps),
                     len(parties), tuple(procedures), len({e[2] for e in parties}))


def council_warnings(analysis: Analysis) -> list[Finding]:
    """``self-dependent`` findings first, then ``shared-risk`` warnings about channels separate on paper."""
    first = [f for f in analysis.findings if f.rule == "self-dependent"]
    paper = [f for f in analysis.findings if f.rule == "shared-risk" and f.facet == "separate-on-paper"]
    return first + paper


def with_order1(analysis: Analysis) -> tuple[int, int]:
    """How many tasks and party entries have at least one single point of failure."""
    tasks = sum(1 for t in analysis.tasks if t.cut_sets and len(t.cut_sets[0]) == 1)
    parties = sum(1 for p in analysis.parties if p.cut_sets and len(p.cut_sets[0]) == 1)
    return tasks, parties


# -- filters ----------------------------------------------------------------------------

def filter_analysis(analysis: Analysis, procedure: str | None = None, rule: str | None = None,
                    party: str | None = None) -> Analysis:
    """Only what concerns ``procedure``, ``rule`` and ``party`` (each optional).

    Tasks: of the procedure, with the party as sender or recipient.  Party
    entries: of the procedure, about the party or from it as origin.  Findings:
    of the rule; placed in the procedure (its node or a step of it); about the
    party (placed at its node, at a step that names it, or naming its id).
    ``--rule`` filters findings only: cut sets belong to no rule.
    """
    if procedure is None and rule is None and party is None:
        return analysis
    plan = analysis.plan
    tasks = tuple(t for t in analysis.tasks if procedure in (None, t.procedure)
                  and party in (None, t.sender, t.recipient))
    parties = [p for p in analysis.parties if procedure in (None, p.procedure)
               and party in (None, p.party, p.origin)]
    places = _places(analysis, procedure, party)
    pattern = re.compile(rf"(?<![\w-]){re.escape(party)}(?![\w-])") if party else None
    findings = tuple(f for f in analysis.findings if rule in (None, f.rule)
                     and _placed(f, places["procedure"], procedure is None)
                     and (party is None or _placed(f, places["party"], False)
                          or (pattern is not None and pattern.search(f.canonical) is not None)))
    return replace(analysis, tasks=tasks, parties=tuple(parties), findings=findings,
                   ranking=tuple(rank_events(plan, tasks, parties)), pairs=tuple(rank_pairs(tasks, parties)))


def _placed(finding: Finding, places: set[tuple[str, int, int]], default: bool) -> bool:
    if default:
        return True
    loc = finding.location
    return loc is not None and (loc.path, loc.line, loc.column) in places


def _places(analysis: Analysis, procedure: str | None, party: str | None) -> dict[str, set]:
    plan = analysis.plan
    out: dict[str, set] = {"procedure": set(), "party": set()}

    def add(slot: str, loc) -> None:
        if loc is not None:
            out[slot].add((loc.path, loc.line, loc.column))

    for proc in plan.procedures.values():
        if proc.id == procedure:
            add("procedure", proc.location)
            for step in proc.steps:
                add("procedure", step.location)
        for step in proc.steps:
            if party is not None and (party in plan.expand(step.to, None)
                                      or party in plan.expand(step.senders, None)):
                add("party", step.location)
    if party is not None and party in plan.parties:
        found = plan.parties[party]
        add("party", found.location)
        for contact in found.contacts:
            add("party", contact.location)
    return out
