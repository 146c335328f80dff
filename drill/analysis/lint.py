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

from drill.analysis.calendars import FULL_WEEK, describe_gaps, week_mask
from drill.analysis.closure import Closure
from drill.analysis.cutsets import StepGraph, TaskRef, procedure_origins
from drill.analysis.deadlines import earliest_deliveries
from drill.analysis.results import Finding, TaskResult
from drill.i18n.formats import listing
from drill.model.durations import format_duration
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


def _list(items: Iterable[str], limit: int = 6) -> str:
    return listing(list(items), limit)


def _routes(tasks: list[TaskResult]) -> str:
    """Every task, compactly: 'a → b, c, d' when they share a sender, 'a, b → c' a recipient."""
    senders = list(dict.fromkeys(t.sender for t in tasks))
    recipients = list(dict.fromkeys(t.recipient for t in tasks))
    if len(senders) == 1:
        return f"{senders[0]} → {', '.join(recipients)}"
    if len(recipients) == 1:
        return f"{', '.join(senders)} → {recipients[0]}"
    return ", ".join(f"{t.sender} → {t.recipient}" for t in tasks)


def _candidate_text(cands: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{channel} to {party}" for party, channel in cands)


# -- self-dependent -------------------------------------------------------------

def self_dependent(data: LintInput) -> list[Finding]:
    plan, closure = data.plan, data.closure
    out = []
    for procedure in plan.procedures.values():
        if not procedure.assumes_down:
            continue
        failed = set(procedure.assumes_down)
        down = closure.down(failed)
        assumed = ", ".join(procedure.assumes_down)
        for step in procedure.steps:
            dependent = [c for c in step.via if c in down]
            if not dependent:
                continue

            def because(channel: str, failed: set[str] = failed) -> str:
                root = closure.why_down(channel, failed)
                return channel if root in (None, channel) else f"{channel} (needs {root})"

            if len(dependent) == len(step.via):
                out.append(Finding(
                    "self-dependent", "error",
                    f"procedure {procedure.id} assumes {assumed} down, yet every channel of step "
                    f"{step.id} depends on it: {', '.join(because(c) for c in dependent)}; "
                    "the step reports the outage over the failed network and cannot get through",
                    step.location))
            elif step.via[0] in down:
                out.append(Finding(
                    "self-dependent", "warning",
                    f"procedure {procedure.id} assumes {assumed} down, yet step {step.id} tries "
                    f"{because(step.via[0])} first: it reports the outage over the failed network "
                    f"and loses {format_duration(plan.channels[step.via[0]].failure_delay)} per "
                    "attempt before the next channel",
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
        noun = "task" if len(group) == 1 else f"{len(group)} tasks"
        text = (f"{_kind(plan, event)} {event} alone silences {noun} of step {step_id} in "
                f"{proc_id} ({_routes([r for _, r in group])}): it takes down every candidate "
                f"({', '.join(channels)})")
        if shared:
            text += "; channels that look separate share it"
        out.append(Finding("shared-risk", "error" if shared else "warning", text,
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
        whence = ("wherever the incident starts"
                  if len(where) == len(procedure_origins(plan, procedure))
                  else f"when the incident starts at {_list(where)}")
        text = (f"{_kind(plan, event)} {event} alone keeps {', '.join(sorted(by_party))} from being "
                f"informed in {proc_id} {whence}: it takes down {', '.join(channels)} on the way")
        if shared:
            text += "; channels that look separate share it"
        out.append(Finding("shared-risk", "error" if shared else "warning", text,
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
    groups: dict[tuple[str, str, str], list[tuple[TaskRef, TaskResult, list[str], list[str]]]] = {}
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

            def named(index: int, result: TaskResult = result) -> str:
                party, channel = result.candidates[index]
                return channel if party == result.recipient else f"{channel} to {party}"

            channels = [named(i) for i in sorted(killed)]
            left = [named(i) for i in range(len(result.candidates)) if i not in killed]
            groups.setdefault((result.procedure, result.step, event), []).append(
                (ref, result, channels, left))
    out = []
    for (proc_id, step_id, event), group in groups.items():
        channels = list(dict.fromkeys(c for g in group for c in g[2]))
        left = list(dict.fromkeys(c for g in group for c in g[3]))
        noun = "task" if len(group) == 1 else f"{len(group)} tasks"
        out.append(Finding(
            "shared-risk", "warning",
            f"{_kind(plan, event)} {event} takes down {', '.join(channels)} together for {noun} of "
            f"step {step_id} in {proc_id} ({_routes([g[1] for g in group])}): channels that are "
            f"separate on paper share it; only {', '.join(left)} would be left",
            group[0][0].step.location))
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
        for party in [plan.senders_for(step, origin), *plan.expand(step.to, origin)]:
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
                tail = (f"the same failure silences {party.id} itself" if both
                        else f"{party.id} also depends on it ({', '.join(channels)})")
                out.append(Finding(
                    "shared-fate-deputy", "error" if both else "warning",
                    f"deputy {deputy_id} of {party.id} can be reached only through {event}; "
                    f"{tail}, so the deputy is cut off when it is needed",
                    party.location))
    return out


# -- off-hours-gap ------------------------------------------------------------------------

def off_hours_gap(data: LintInput) -> list[Finding]:
    """Per step: the recipients that no candidate can reach at some time of the week."""
    plan = data.plan
    grouped: dict[tuple[str, str, int, bool], tuple[TaskRef, list[str]]] = {}
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
        route = (f"{result.sender} → {result.recipient}" if ref.step.sender == ORIGIN
                 else result.recipient)
        if route not in entry[1]:
            entry[1].append(route)
    out = []
    for (proc_id, step_id, covered, holiday_gap), (ref, who) in grouped.items():
        when = describe_gaps(covered)
        if holiday_gap:
            when = f"{when} and on holidays" if when else "on holidays"
        out.append(Finding(
            "off-hours-gap", "warning",
            f"step {step_id} of {proc_id} cannot reach {_list(who)} {when}: no contact on "
            f"{', '.join(ref.step.via)} of the recipient or its deputies is staffed then",
            ref.step.location))
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
        step = next(s for s in plan.procedures[proc_id].steps if s.id == step_id)
        origin, at = min(cases, key=lambda c: c[1])
        whence = "" if step.sender == ORIGIN else f" (incident at {origin})"
        assert step.within is not None
        out.append(Finding(
            "deadline-infeasible", "error",
            f"task {proc_id}/{step_id} {sender} → {recipient} cannot be delivered before "
            f"{format_duration(at)}{whence} even with nothing failed and everyone staffed, "
            f"but within is {format_duration(step.within)}",
            step.location))
    return out


# -- no-common-channel --------------------------------------------------------------------------

def no_common_channel(data: LintInput) -> list[Finding]:
    out = []
    for ref, result in data.tasks:
        if result.candidates:
            continue
        deputies = data.plan.parties[result.recipient].deputies
        who = result.recipient + (f" or its deputies ({', '.join(deputies)})" if deputies else "")
        out.append(Finding(
            "no-common-channel", "error",
            f"task {result.label} has no candidate: {result.sender} and {who} share no channel "
            f"of via [{', '.join(ref.step.via)}]; it fails as soon as it starts",
            ref.step.location))
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
        whence = "from any origin" if len(origins) == len(all_origins) else f"from {_list(origins)}"
        location = _first_mention(plan, procedure, party)
        deputies = deputy_only.get((proc_id, party))
        if deputies:
            text = (f"{party} is never informed in {proc_id} {whence}, even with nothing failed; "
                    f"only its deputy {', '.join(sorted(deputies))} is reached")
        else:
            text = (f"{party} is never informed in {proc_id} {whence}, even with nothing failed: "
                    "no step that runs reaches it, so its own steps are blocked")
        out.append(Finding("unreachable", "error", text, location))
    return out


def _first_mention(plan: Plan, procedure: Procedure, party: str) -> Location | None:
    for step in procedure.steps:
        if party in plan.expand(step.to, None) or step.sender == party:
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
            refs([step.sender, *step.to])
            channels.update(step.via)
    out = []
    for what, table, used in (("component", plan.components, components),
                              ("channel", plan.channels, channels),
                              ("party", plan.parties, parties),
                              ("calendar", plan.calendars, calendars)):
        for ident, item in table.items():
            if ident not in used:
                hint = {"component": "nothing depends on it and no procedure assumes it down",
                        "channel": "no step lists it in via",
                        "party": "no step, group, deputy list or origins names it",
                        "calendar": "no party or contact uses it as hours"}[what]
                out.append(Finding("unused", "note", f"{what} {ident} is never used: {hint}",
                                   item.location))
    for gid in plan.groups:
        if gid not in groups:
            out.append(Finding("unused", "note",
                               f"group {gid} is never used: no step, group or origins names @{gid}",
                               plan.group_locations.get(gid)))
    return out


RULE_FUNCTIONS = (self_dependent, shared_risk, shared_fate_deputy, off_hours_gap,
                  deadline_infeasible, no_common_channel, unreachable, unused)


def lint(data: LintInput) -> list[Finding]:
    findings: set[Finding] = set()
    for rule in RULE_FUNCTIONS:
        findings.update(rule(data))
    return sorted(findings, key=Finding.sort_key)
