"""The lint rules of ``drill analyze`` (see :mod:`drill.analysis.rules` and docs/analysis.md).

Each rule is a function of the plan and of what the cut-set search already
computed (tasks with their candidates and supports, the step graph of every
origin).  Rules only report; they never change the plan.  Messages name ids
only, never contact addresses, and contain no line numbers so that a baseline
diff can recognise the same finding after the file has moved around.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from drill.analysis.calendars import FULL_WEEK, gap_summary, week_mask
from drill.analysis.closure import Closure
from drill.analysis.cutsets import TaskRef, procedure_origins
from drill.analysis.deadlines import earliest_deliveries
from drill.analysis.parties import StepGraph
from drill.analysis.results import Finding, TaskResult
from drill.analysis.wording import Facts, Name, name_of
from drill.model.errors import Location
from drill.model.plan import ORIGIN, Plan, Procedure

__all__ = ["RULE_FUNCTIONS", "LintInput", "earliest_deliveries", "lint"]


@dataclass
class LintInput:
    plan: Plan
    closure: Closure
    tasks: list[tuple[TaskRef, TaskResult]]
    graphs: dict[tuple[str, str], StepGraph]
    party_cuts: dict[tuple[str, str], dict[str, list[tuple[str, ...]]]]


def _names(plan: Plan, ids: Iterable[str]) -> tuple[Name, ...]:
    return tuple(_name(plan, i) for i in ids)


def _name(plan: Plan, ident: str) -> Name:
    """A component, channel, party or calendar by id, with its labels."""
    for table in (plan.parties, plan.channels, plan.components, plan.calendars):
        if ident in table:
            return name_of(table[ident])  # type: ignore[attr-defined]
    return Name(ident)


def _routes(plan: Plan, tasks: list[TaskResult]) -> tuple[tuple[Name, Name], ...]:
    return tuple((_name(plan, t.sender), _name(plan, t.recipient)) for t in tasks)


def _step(procedure: Procedure, step_id: str) -> Name:
    return name_of(next(s for s in procedure.steps if s.id == step_id))


# -- self-dependent -------------------------------------------------------------

def self_dependent(data: LintInput) -> list[Finding]:
    plan, closure = data.plan, data.closure
    out = []
    for procedure in plan.procedures.values():
        if not procedure.assumes_down:
            continue
        failed = set(procedure.assumes_down)
        down = closure.down(failed)
        assumed = _names(plan, procedure.assumes_down)
        for step in procedure.steps:
            dependent = [c for c in step.via if c in down]
            if not dependent:
                continue

            def because(channel: str, failed: set[str] = failed) -> tuple[Name, Name | None]:
                root = closure.why_down(channel, failed)
                return (_name(plan, channel), None if root in (None, channel) else _name(plan, root))

            facts = (("procedure", name_of(procedure)), ("assumed", assumed), ("step", name_of(step)))
            if len(dependent) == len(step.via):
                out.append(Finding("self-dependent", "error", "self-dependent/every-channel",
                                   (*facts, ("channels", tuple(because(c) for c in dependent))),
                                   step.location))
            elif step.via[0] in down:
                out.append(Finding("self-dependent", "warning", "self-dependent/first-channel",
                                   (*facts, ("channel", because(step.via[0])),
                                    ("delay", plan.channels[step.via[0]].failure_delay)),
                                   step.location))
    return out


# -- shared-risk ------------------------------------------------------------------

def shared_risk(data: LintInput) -> list[Finding]:
    """Single points of failure: one finding per step and event, then per procedure and event.

    Task findings are grouped by (procedure, step, event) and list the tasks;
    party findings list the parties an event cuts off end to end, leaving out
    parties already named by a task finding for the same event (their own
    notification is the weak spot, not something upstream).
    """
    plan = data.plan
    out = []
    task_groups: dict[tuple[str, str, str], list[tuple[TaskRef, TaskResult]]] = {}
    task_spofs: dict[tuple[str, str], set[str]] = {}
    for ref, result in data.tasks:
        for cut in result.cut_sets:
            if len(cut) != 1:
                break
            task_groups.setdefault((result.procedure, result.step, cut[0]), []).append((ref, result))
            task_spofs.setdefault((result.procedure, result.recipient), set()).add(cut[0])
    for (proc_id, step_id, event), group in task_groups.items():
        channels = sorted({c for _, r in group for _, c in r.candidates})
        shared = max(len({c for _, c in r.candidates}) for _, r in group) >= 2
        procedure = plan.procedures[proc_id]
        facts: Facts = (("kind", _kind(plan, event)), ("event", _name(plan, event)), ("tasks", len(group)),
                 ("step", _step(procedure, step_id)), ("procedure", name_of(procedure)),
                 ("routes", _routes(plan, [r for _, r in group])), ("channels", _names(plan, channels)),
                 ("shared", shared))
        out.append(Finding("shared-risk", "error" if shared else "warning", "shared-risk/task", facts,
                           group[0][0].step.location))
    out.extend(_hidden_common_causes(data))
    upstream: dict[tuple[str, str], dict[str, set[str]]] = {}
    origins: dict[tuple[str, str], list[str]] = {}
    for (proc_id, origin), cuts in data.party_cuts.items():
        graph = data.graphs[(proc_id, origin)]
        named = set(_named_parties(plan, plan.procedures[proc_id], origin))
        hits: list[tuple[str, str]] = []
        for party, cut_sets in cuts.items():
            if party not in named:  # a deputy only matters through its principal
                continue
            spofs = task_spofs.get((proc_id, party), set())
            for cut in cut_sets:
                if len(cut) != 1:
                    break
                if cut[0] not in spofs:
                    hits.append((party, cut[0]))
        if not hits:
            continue
        # the channels of the edges each event takes down, for those events only
        needed = {event for _, event in hits}
        channels_of: dict[str, set[str]] = {}
        for e, support in enumerate(graph.supports):
            for item in needed.intersection(support):
                channels_of.setdefault(item, set()).add(graph.edges[e][2])
        for party, event in hits:
            killed = upstream.setdefault((proc_id, event), {}).setdefault(party, set())
            killed.update(channels_of.get(event, ()))
            seen = origins.setdefault((proc_id, event), [])
            if origin not in seen:
                seen.append(origin)
    for (proc_id, event), by_party in upstream.items():
        channels = sorted(set().union(*by_party.values()))
        procedure = plan.procedures[proc_id]
        shared = len(channels) >= 2
        where = origins[(proc_id, event)]
        everywhere = len(where) == len(procedure_origins(plan, procedure))
        facts = (("kind", _kind(plan, event)), ("event", _name(plan, event)),
                 ("parties", _names(plan, sorted(by_party))), ("procedure", name_of(procedure)),
                 ("origins", None if everywhere else _names(plan, where)),
                 ("channels", _names(plan, channels)), ("shared", shared))
        out.append(Finding("shared-risk", "error" if shared else "warning", "shared-risk/party", facts,
                           procedure.location))
    return out


def _hidden_common_causes(data: LintInput) -> list[Finding]:
    """The council's second warning when a task still has another way through.

    An event that is not a single point of failure of a task but takes down
    two or more of its channels that are separate on paper (their own
    dependencies share nothing): for example one incoming cable under both
    Juki-net and LGWAN.  A warning per (step, event), listing the tasks.
    """
    plan, closure = data.plan, data.closure
    groups: dict[tuple[str, str, str], list[tuple[TaskRef, TaskResult, list, list]]] = {}
    for ref, result in data.tasks:
        singles = {c[0] for c in result.cut_sets if len(c) == 1}
        events: dict[str, set[int]] = {}
        for index, support in enumerate(result.supports):
            for event in support:
                events.setdefault(event, set()).add(index)
        for event, killed in events.items():
            if event in singles or len(killed) == len(result.candidates):
                continue
            if not _separate_on_paper(closure, {result.candidates[i][1] for i in killed}):
                continue

            def named(index: int, result: TaskResult = result) -> tuple[Name, Name | None]:
                party, channel = result.candidates[index]
                return (_name(plan, channel), None if party == result.recipient else _name(plan, party))

            channels = [named(i) for i in sorted(killed)]
            left = [named(i) for i in range(len(result.candidates)) if i not in killed]
            groups.setdefault((result.procedure, result.step, event), []).append(
                (ref, result, channels, left))
    out = []
    for (proc_id, step_id, event), group in groups.items():
        channels = list(dict.fromkeys(c for g in group for c in g[2]))
        left = list(dict.fromkeys(c for g in group for c in g[3]))
        procedure = plan.procedures[proc_id]
        facts = (("kind", _kind(plan, event)), ("event", _name(plan, event)), ("tasks", len(group)),
                 ("channels", tuple(channels)), ("step", _step(procedure, step_id)),
                 ("procedure", name_of(procedure)), ("routes", _routes(plan, [g[1] for g in group])),
                 ("left", tuple(left)))
        out.append(Finding("shared-risk", "warning", "shared-risk/separate-on-paper", facts,
                           group[0][0].step.location, facet="separate-on-paper"))
    return out


def _separate_on_paper(closure: Closure, channels: set[str]) -> bool:
    """Two of the channels depend on nothing in common at the channel level."""
    return _separate(closure, frozenset(channels))


def _separate(closure: Closure, channels: frozenset[str]) -> bool:
    key = ("separate", channels)
    cached = closure.memo.get(key)
    if cached is None:
        cached = closure.memo[key] = _separate_uncached(closure, channels)
    return bool(cached)


def _separate_uncached(closure: Closure, channels: frozenset[str]) -> bool:
    ordered = sorted(channels)
    for i, first in enumerate(ordered):
        for second in ordered[i + 1:]:
            a = closure.channel_support.get(first, frozenset()) - {first}
            b = closure.channel_support.get(second, frozenset()) - {second}
            if not a & b:
                return True
    return False


def _named_parties(plan: Plan, procedure: Procedure, origin: str) -> list[str]:
    """Parties a procedure's steps name as sender or recipient for one origin, in order."""
    named: list[str] = []
    for step in procedure.steps:
        for party in [*plan.senders_for(step, origin), *plan.expand(step.to, origin)]:
            if party not in named:
                named.append(party)
    return named


