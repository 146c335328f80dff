"""The drill's commands in the command palette (ctrl+p): fail or restore by name, jump to a task, ..."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from drill.i18n import _
from drill.model.plan import display_label
from drill.tui.describe import failed_by_inject

if TYPE_CHECKING:
    from drill.tui.screens.control_room import ControlRoom


def drill_commands(room: ControlRoom) -> Iterator[SystemCommand]:
    """Every drill command the palette offers now (none that would change an ended drill)."""
    sim = room.drill.sim
    yield SystemCommand(_("Room view"), _("big clock, who is informed, what is down"), room.action_room_view)
    yield SystemCommand(_("Observation"), _("write down what happened, at the drill time"), room.action_observe)
    yield SystemCommand(_("Export the after-action report"), _("Markdown, JSON and HTML"), room.action_export)
    yield SystemCommand(_("Screenshot beside the journal"), _("an SVG of the screen"), room.action_screenshot)
    for task in sim.tasks:
        yield SystemCommand(_("Task {step} → {to}").format(step=task.step.id, to=task.recipient),
                            _("jump to the task on the board"), lambda i=task.index: room.jump_to_task(i))
    if sim.finished:
        return
    for ident in list(sim.plan.components) + list(sim.plan.channels):
        thing = sim.plan.components.get(ident) or sim.plan.channels[ident]
        if failed_by_inject(sim, ident):
            yield SystemCommand(_("Restore {ident}").format(ident=ident), display_label(thing),
                                lambda i=ident: room.live_now("restore", i))
        else:
            yield SystemCommand(_("Fail {ident}").format(ident=ident), display_label(thing),
                                lambda i=ident: room.live_now("fail", i))
