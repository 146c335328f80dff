"""The why-panel: for a task, its attempts and the chains that made them fail;
for a component, everything that depends on it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from drill.engine import Simulation
from drill.model.durations import format_clock
from drill.tui.describe import (
    STATUS_STYLE,
    blast_radius,
    failure_chain,
    item_label,
    item_state,
    live_status,
    party_label,
    party_state,
)


class WhyPanel(Static):
    """Shows the subject the organiser selected; the screen sets ``subject`` and calls ``show``."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.subject: tuple[str, str] | None = None
        """("task", index) or ("component" | "channel" | "party", id)."""
        self.plain = ""
        """The panel as plain text (tests)."""

    def show(self, sim: Simulation) -> None:
        text = Text()
        if self.subject is None:
            text.append("Select a task or a component to see why.", style="dim")
        elif self.subject[0] == "task":
            self._show_task(sim, int(self.subject[1]), text)
        elif self.subject[0] == "party":
            self._show_party(sim, self.subject[1], text)
        else:
            self._show_item(sim, self.subject[1], text)
        self.plain = text.plain
        self.update(text)

    def _show_task(self, sim: Simulation, index: int, text: Text) -> None:
        task = sim.tasks[index]
        status = live_status(task)
        text.append(f"{task.step.id}: {task.sender_plan} → {task.recipient}  ", style="bold")
        text.append(status, style=STATUS_STYLE.get(status, ""))
        if task.within is not None:
            text.append(f"   deadline {format_clock(task.within)}", style="dim")
        text.append("\n")
        if task.sender and task.sender != task.sender_plan:
            text.append(f"sent by {task.sender}, acting for {task.sender_plan}\n", style="dim")
        if not task.attempts:
            text.append(task.reason or ("not started yet" if task.sender is None else "no attempt yet"), style="dim")
            text.append("\n")
        for attempt in task.attempts:
            ok = attempt.ok
            pending = task.in_flight and attempt is task.attempts[-1]
            mark, style = ("…", "cyan") if pending else (("✓", "green") if ok else ("✗", "red"))
            text.append(f"{mark} ", style=style)
            text.append(f"{format_clock(attempt.start)} → {attempt.to} via {attempt.via}")
            if pending:
                text.append("  in progress\n", style="dim")
                continue
            text.append(f"   {'delivered' if ok else 'failed'} {format_clock(attempt.end)}\n", style=style)
            if not ok:
                chain = failure_chain(sim, task, attempt)
                text.append("    " + " → ".join(chain) + "\n", style="red")
        if task.done and task.status == "failed" and task.reason:
            text.append(f"task failed: {task.reason}\n", style="bold red")

    def _show_item(self, sim: Simulation, ident: str, text: Text) -> None:
        state, style = item_state(sim, ident)
        text.append(item_label(sim, ident), style="bold")
        text.append("  ")
        text.append(state + "\n", style=style)
        radius = blast_radius(sim, ident)
        if not (radius.components or radius.channels or radius.contacts):
            text.append("nothing depends on it\n", style="dim")
            return
        text.append("if it fails, these go with it:\n", style="bold")
        if radius.components:
            text.append(f"  components: {', '.join(radius.components)}\n")
        if radius.channels:
            text.append(f"  channels: {', '.join(radius.channels)}\n")
        if radius.contacts:
            shown = ", ".join(f"{c} at {p}" for p, c in radius.contacts[:12])
            more = f" and {len(radius.contacts) - 12} more" if len(radius.contacts) > 12 else ""
            text.append(f"  contacts: {shown}{more}\n")
        if radius.tasks:
            names = [f"{sim.tasks[i].step.id}→{sim.tasks[i].recipient}" for i in radius.tasks[:12]]
            more = f" and {len(radius.tasks) - 12} more" if len(radius.tasks) > 12 else ""
            text.append(f"  tasks: {', '.join(names)}{more}\n")

    def _show_party(self, sim: Simulation, ident: str, text: Text) -> None:
        state, style = party_state(sim, ident)
        party = sim.plan.parties[ident]
        text.append(party_label(sim, ident), style="bold")
        text.append("  ")
        text.append(state + "\n", style=style)
        if party.org:
            text.append(f"{party.org}\n", style="dim")
        text.append(f"lines {party.lines}, hours {party.hours}")
        if party.deputies:
            text.append(f", deputies {', '.join(party.deputies)}")
        text.append("\n")
        text.append(f"reached on: {', '.join(c.channel for c in party.contacts) or 'nothing'}\n")
        sending = [t for t in sim.tasks if t.sender_plan == ident]
        receiving = [t for t in sim.tasks if t.recipient == ident]
        text.append(f"sends {len(sending)} tasks, receives {len(receiving)}\n", style="dim")