def _kind(plan: Plan, event: str) -> str:
    return "channel" if event in plan.channels else "component"


# -- shared-fate-deputy ---------------------------------------------------------------

def shared_fate_deputy(data: LintInput) -> list[Finding]:
    plan, closure = data.plan, data.closure
    out = []
    for party in plan.parties.values():
        own = [closure.contact_support[(party.id, c.channel)] for c in party.contacts]
        if not own:
            continue
        depends = frozenset().union(*own)
        kills_all_own = frozenset.intersection(*own)
        for deputy_id in party.deputies:
            deputy = plan.parties[deputy_id]
            theirs = [closure.contact_support[(deputy_id, c.channel)] for c in deputy.contacts]
            if not theirs:
                continue
            cut_off = frozenset.intersection(*theirs) & depends
            for event in sorted(cut_off, key=closure.events.index):
                both = event in kills_all_own
                channels = sorted({c.channel for c in party.contacts
                                   if event in closure.contact_support[(party.id, c.channel)]})
                facts = (("deputy", name_of(deputy)), ("party", name_of(party)),
                         ("event", _name(plan, event)),
                         ("channels", None if both else _names(plan, channels)))
                out.append(Finding("shared-fate-deputy", "error" if both else "warning",
                                   "shared-fate-deputy", facts, party.location))
    return out


