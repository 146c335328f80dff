"""What the room view shows, as plain data (no Textual): who is informed, what is down, the clocks.

The room view is for a projector: a big clock, ``informed N/M`` of the
parties the procedure should reach, a grid of those parties by state, and an
alerts strip.  Kept here, away from the widgets, so it can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from drill.engine import Simulation
from drill.i18n import N_, _
from drill.i18n.formats import duration_text
from drill.model.durations import format_clock
from drill.model.plan import display_label
from drill.tui.describe import off_duty, one_line

STATES = ("informed", "trying", "not informed", "failed", "off duty")
"""Machine words of a party's state in the room view, in the legend's order."""

STATE_WORDS = {"informed": N_("informed"), "trying": N_("trying"), "not informed": N_("not informed"),
               "failed": N_("failed"), "off duty": N_("off duty")}

STATE_STYLE = {"informed": "bold black on green", "trying": "bold black on cyan",
               "not informed": "white on grey30", "failed": "bold white on red",
               "off duty": "bold black on yellow"}


@dataclass(frozen=True)
class PartyCell:
    ident: str
    label: str
    state: str
    """One of :data:`STATES`."""


def drill_clock(sim: Simulation) -> tuple[str, datetime]:
    """The drill time and the local time, both of the same whole minute (never a minute apart)."""
    minute = round(sim.now)
    return format_clock(minute), sim.clock.local(float(minute))


def procedure_parties(sim: Simulation) -> list[str]:
    """The parties the procedure should reach: the origin and every recipient, in plan order."""
    wanted = {task.recipient for task in sim.tasks} | {sim.origin}
    return [p for p in sim.plan.parties if p in wanted]


def party_cell(sim: Simulation, party: str) -> PartyCell:
    plan_party = sim.plan.parties[party]
    label = one_line(display_label(plan_party))
    informed = sim.informed.get(party)
    tasks = [t for t in sim.tasks if t.recipient == party]
    if informed is not None and informed <= sim.now:
        state = "informed"
    elif any(t.in_flight for t in tasks):
        state = "trying"
    elif tasks and all(t.done and t.status in ("failed", "blocked") for t in tasks):
        state = "failed"
    elif sim.timeline.is_absent(party, sim.now) or off_duty(sim, party):
        state = "off duty"
    else:
        state = "not informed"
    return PartyCell(party, label, state)


def party_cells(sim: Simulation) -> list[PartyCell]:
    return [party_cell(sim, p) for p in procedure_parties(sim)]


def informed_count(sim: Simulation) -> tuple[int, int]:
    """``(N, M)``: N of the M parties the procedure should reach are informed now."""
    cells = party_cells(sim)
    return sum(1 for c in cells if c.state == "informed"), len(cells)


def alerts(sim: Simulation) -> list[str]:
    """What is down now, and what runs on battery with the minutes it has left."""
    timeline, now = sim.timeline, sim.now
    out: list[str] = []
    items = list(sim.plan.components.values()) + list(sim.plan.channels.values())
    for thing in items:
        if timeline.is_down(thing.id, now):
            out.append(_("{item} down since {clock}").format(
                item=display_label(thing), clock=format_clock(timeline.down_since(thing.id, now))))
            continue
        for dep in thing.depends_on:
            if dep.grace > 0 and timeline.is_down(dep.id, now):
                left = timeline.down_since(dep.id, now) + dep.grace - now
                out.append(_("{item} on battery, {left} left").format(item=display_label(thing),
                                                                       left=duration_text(left)))
                break
    return out
