"""Words for the control room: what an event means, why an attempt failed, what depends on what.

Plain functions over a :class:`~drill.engine.Simulation`, with no Textual in
them, so the widgets stay thin and the wording can be tested on its own (and
reused by the trainee app).
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.analysis.closure import closure_of
from drill.engine import (
    AttemptFailed,
    AttemptStarted,
    Delivered,
    Event,
    InjectApplied,
    PartyInformed,
    RetryScheduled,
    Simulation,
    SimulationEnded,
    StateChanged,
    TaskFailed,
    TaskStarted,
)
from drill.engine.simulation import Attempt, Task
from drill.model.durations import format_clock, format_duration

STATUS_STYLE = {
    "delivered": "green", "late": "yellow", "failed": "bold red", "blocked": "magenta",
    "trying": "cyan", "waiting": "blue", "not started": "dim",
}
"""Colour of each task status on the board."""


def clock(t: float | None) -> str:
    return "—" if t is None else format_clock(t)


def party_label(sim: Simulation, party_id: str) -> str:
    party = sim.plan.parties.get(party_id)
    if party is None or party.label == party_id:
        return party_id
    return f"{party_id} {party.label}"


def item_label(sim: Simulation, ident: str) -> str:
    """A component's or channel's id with its (often Japanese) label."""
    thing = sim.plan.components.get(ident) or sim.plan.channels.get(ident)
    if thing is None or not thing.label or thing.label == ident:
        return ident
    return f"{ident} {thing.label}"


def live_status(task: Task) -> str:
    """The status a task shows while the drill runs (final ones once it is done)."""
    if task.done:
        return task.status
    if task.sender is None:
        return "not started"
    if task.in_flight:
        return "trying"
    return "waiting"


def describe_event(sim: Simulation, event: Event) -> tuple[str, str]:
    """One log line for an event, and its style."""
    when = format_clock(event.t)
    if isinstance(event, InjectApplied):
        who = "organiser" if event.live else "inject"
        return f"{when}  {who}: {event.inject.describe()}", "bold yellow" if event.live else "yellow"
    if isinstance(event, StateChanged):
        if event.down:
            why = f" ({event.cause})" if event.cause else ""
            return f"{when}  DOWN {item_label(sim, event.item)}{why}", "bold red"
        return f"{when}  up again: {item_label(sim, event.item)}", "green"
    if isinstance(event, PartyInformed):
        acting = f", acting for {event.acting_for}" if event.acting_for else ""
        return f"{when}  informed: {party_label(sim, event.party)}{acting}", "bold"
    task = sim.tasks[event.task] if hasattr(event, "task") else None  # type: ignore[attr-defined]
    step = task.step.id if task is not None else "?"
    if isinstance(event, TaskStarted):
        return f"{when}  start {step}: {event.sender} → {task.recipient if task else '?'}", "dim"
    if isinstance(event, AttemptStarted):
        return f"{when}  try {step}: {event.sender} → {event.to} via {event.via}", ""
    if isinstance(event, Delivered):
        late = " LATE" if event.status == "late" else ""
        return f"{when}  delivered{late} {step} → {event.to} via {event.via}", "yellow" if late else "green"
    if isinstance(event, AttemptFailed):
        return f"{when}  failed {step} → {event.to} via {event.via}: {event.reason}", "red"
    if isinstance(event, RetryScheduled):
        return f"{when}  retry {step} at {format_clock(event.at)}", "cyan"
    if isinstance(event, TaskFailed):
        return f"{when}  TASK FAILED {step} → {task.recipient if task else '?'}: {event.reason}", "bold red"
    if isinstance(event, SimulationEnded):
        return f"{when}  drill ended", "bold"
    return f"{when}  {event.kind}", ""  # pragma: no cover - every event kind is listed above


# -- why did an attempt fail ---------------------------------------------------------


def failure_chain(sim: Simulation, task: Task, attempt: Attempt) -> list[str]:
    """The chain from what the attempt needed to the root failure, e.g.

    ``["lgwan-mail at pref-shicho", "trunk-cable", "failed at T+00:15"]``.
    Party problems (absent, not staffed) give a single line with the reason.
    """
    if attempt.ok:
        return []
    timeline = sim.timeline
    t = attempt.start
    sender = task.sender or task.sender_plan
    if timeline.is_down(attempt.via, t):
        return _chain_from(sim, attempt.via, t, attempt.via)
    for party_id in (sender, attempt.to):
        contact = sim.plan.parties[party_id].contact(attempt.via)
        if contact is None:
            continue
        for dep in contact.depends_on:
            if timeline.dependency_down(dep, t):
                return _chain_from(sim, dep.id, t, f"{attempt.via} at {party_id}")
    return [attempt.reason or "failed"]


def _chain_from(sim: Simulation, ident: str, t: float, first: str) -> list[str]:
    cause = sim.timeline.cause(ident, t)
    links = [first]
    path = [i for i, _ in reversed(cause.chain)]
    for link in path:
        if link != links[-1]:
            links.append(link)
    if cause.root != links[-1]:
        links.append(cause.root)
    links.append(f"failed at {format_clock(cause.since)}")
    return links


# -- what depends on a component ---------------------------------------------------


@dataclass(frozen=True)
class BlastRadius:
    """Everything that stops working when one component or channel is down."""

    item: str
    components: tuple[str, ...]
    channels: tuple[str, ...]
    contacts: tuple[tuple[str, str], ...]
    """(party, channel) pairs that cannot be used."""
    parties: tuple[str, ...]
    """Parties with at least one contact lost."""
    tasks: tuple[int, ...]
    """Tasks of this drill with at least one candidate lost."""


def blast_radius(sim: Simulation, ident: str) -> BlastRadius:
    """What depends on ``ident`` (static, as in the analysis: grace periods and time are ignored)."""
    plan = sim.plan
    closure = closure_of(plan)
    down = closure.down({ident})
    contacts = [(party, channel) for (party, channel), support in closure.contact_support.items()
                if ident in support]
    lost = set(contacts)
    parties = tuple(dict.fromkeys(p for p, _ in contacts))
    tasks = []
    for task in sim.tasks:
        sender = task.sender or task.sender_plan
        candidates = task.candidates or sim.candidates(sender, task.recipient, task.step.via)
        if any((party, channel) in lost or (sender, channel) in lost for party, channel in candidates):
            tasks.append(task.index)
    return BlastRadius(
        item=ident,
        components=tuple(c for c in plan.components if c in down and c != ident),
        channels=tuple(c for c in plan.channels if c in down and c != ident),
        contacts=tuple(contacts), parties=parties, tasks=tuple(tasks),
    )


def dependants_summary(sim: Simulation, ident: str, limit: int = 4) -> str:
    """A short "what depends on it" for the failure picker."""
    radius = blast_radius(sim, ident)
    names = list(radius.components) + list(radius.channels)
    parts = []
    if names:
        shown = ", ".join(names[:limit]) + (f" +{len(names) - limit}" if len(names) > limit else "")
        parts.append(shown)
    if radius.parties:
        parts.append(f"{len(radius.parties)} parties")
    if radius.tasks:
        parts.append(f"{len(radius.tasks)} tasks")
    return "; ".join(parts) if parts else "nothing depends on it"


# -- infrastructure state ---------------------------------------------------------------


def item_state(sim: Simulation, ident: str) -> tuple[str, str]:
    """What a component or channel is doing now, and its style: up, down, on battery."""
    timeline, now = sim.timeline, sim.now
    if timeline.is_down(ident, now):
        since = timeline.down_since(ident, now)
        own = ident in timeline.own and any(a <= now < b for a, b in timeline.own[ident])
        how = "FAILED" if own else "DOWN"
        return f"{how} since {format_clock(since)}", "bold red"
    comp = sim.plan.components.get(ident)
    deps = comp.depends_on if comp is not None else sim.plan.channels[ident].depends_on
    for dep in deps:
        if dep.grace > 0 and timeline.is_down(dep.id, now):
            left = timeline.down_since(dep.id, now) + dep.grace - now
            return f"on battery, {format_duration(left)} left", "bold yellow"
    return "up", "green"


def failed_by_inject(sim: Simulation, ident: str) -> bool:
    """Whether an inject (not a dependency) holds ``ident`` down now: it can be restored."""
    return any(a <= sim.now < b for a, b in sim.timeline.own.get(ident, ()))


def party_state(sim: Simulation, party_id: str) -> tuple[str, str]:
    now = sim.now
    informed = sim.informed.get(party_id)
    parts = []
    style = "dim"
    if informed is not None and informed <= now:
        parts.append(f"informed {format_clock(informed)}")
        style = "green"
    else:
        parts.append("not informed")
    acting = sim.acting_for.get(party_id)
    if acting:
        parts.append(f"acting for {acting}")
    if sim.timeline.is_absent(party_id, now):
        parts.append("ABSENT")
        style = "bold red"
    else:
        off = off_duty(sim, party_id)
        if off:
            parts.append(off)
            if style == "dim":
                style = "yellow"
    return ", ".join(parts), style


def off_duty(sim: Simulation, party_id: str) -> str | None:
    """``off duty (office hours)`` when no contact of the party is staffed at the drill clock."""
    party = sim.plan.parties.get(party_id)
    if party is None or not party.contacts:
        return None
    calendars = {sim.plan.contact_hours(contact).id: sim.plan.contact_hours(contact) for contact in party.contacts}
    if any(sim.clock.staffed(calendar, sim.now) for calendar in calendars.values()):
        return None
    return f"off duty ({', '.join(sorted(calendars))} hours)"