# -- off-hours-gap ------------------------------------------------------------------------

def off_hours_gap(data: LintInput) -> list[Finding]:
    """Per step: the recipients that no candidate can reach at some time of the week."""
    plan = data.plan
    grouped: dict[tuple[str, str, int, bool], tuple[TaskRef, list]] = {}
    for ref, result in data.tasks:
        if not result.candidates:
            continue
        covered = 0
        holidays = False
        for party, channel in result.candidates:
            contact = plan.parties[party].contact(channel)
            assert contact is not None
            calendar = plan.contact_hours(contact)
            covered |= week_mask(calendar)
            holidays = holidays or calendar.always or calendar.on_holidays
        holiday_gap = bool(plan.holidays) and not holidays
        if covered == FULL_WEEK and not holiday_gap:
            continue
        key = (result.procedure, result.step, covered, holiday_gap)
        entry = grouped.setdefault(key, (ref, []))
        route = ((_name(plan, result.sender), _name(plan, result.recipient)) if not ref.step.one_sender
                 else _name(plan, result.recipient))
        if route not in entry[1]:
            entry[1].append(route)
    out = []
    for (proc_id, _step, covered, holiday_gap), (ref, who) in grouped.items():
        weekday, weekend = gap_summary(covered)
        facts = (("step", name_of(ref.step)), ("procedure", name_of(plan.procedures[proc_id])),
                 ("who", tuple(who)), ("weekday", weekday), ("weekend", weekend),
                 ("holidays", holiday_gap), ("via", _names(plan, ref.step.via)))
        out.append(Finding("off-hours-gap", "warning", "off-hours-gap", facts, ref.step.location))
    return out


# -- deadline-infeasible ----------------------------------------------------------------------

def deadline_infeasible(data: LintInput) -> list[Finding]:
    plan = data.plan
    late: dict[tuple[str, str, str, str], list[tuple[str, float]]] = {}
    for procedure in plan.procedures.values():
        steps = {s.id: s for s in procedure.steps}
        for origin in procedure_origins(plan, procedure):
            for (step_id, sender, recipient), at in earliest_deliveries(plan, procedure, origin,
                                                                             data.closure).items():
                within = steps[step_id].within
                if within is not None and at > within + 1e-9:
                    late.setdefault((procedure.id, step_id, sender, recipient), []).append((origin, at))
    out = []
    for (proc_id, step_id, sender, recipient), cases in late.items():
        procedure = plan.procedures[proc_id]
        step = next(s for s in procedure.steps if s.id == step_id)
        origin, at = min(cases, key=lambda c: c[1])
        assert step.within is not None
        facts = (("procedure", name_of(procedure)), ("step", name_of(step)),
                 ("sender", _name(plan, sender)), ("recipient", _name(plan, recipient)), ("at", at),
                 ("origin", None if sender == origin else _name(plan, origin)), ("within", step.within))
        out.append(Finding("deadline-infeasible", "error", "deadline-infeasible", facts, step.location))
    return out


