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
from drill.i18n import N_, _, ngettext
from drill.i18n.formats import duration_text, listing
from drill.i18n.words import status_word
from drill.model.durations import format_clock
from drill.model.plan import display_label
from drill.model.scenario import Inject
from drill.reports.aar import inject_text
from drill.reports.record import inject_to_dict

STATUS_STYLE = {
    "delivered": "green", "late": "yellow", "failed": "bold red", "blocked": "magenta",
    "trying": "cyan", "waiting": "blue", "not started": "dim",
}
"""Colour of each task status on the board."""

LIVE_WORDS = {"trying": N_("trying"), "waiting": N_("waiting"), "not started": N_("not started")}
"""Words of the statuses a task has only while the drill runs (the final ones are :func:`status_word`)."""


def live_word(status: str) -> str:
    """The word people read for a status of :func:`live_status`."""
    return _(LIVE_WORDS[status]) if status in LIVE_WORDS else status_word(status)


def one_line(text: str) -> str:
    """A label or note on one screen line, as written: line breaks (a YAML block's, its final one
    too) become spaces, and every space the author typed stays."""
    return " ".join(text.strip("\r\n").splitlines())


def inject_words(inject: Inject) -> str:
    """What an inject does, in the report's words, with its note as written."""
    text = inject_text(inject_to_dict(inject)) or _("note")
    return _("{inject} — {note}").format(inject=text, note=one_line(inject.note)) if inject.note else text


def clock(t: float | None) -> str:
    return "—" if t is None else format_clock(t)


def party_label(sim: Simulation, party_id: str) -> str:
    party = sim.plan.parties.get(party_id)
    label = one_line(display_label(party)) if party is not None else party_id
    return party_id if label == party_id else f"{party_id} {label}"


def item_label(sim: Simulation, ident: str) -> str:
    """A component's or channel's id with its (often Japanese) label."""
    thing = sim.plan.components.get(ident) or sim.plan.channels.get(ident)
    label = one_line(display_label(thing)) if thing is not None else ident
    return ident if label == ident else f"{ident} {label}"


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
    line, style = _event_words(sim, event)
    return f"{format_clock(event.t)}  {line}", style


def _event_words(sim: Simulation, event: Event) -> tuple[str, str]:
    if isinstance(event, InjectApplied):
        who = _("organiser: {inject}") if event.live else _("inject: {inject}")
        return who.format(inject=inject_words(event.inject)), "bold yellow" if event.live else "yellow"
    if isinstance(event, StateChanged):
        item = item_label(sim, event.item)
        if event.down:
            words = _("DOWN {item} ({cause})") if event.cause else _("DOWN {item}")
            return words.format(item=item, cause=event.cause), "bold red"
        return _("up again: {item}").format(item=item), "green"
    if isinstance(event, PartyInformed):
        party = party_label(sim, event.party)
        if event.acting_for:
            return _("informed: {party}, acting for {other}").format(party=party, other=event.acting_for), "bold"
        return _("informed: {party}").format(party=party), "bold"
    task = sim.tasks[event.task] if hasattr(event, "task") else None  # type: ignore[attr-defined]
    step = task.step.id if task is not None else "?"
    recipient = task.recipient if task is not None else "?"
    if isinstance(event, TaskStarted):
        return _("start {step}: {sender} → {to}").format(step=step, sender=event.sender, to=recipient), "dim"
    if isinstance(event, AttemptStarted):
        return _("try {step}: {sender} → {to} via {via}").format(
            step=step, sender=event.sender, to=event.to, via=event.via), ""
    if isinstance(event, Delivered):
        late = event.status == "late"
        words = _("delivered LATE {step} → {to} via {via}") if late else _("delivered {step} → {to} via {via}")
        return words.format(step=step, to=event.to, via=event.via), "yellow" if late else "green"
    if isinstance(event, AttemptFailed):
        return _("failed {step} → {to} via {via}: {reason}").format(
            step=step, to=event.to, via=event.via, reason=event.reason), "red"
    if isinstance(event, RetryScheduled):
        return _("retry {step} at {clock}").format(step=step, clock=format_clock(event.at)), "cyan"
    if isinstance(event, TaskFailed):
        return _("TASK FAILED {step} → {to}: {reason}").format(step=step, to=recipient, reason=event.reason), \
            "bold red"
    if isinstance(event, SimulationEnded):
        return _("drill ended"), "bold"
    return event.kind, ""  # pragma: no cover - every event kind is listed above


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
                return _chain_from(sim, dep.id, t, _("{channel} at {party}").format(
                    channel=attempt.via, party=party_id))
    return [attempt.reason or status_word("failed")]


