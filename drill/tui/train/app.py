"""The trainee app (``drill train SCENARIO``): a walkthrough on screen, then the debrief.

One factory, :func:`make_train_app`, is used by the CLI and by the tests.  The
screen drives the same :class:`~drill.training.Walkthrough` as the headless
runner, so what a trainee sees is what a grader's answers file would give.

Keys: Enter continues (or picks), 1–9 answer a question, Tab moves between the
recipient and channel lists, g gives up an act step, h shows the step's hint,
q quits.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from drill.engine.outcome import RunResult
from drill.model.durations import format_duration
from drill.model.scenario import Scenario
from drill.training import TraineeAttempt, TrainingError, Walkthrough, render_debrief
from drill.training.session import tidy
from drill.tui.crash import NoLocalsOnCrash
from drill.tui.train.widgets import ContactPanel, Narrative, TrainClock


class WalkthroughScreen(Screen[None]):
    """The narrative on the left; the question or the contact panel on the right."""

    BINDINGS = [
        Binding("enter", "continue", "Continue", show=True),
        Binding("g", "give_up", "Give up step"),
        Binding("h", "hint", "Hint"),
        Binding("q", "app.quit", "Quit"),
        *[Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)],
    ]

    def __init__(self, walk: Walkthrough, show_contacts: bool = False) -> None:
        super().__init__()
        self.walk = walk
        self.show_contacts = show_contacts
        self.waiting = False
        """True while feedback is shown and the trainee has to press Enter to go on."""
        self._announced = -1
        self._attempts_shown = 0

    def compose(self) -> ComposeResult:
        yield TrainClock(id="clock")
        with Horizontal(id="main"):
            yield Narrative(id="narrative")
            with Vertical(id="side"):
                yield Static(id="prompt")
                yield OptionList(id="choices")
                yield ContactPanel(id="contact")
                yield Static(id="feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#narrative", Narrative).border_title = "Situation"
        self.query_one(ContactPanel).show_contacts = self.show_contacts
        if self.walk.generated:
            self.query_one(Narrative).say("(This scenario has no walkthrough: you make every call of the "
                                          "procedure yourself.)", "dim")
        self.refresh_step()

    # -- showing ------------------------------------------------------------------
    def refresh_step(self, result: TraineeAttempt | None = None) -> None:
        walk = self.walk
        self.query_one(TrainClock).show(walk)
        self.refresh_bindings()
        record = walk.current
        prompt = self.query_one("#prompt", Static)
        choices = self.query_one("#choices", OptionList)
        contact = self.query_one(ContactPanel)
        feedback = self.query_one("#feedback", Static)
        if record is None:
            self.app.push_screen(DebriefScreen(walk))
            return
        narrative = self.query_one(Narrative)
        fresh = len(walk.records) - 1 != self._announced
        if fresh:
            self._announced = len(walk.records) - 1
            self._attempts_shown = 0
        choices.display = record.kind == "ask"
        contact.display = record.kind == "act"
        for part in ("#act-lists", "#act-title", "#sender-has"):
            self.query_one(part).display = True
        feedback.update("")
        if record.kind == "say":
            if fresh:
                narrative.say(Text(f"[{format_duration(record.clock)}] ", style="dim")
                              + Text(tidy(record.step.text)))
            prompt.update(Text("Press Enter to continue.", style="dim"))
            self.set_focus(None)
        elif record.kind == "ask":
            text = tidy(record.step.text)
            if fresh:
                narrative.say(Text(f"[{format_duration(record.clock)}] Q: {text}", style="bold"))
            prompt.update(Text.assemble(Text("Question\n", style="bold underline"), Text(text, style="bold"),
                                        Text("\n\nPick with ↑↓ and Enter, or press its number.", style="dim")))
            choices.set_options([Option(Text(f"{i}. {c.text}"), id=f"choice-{i}")
                                 for i, c in enumerate(record.step.choices, start=1)])
            choices.highlighted = 0
            choices.focus()
        else:
            step = walk.act_step(record)
            if fresh:
                narrative.say(Text(f"[{format_duration(record.clock)}] Your call: '{step.id}' — "
                                   f"{record.sender} must reach "
                                   + ", ".join(t.recipient for t in record.tasks), style="bold"))
            prompt.update("")
            contact.show(walk, result)
            if walk.options():
                self.query_one("#recipients", OptionList).focus()
            else:
                feedback.update(Text("Nobody left that you can reach from here: press g to give up this step.",
                                     style="bold yellow"))

    def _log_attempt(self, attempt: TraineeAttempt) -> None:
        style = "green" if attempt.ok else "red"
        self.query_one(Narrative).say(Text(f"[{format_duration(attempt.start)}] "
                                           + ("✓ " if attempt.ok else "✗ ")
                                           + self.walk.describe_attempt(attempt), style=style))

    def _pause(self, message: Text, at: float) -> None:
        """Show feedback and wait for Enter before the next step (the clock shows ``at`` meanwhile)."""
        self.waiting = True
        self.refresh_bindings()
        self.query_one("#choices", OptionList).display = False
        for part in ("#act-lists", "#act-title", "#sender-has"):
            self.query_one(part).display = False
        self.query_one("#feedback", Static).update(message + Text("\n\nPress Enter to continue.", style="dim"))
        self.query_one(TrainClock).show(self.walk, at)
        self.set_focus(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that make sense now (the footer follows)."""
        record = self.walk.current
        if action in ("give_up", "hint"):
            if self.waiting or record is None:
                return False
            return record.kind == "act" if action == "give_up" else bool(record.step.hint)
        if action == "continue":
            return self.waiting or record is None or record.kind == "say"
        return True

    # -- acting -------------------------------------------------------------------------
    def action_continue(self) -> None:
        if self.waiting:
            self.waiting = False
            self.refresh_bindings()
            self.query_one(ContactPanel).display = False
            self.refresh_step()
            return
        record = self.walk.current
        if record is not None and record.kind == "say":
            self.walk.proceed()
            self.refresh_step()
        elif record is None:
            self.refresh_step()

    def action_choose(self, number: int) -> None:
        record = self.walk.current
        if self.waiting or record is None or record.kind != "ask" or number > len(record.step.choices):
            return
        self._answer(number)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "choices" and not self.waiting:
            event.stop()
            self._answer(event.option_index + 1)

    def _answer(self, number: int) -> None:
        record = self.walk.choose(number)
        chosen = record.step.choices[number - 1]
        narrative = self.query_one(Narrative)
        narrative.say(f"   your answer: {number}. {chosen.text}")
        if record.correct is False:
            message = Text("✗ Not the best answer.\n", style="bold red") + Text(record.why or "")
            right = [c for c in record.step.choices if c.correct]
            if right and right[0].why and record.why != right[0].why:
                message += Text(f"\nBetter: {right[0].text} — {right[0].why}")
            narrative.say(Text(f"   ✗ {record.why}", style="red"))
        else:
            head = "✓ Right.\n" if record.correct else "Noted.\n"
            message = Text(head, style="bold green") + Text(chosen.why or "")
            narrative.say(Text(f"   ✓ {chosen.why or 'right'}", style="green"))
        self.query_one("#prompt", Static).update(Text.assemble(Text("Question\n", style="bold underline"),
                                                               Text(tidy(record.step.text), style="bold")))
        self._pause(message, record.clock)

    def on_contact_panel_attempted(self, message: ContactPanel.Attempted) -> None:
        record = self.walk.current
        if self.waiting or record is None or record.kind != "act":
            return
        try:
            attempt = self.walk.attempt(message.to, message.via)
        except TrainingError as exc:  # the panel only offers valid options; be safe anyway
            self.notify(exc.message, severity="error", markup=False)
            return
        self._log_attempt(attempt)
        if self.walk.current is not record:
            self.query_one(ContactPanel).show_result(self.walk, attempt)
            at = record.at
            plan = record.plan_at
            text = Text(f"Step '{record.step.step}' done: everyone reached by {format_duration(at or 0)}.",
                        style="bold green")
            text += Text(f"\nThe plan's own run: {format_duration(plan)}." if plan is not None
                         else "\nThe plan's own run does not get it through.")
            self._pause(text, attempt.end)
        else:
            self.refresh_step(attempt)

    def action_give_up(self) -> None:
        record = self.walk.current
        if self.waiting or record is None or record.kind != "act":
            return
        self.walk.give_up()
        self.query_one(Narrative).say(Text(f"[{format_duration(self.walk.clock)}] You gave up "
                                           f"'{record.step.step}'.", style="bold yellow"))
        self._pause(Text(f"You gave up '{record.step.step}'; it stays undelivered.", style="bold yellow"),
                    record.end if record.end is not None else self.walk.clock)

    def action_hint(self) -> None:
        record = self.walk.current
        if record is None:
            return
        hint = record.step.hint or "No hint for this step."
        self.query_one(Narrative).say(Text(f"   hint: {hint}", style="italic yellow"))


