"""Panels of the trainee app: the clock, the narrative and the contact panel.

They are fed the :class:`~drill.training.Walkthrough` from above ("attributes
down") and post past-tense messages up; none of them changes the walkthrough
itself — the screen does, so that the rules stay in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, RichLog, Static
from textual.widgets.option_list import Option

from drill.i18n import _
from drill.i18n.formats import datetime_text, duration_text, listing
from drill.model.durations import format_clock
from drill.training import TraineeAttempt, Walkthrough


class TrainClock(Static):
    """Scenario title, walkthrough clock (T+hh:mm and local wall time) and progress."""

    def show(self, walk: Walkthrough, at: float | None = None) -> None:
        """Show the walkthrough's clock, or ``at`` (the end of a step whose feedback is on screen)."""
        now = walk.clock if at is None else at
        local = walk.sim.clock.local(now)
        text = Text()
        text.append(f" {walk.scenario.title} ", style="bold")
        text.append("  ")
        text.append(f" {format_clock(now)} ", style="bold reverse")
        text.append(f"  {datetime_text(local)}")
        record = walk.current
        position = record.index + 1 if record is not None else len(walk.steps)
        text.append("   " + _("step {n}/{total}").format(n=position, total=len(walk.steps)), style="dim")
        self.update(text)


class Narrative(RichLog):
    """The situation as it unfolds, the trainee's answers and the result of every call."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, min_width=20, **kwargs)  # type: ignore[arg-type]
        self.lines_text: list[str] = []
        """Every line written so far, as plain text (for tests)."""

    def say(self, text: str | Text, style: str = "") -> None:
        plain = text.plain if isinstance(text, Text) else text
        self.lines_text.append(plain)
        self.write(text if isinstance(text, Text) else Text(text, style=style))


class ContactPanel(Vertical):
    """Who to call and over what: recipients (and deputies), channels, the sender's means, the last result."""

    @dataclass
    class Attempted(Message):
        """The trainee picked a recipient and a channel and pressed Enter."""

        to: str
        via: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.walk: Walkthrough | None = None
        self.show_contacts = False
        """Show contact addresses (personal data); off unless the user asked."""
        self._parties: list[str] = []
        self._channels_for: str | None = None
        """The party whose channels are listed (its highlighted channel is kept across a refresh)."""

    def compose(self) -> ComposeResult:
        yield Static(id="act-title")
        with Vertical(id="act-lists"):
            yield OptionList(id="recipients")
            yield OptionList(id="channels")
        yield Static(id="sender-has")
        yield Static(id="result")

    def on_mount(self) -> None:
        self.query_one("#recipients", OptionList).border_title = _("Whom (1)")
        self.query_one("#channels", OptionList).border_title = _("Over what (2)  ★ = the plan's channels")

    def show(self, walk: Walkthrough, result: TraineeAttempt | None = None) -> None:
        """Rebuild the lists for the current act step; keep the highlighted recipient when it is still open."""
        self.walk = walk
        record = walk.current
        recipients = self.query_one("#recipients", OptionList)
        if record is None or record.kind != "act":
            return
        step = walk.act_step(record)
        outstanding = [t.recipient for t in record.tasks if not t.delivered]
        title = Text()
        title.append(_("Your call: '{step}'").format(step=step.id), style="bold")
        if step.label:
            title.append(f" — {walk.step_label(step)}")
        title.append("\n" + _("You act as {sender}. Still to reach: ").format(
            sender=walk.party_name(record.sender or "")))
        title.append(listing([walk.party_name(p) for p in outstanding], 4) or _("nobody"), style="bold")
        if step.within is not None:
            title.append("\n" + _("Deadline: {clock}").format(clock=format_clock(step.within)) + "  ·  ")
        else:
            title.append("\n")
        title.append(_("The plan says: {channels}").format(
            channels=" → ".join(walk.channel_name(c) for c in step.via)), style="dim")
        self.query_one("#act-title", Static).update(title)
        previous = None
        if recipients.highlighted is not None and recipients.highlighted < len(self._parties):
            previous = self._parties[recipients.highlighted]
        parties: list[str] = []
        prompts: list[Text] = []
        for option in walk.options():
            if option.party in parties:
                continue
            parties.append(option.party)
            line = Text(walk.party_name(option.party))
            if option.party != option.meant_for:
                line.append("  " + _("deputy of {party}").format(party=walk.party_name(option.meant_for)),
                            style="italic")
            prompts.append(line)
        self._parties = parties
        recipients.set_options([Option(p, id=f"party-{i}") for i, p in enumerate(prompts)])
        if parties:
            recipients.highlighted = parties.index(previous) if previous in parties else 0
        self._fill_channels()
        self._show_sender(walk, record.sender or "")
        self.show_result(walk, result)

    def _show_sender(self, walk: Walkthrough, sender: str) -> None:
        party = walk.plan.parties[sender]
        text = Text(_("{party} has: ").format(party=walk.party_name(sender)), style="bold")
        parts = []
        for contact in party.contacts:
            part = walk.channel_name(contact.channel)
            if self.show_contacts and contact.address:
                part += f" <{contact.address}>"
            parts.append(part)
        text.append(", ".join(parts) or _("no contacts at all"))
        self.query_one("#sender-has", Static).update(text)

    def show_result(self, walk: Walkthrough, attempt: TraineeAttempt | None) -> None:
        result = self.query_one("#result", Static)
        if attempt is None:
            hint = _(" · h: hint") if walk.current is not None and walk.current.step.hint else ""
            result.update(Text(_("Pick whom to contact, then the channel, and press Enter. "
                                 "g: give up this step") + hint, style="dim"))
            return
        mark = "✓ " if attempt.ok else "✗ "
        result.update(Text(mark + walk.describe_attempt(attempt), style="bold green" if attempt.ok else "bold red"))

    def highlighted_party(self) -> str | None:
        recipients = self.query_one("#recipients", OptionList)
        index = recipients.highlighted
        return self._parties[index] if index is not None and index < len(self._parties) else None

    def _fill_channels(self) -> None:
        channels = self.query_one("#channels", OptionList)
        party = self.highlighted_party()
        walk = self.walk
        if walk is None or party is None:
            channels.clear_options()
            return
        options = []
        for option in walk.options():
            if option.party != party:
                continue
            channel = walk.plan.channels[option.channel]
            line = Text()
            line.append("★ " if option.in_plan else "  ", style="yellow")
            line.append(walk.channel_name(option.channel), style="bold")
            line.append("  " + _("arrives in {latency} · a failure shows after {delay}").format(
                latency=duration_text(channel.latency), delay=duration_text(channel.failure_delay)), style="dim")
            if self.show_contacts:
                contact = walk.plan.parties[party].contact(option.channel)
                if contact is not None and contact.address:
                    line.append(f"  <{contact.address}>", style="cyan")
            options.append(Option(line, id=option.channel))
        previous = channels.highlighted if party == self._channels_for else None
        channels.set_options(options)
        self._channels_for = party
        if options:
            channels.highlighted = min(previous or 0, len(options) - 1)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "recipients":
            self._fill_channels()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "recipients":
            self.query_one("#channels", OptionList).focus()
            return
        party = self.highlighted_party()
        if party is not None and event.option.id:
            self.post_message(self.Attempted(party, event.option.id))