def _chain_from(sim: Simulation, ident: str, t: float, first: str) -> list[str]:
    cause = sim.timeline.cause(ident, t)
    links = [first]
    path = [i for i, _since in reversed(cause.chain)]
    for link in path:
        if link != links[-1]:
            links.append(link)
    if cause.root != links[-1]:
        links.append(cause.root)
    links.append(_("failed at {clock}").format(clock=format_clock(cause.since)))
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
    parties = tuple(dict.fromkeys(p for p, _channel in contacts))
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
        parts.append(listing(names, limit))
    if radius.parties:
        parts.append(ngettext("{n} party", "{n} parties", len(radius.parties)).format(n=len(radius.parties)))
    if radius.tasks:
        parts.append(ngettext("{n} task", "{n} tasks", len(radius.tasks)).format(n=len(radius.tasks)))
    return _("; ").join(parts) if parts else _("nothing depends on it")


# -- infrastructure state ---------------------------------------------------------------


def item_state(sim: Simulation, ident: str) -> tuple[str, str]:
    """What a component or channel is doing now, and its style: up, down, on battery."""
    timeline, now = sim.timeline, sim.now
    if timeline.is_down(ident, now):
        since = timeline.down_since(ident, now)
        own = ident in timeline.own and any(a <= now < b for a, b in timeline.own[ident])
        how = _("FAILED since {clock}") if own else _("DOWN since {clock}")
        return how.format(clock=format_clock(since)), "bold red"
    comp = sim.plan.components.get(ident)
    deps = comp.depends_on if comp is not None else sim.plan.channels[ident].depends_on
    for dep in deps:
        if dep.grace > 0 and timeline.is_down(dep.id, now):
            left = timeline.down_since(dep.id, now) + dep.grace - now
            return _("on battery, {left} left").format(left=duration_text(left)), "bold yellow"
    return _("up"), "green"


def failed_by_inject(sim: Simulation, ident: str) -> bool:
    """Whether an inject (not a dependency) holds ``ident`` down now: it can be restored."""
    return any(a <= sim.now < b for a, b in sim.timeline.own.get(ident, ()))


def party_state(sim: Simulation, party_id: str) -> tuple[str, str]:
    now = sim.now
    informed = sim.informed.get(party_id)
    parts = []
    style = "dim"
    if informed is not None and informed <= now:
        parts.append(_("informed {clock}").format(clock=format_clock(informed)))
        style = "green"
    else:
        parts.append(_("not informed"))
    acting = sim.acting_for.get(party_id)
    if acting:
        parts.append(_("acting for {party}").format(party=acting))
    if sim.timeline.is_absent(party_id, now):
        parts.append(_("ABSENT"))
        style = "bold red"
    else:
        off = off_duty(sim, party_id)
        if off:
            parts.append(off)
            if style == "dim":
                style = "yellow"
    return _(", ").join(parts), style


def off_duty(sim: Simulation, party_id: str) -> str | None:
    """``off duty (office hours)`` when no contact of the party is staffed at the drill clock."""
    party = sim.plan.parties.get(party_id)
    if party is None or not party.contacts:
        return None
    calendars = {sim.plan.contact_hours(contact).id: sim.plan.contact_hours(contact) for contact in party.contacts}
    if any(sim.clock.staffed(calendar, sim.now) for calendar in calendars.values()):
        return None
    return _("off duty ({calendars} hours)").format(calendars=_(", ").join(sorted(calendars)))
