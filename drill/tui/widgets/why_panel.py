"""The why-panel: for a task, its attempts and the chains that made them fail;
for a component, everything that depends on it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from drill.engine import Simulation
from drill.i18n import _, ngettext
from drill.i18n.formats import listing
from drill.i18n.words import status_word
from drill.model.durations import format_clock
from drill.model.plan import display_label
from drill.tui.describe import (
    STATUS_STYLE,
    blast_radius,
    failure_chain,
    item_label,
    item_state,
    live_status,
    live_word,
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
            text.append(_("Select a task or a component to see why."), style="dim")
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
        text.append(live_word(status), style=STATUS_STYLE.get(status, ""))
        if task.within is not None:
            text.append("   " + _("deadline {clock}").format(clock=format_clock(task.within)), style="dim")
        text.append("\n")
        if task.sender and task.sender != task.sender_plan:
            text.append(_("sent by {sender}, acting for {other}").format(sender=task.sender, other=task.sender_plan)
                        + "\n", style="dim")
        if not task.attempts:
            text.append(task.reason or (_("not started yet") if task.sender is None else _("no attempt yet")),
                        style="dim")
            text.append("\n")
        for attempt in task.attempts:
            ok = attempt.ok
            pending = task.in_flight and attempt is task.attempts[-1]
            mark, style = ("…", "cyan") if pending else (("✓", "green") if ok else ("✗", "red"))
            text.append(f"{mark} ", style=style)
            text.append(_("{clock} → {to} via {via}").format(clock=format_clock(attempt.start), to=attempt.to,
                                                             via=attempt.via))
            if pending:
                text.append("  " + _("in progress") + "\n", style="dim")
                continue
            text.append(f"   {status_word('delivered' if ok else 'failed')} {format_clock(attempt.end)}\n", style=style)
            if not ok:
                chain = failure_chain(sim, task, attempt)
                text.append("    " + " → ".join(chain) + "\n", style="red")
        if task.done and task.status == "failed" and task.reason:
            text.append(_("task failed: {reason}").format(reason=task.reason) + "\n", style="bold red")

    def _show_item(self, sim: Simulation, ident: str, text: Text) -> None:
        state, style = item_state(sim, ident)
        text.append(item_label(sim, ident), style="bold")
        text.append("  ")
        text.append(state + "\n", style=style)
        radius = blast_radius(sim, ident)
        if not (radius.components or radius.channels or radius.contacts):
            text.append(_("nothing depends on it") + "\n", style="dim")
            return
        text.append(_("if it fails, these go with it:") + "\n", style="bold")
        if radius.components:
            text.append("  " + _("components: {items}").format(items=_(", ").join(radius.components)) + "\n")
        if radius.channels:
            text.append("  " + _("channels: {items}").format(items=_(", ").join(radius.channels)) + "\n")
        if radius.contacts:
            shown = listing([_("{channel} at {party}").format(channel=c, party=p) for p, c in radius.contacts], 12)
            text.append("  " + _("contacts: {items}").format(items=shown) + "\n")
        if radius.tasks:
            names = listing([f"{sim.tasks[i].step.id}→{sim.tasks[i].recipient}" for i in radius.tasks], 12)
            text.append("  " + _("tasks: {items}").format(items=names) + "\n")

    def _show_party(self, sim: Simulation, ident: str, text: Text) -> None:
        state, style = party_state(sim, ident)
        party = sim.plan.parties[ident]
        text.append(party_label(sim, ident), style="bold")
        text.append("  ")
        text.append(state + "\n", style=style)
        if party.org:
            text.append(f"{party.org}\n", style="dim")
        hours = sim.plan.calendars.get(party.hours)
        text.append(_("lines {lines}, hours {hours}").format(
            lines=party.lines, hours=display_label(hours) if hours is not None else party.hours))
        if party.deputies:
            text.append(_(", deputies {parties}").format(parties=_(", ").join(party.deputies)))
        text.append("\n")
        reached = _(", ").join(c.channel for c in party.contacts) or _("nothing")
        text.append(_("reached on: {channels}").format(channels=reached) + "\n")
        sending = sum(1 for t in sim.tasks if t.sender_plan == ident)
        receiving = sum(1 for t in sim.tasks if t.recipient == ident)
        text.append(_("sends {sends}, receives {receives}").format(
            sends=ngettext("{n} task", "{n} tasks", sending).format(n=sending), receives=receiving) + "\n", style="dim")