# -- no-common-channel --------------------------------------------------------------------------

def no_common_channel(data: LintInput) -> list[Finding]:
    out = []
    for ref, result in data.tasks:
        if result.candidates:
            continue
        plan = data.plan
        facts = (("procedure", name_of(plan.procedures[result.procedure])), ("step", name_of(ref.step)),
                 ("sender", _name(plan, result.sender)), ("recipient", _name(plan, result.recipient)),
                 ("deputies", _names(plan, plan.parties[result.recipient].deputies)),
                 ("via", _names(plan, ref.step.via)))
        out.append(Finding("no-common-channel", "error", "no-common-channel", facts, ref.step.location))
    return out


# -- unreachable ------------------------------------------------------------------------------

def unreachable(data: LintInput) -> list[Finding]:
    plan = data.plan
    missing: dict[tuple[str, str], list[str]] = {}
    deputy_only: dict[tuple[str, str], set[str]] = {}
    for procedure in plan.procedures.values():
        for origin in procedure_origins(plan, procedure):
            graph = data.graphs[(procedure.id, origin)]
            informed = set(graph.informed)
            for party in _named_parties(plan, procedure, origin):
                if party not in informed:
                    missing.setdefault((procedure.id, party), []).append(origin)
                    actors = {a for a, p in graph.nodes if p == party}
                    if actors:
                        deputy_only.setdefault((procedure.id, party), set()).update(actors)
    out = []
    for (proc_id, party), origins in missing.items():
        procedure = plan.procedures[proc_id]
        all_origins = procedure_origins(plan, procedure)
        location = _first_mention(plan, procedure, party)
        facts = (("party", _name(plan, party)), ("procedure", name_of(procedure)),
                 ("origins", None if len(origins) == len(all_origins) else _names(plan, origins)),
                 ("deputies", _names(plan, sorted(deputy_only.get((proc_id, party), ())))))
        out.append(Finding("unreachable", "error", "unreachable", facts, location))
    return out


def _first_mention(plan: Plan, procedure: Procedure, party: str) -> Location | None:
    for step in procedure.steps:
        if party in plan.expand(step.to, None) or party in plan.expand(step.senders, None):
            return step.location
    return procedure.location


# -- unused ---------------------------------------------------------------------------------------

def unused(data: LintInput) -> list[Finding]:
    plan = data.plan
    components: set[str] = set()
    channels: set[str] = set()
    parties: set[str] = set()
    groups: set[str] = set()
    calendars: set[str] = set()

    def refs(items: Iterable[str]) -> None:
        for item in items:
            if item.startswith("@"):
                groups.add(item[1:])
            elif item != ORIGIN:
                parties.add(item)

    for comp in plan.components.values():
        components.update(d.id for d in comp.depends_on)
    for chan in plan.channels.values():
        components.update(d.id for d in chan.depends_on)
    for party in plan.parties.values():
        calendars.add(party.hours)
        parties.update(party.deputies)
        for contact in party.contacts:
            components.update(d.id for d in contact.depends_on)
            if contact.hours:
                calendars.add(contact.hours)
    for members in plan.groups.values():
        refs(members)
    for procedure in plan.procedures.values():
        if procedure.origins is None:  # every party can raise it
            parties.update(plan.parties)
        components.update(procedure.assumes_down)
        channels.update(procedure.assumes_down)
        refs(procedure.origins or ())
        for step in procedure.steps:
            refs([*step.senders, *step.to])
            channels.update(step.via)
    out = []
    for what, table, used in (("component", plan.components, components),
                              ("channel", plan.channels, channels),
                              ("party", plan.parties, parties),
                              ("calendar", plan.calendars, calendars)):
        for ident, item in table.items():
            if ident not in used:
                out.append(Finding("unused", "note", "unused", (("what", what), ("item", name_of(item))),
                                   item.location))
    for gid in plan.groups:
        if gid not in groups:
            out.append(Finding("unused", "note", "unused", (("what", "group"), ("item", Name(gid))),
                               plan.group_locations.get(gid)))
    return out


RULE_FUNCTIONS = (self_dependent, shared_risk, shared_fate_deputy, off_hours_gap,
                  deadline_infeasible, no_common_channel, unreachable, unused)


def lint(data: LintInput) -> list[Finding]:
    findings: set[Finding] = set()
    for rule in RULE_FUNCTIONS:
        findings.update(rule(data))
    return sorted(findings, key=Finding.sort_key)