class DebriefScreen(Screen[None]):
    """The end: score, the trainee's timeline beside the plan's, and the lessons."""

    BINDINGS = [Binding("q", "app.quit", "Quit"), Binding("escape", "app.quit", "Quit", show=False)]

    def __init__(self, walk: Walkthrough) -> None:
        super().__init__()
        self.walk = walk

    def compose(self) -> ComposeResult:
        yield Static(Text(f" Debrief — {self.walk.scenario.title} ", style="bold reverse"), id="debrief-title")
        with VerticalScroll(id="debrief-body"):
            yield Static(id="debrief")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#debrief", Static).update(render_debrief(self.walk, max(60, self.app.size.width - 4)))


class TrainApp(NoLocalsOnCrash, App[None]):
    """A trainee's walkthrough of one scenario."""

    CSS_PATH = str(Path(__file__).with_name("train.tcss"))
    TITLE = "drill train"

    def __init__(self, walk: Walkthrough, show_contacts: bool = False) -> None:
        super().__init__()
        self.walk = walk
        """The walkthrough being played; tests read its records."""
        self.show_contacts = show_contacts

    def on_mount(self) -> None:
        self.push_screen(WalkthroughScreen(self.walk, self.show_contacts))


def make_train_app(scenario: Scenario, *, show_contacts: bool = False, plan_run: RunResult | None = None) -> TrainApp:
    """The trainee app for ``scenario`` (used by ``drill train`` and by the tests)."""
    return TrainApp(Walkthrough(scenario, plan_run), show_contacts=show_contacts)
