"""The trainee app (``drill train SCENARIO``): a walkthrough on screen, then the debrief.

One factory, :func:`make_train_app`, is used by the CLI and by the tests.  The
screen drives the same :class:`~drill.training.Walkthrough` as the headless
runner, so what a trainee sees is what a grader's answers file would give.

Keys: Enter continues (or picks), 1–9 answer a question, Tab moves between the
recipient and channel lists, g gives up an act step, h shows the step's hint,
q quits.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from drill.engine.outcome import RunResult
from drill.i18n import N_, _
from drill.i18n.formats import listing
from drill.model.durations import format_clock
from drill.model.scenario import Scenario
from drill.training import TraineeAttempt, TrainingError, Walkthrough, render_debrief
from drill.training.session import tidy
from drill.tui.crash import NoLocalsOnCrash
from drill.tui.keys import open_command_palette, translate_bindings, translated_commands
from drill.tui.train.widgets import ContactPanel, Narrative, TrainClock

#: Where the app writes a result: (path, inputs it must not overwrite).
SaveTarget = tuple[str, tuple[str, ...]]


class WalkthroughScreen(Screen[None]):
    """The narrative on the left; the question or the contact panel on the right."""

    BINDINGS = [
        Binding("enter", "continue", N_("Continue"), show=True),
        Binding("g", "give_up", N_("Give up step")),
        Binding("h", "hint", N_("Hint")),
        Binding("q", "app.quit", N_("Quit")),
        *[Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)],
    ]

    def __init__(self, walk: Walkthrough, show_contacts: bool = False) -> None:
        super().__init__()
        translate_bindings(self)
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
        self.query_one("#narrative", Narrative).border_title = _("Situation")
        self.query_one(ContactPanel).show_contacts = self.show_contacts
        if self.walk.generated:
            self.query_one(Narrative).say(_("(This scenario has no walkthrough: you make every call of the "
                                            "procedure yourself.)"), "dim")
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
            app = self.app
            target = app.save_target if isinstance(app, TrainApp) else None
            app.push_screen(DebriefScreen(walk, target, app.trainee if isinstance(app, TrainApp) else None))
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
                narrative.say(Text(f"{format_clock(record.clock)}  ", style="dim")
                              + Text(tidy(record.step.text)))
            prompt.update(Text(_("Press Enter to continue."), style="dim"))
            self.set_focus(None)
        elif record.kind == "ask":
            text = tidy(record.step.text)
            if fresh:
                narrative.say(Text(_("{clock}  Q: {text}").format(clock=format_clock(record.clock), text=text),
                                   style="bold"))
            prompt.update(Text.assemble(Text(_("Question") + "\n", style="bold underline"), Text(text, style="bold"),
                                        Text("\n\n" + _("Pick with ↑↓ and Enter, or press its number."),
                                             style="dim")))
            choices.set_options([Option(Text(_("{number}. {text}").format(number=i, text=c.text)), id=f"choice-{i}")
                                 for i, c in enumerate(record.step.choices, start=1)])
            choices.highlighted = 0
            choices.focus()
        else:
            step = walk.act_step(record)
            if fresh:
                narrative.say(Text(_("{clock}  Your call: '{step}' — {sender} must reach {recipients}").format(
                    clock=format_clock(record.clock), step=step.id, sender=walk.party_name(record.sender or ""),
                    recipients=listing([walk.party_name(t.recipient) for t in record.tasks], 5)), style="bold"))
            prompt.update("")
            contact.show(walk, result)
            if walk.options():
                # after a failed call the trainee usually tries another channel: stay on the channel list
                failed = result is not None and not result.ok
                self.query_one("#channels" if failed else "#recipients", OptionList).focus()
            else:
                feedback.update(Text(_("Nobody left that you can reach from here: press g to give up this step."),
                                     style="bold yellow"))

    def _log_attempt(self, attempt: TraineeAttempt) -> None:
        style = "green" if attempt.ok else "red"
        self.query_one(Narrative).say(Text(f"{format_clock(attempt.start)}  "
                                           + ("✓ " if attempt.ok else "✗ ")
                                           + self.walk.describe_attempt(attempt), style=style))

    def _pause(self, message: Text, at: float) -> None:
        """Show feedback and wait for Enter before the next step (the clock shows ``at`` meanwhile)."""
        self.waiting = True
        self.refresh_bindings()
        self.query_one("#choices", OptionList).display = False
        for part in ("#act-lists", "#act-title", "#sender-has"):
            self.query_one(part).display = False
        self.query_one("#feedback", Static).update(message + Text("\n\n" + _("Press Enter to continue."),
                                                                  style="dim"))
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
        narrative.say("   " + _("your answer: {number}. {text}").format(number=number, text=chosen.text))
        if record.correct is False:
            message = Text(_("✗ Not the best answer.") + "\n", style="bold red") + Text(chosen.why or "")
            for right in [c for c in record.step.choices if c.correct]:
                message += Text("\n" + _("The right answer: {text}").format(text=right.text), style="bold")
                if right.why:
                    message += Text(f" — {right.why}")
            narrative.say(Text(f"   ✗ {record.why}", style="red"))
        else:
            head = _("✓ Right.") if record.correct else _("Noted.")
            message = Text(head + "\n", style="bold green") + Text(chosen.why or "")
            narrative.say(Text(f"   ✓ {chosen.why or _('right')}", style="green"))
        self.query_one("#prompt", Static).update(Text.assemble(Text(_("Question") + "\n", style="bold underline"),
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
            text = Text(_("Step '{step}' done: everyone reached at {clock}.").format(
                step=record.step.step, clock=format_clock(at or 0)), style="bold green")
            text += Text("\n" + (_("The plan's own run: {clock}.").format(clock=format_clock(plan))
                                 if plan is not None else _("The plan's own run does not get it through.")))
            self._pause(text, attempt.end)
        else:
            self.refresh_step(attempt)

    def action_give_up(self) -> None:
        record = self.walk.current
        if self.waiting or record is None or record.kind != "act":
            return
        self.walk.give_up()
        self.query_one(Narrative).say(Text(_("{clock}  You gave up '{step}'.").format(
            clock=format_clock(self.walk.clock), step=record.step.step), style="bold yellow"))
        self._pause(Text(_("You gave up '{step}'; it stays undelivered.").format(step=record.step.step),
                         style="bold yellow"),
                    record.end if record.end is not None else self.walk.clock)

    def action_hint(self) -> None:
        record = self.walk.current
        if record is None:
            return
        hint = tidy(record.step.hint) or _("No hint for this step.")
        self.query_one(Narrative).say(Text("   " + _("hint: {hint}").format(hint=hint), style="italic yellow"))


class DebriefScreen(Screen[None]):
    """The end: score, the trainee's timeline beside the plan's, and the lessons; save and retry."""

    BINDINGS = [Binding("s", "save", N_("Save result")), Binding("r", "retry", N_("Retry")),
                Binding("q", "app.quit", N_("Quit")), Binding("escape", "app.quit", N_("Quit"), show=False)]

    def __init__(self, walk: Walkthrough, target: SaveTarget | None = None, trainee: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.walk = walk
        self.target = target
        self.trainee = trainee
        self.saved: str | None = None
        """The file the result was last written to (tests read it)."""

    def compose(self) -> ComposeResult:
        title = _("Debrief — {title}").format(title=self.walk.scenario.title)
        yield Static(Text(f" {title} ", style="bold reverse"), id="debrief-title")
        with VerticalScroll(id="debrief-body"):
            yield Static(id="debrief")
        yield Static(id="save-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#debrief", Static).update(render_debrief(self.walk, max(60, self.app.size.width - 4)))
        if self.target is not None and self.trainee:
            self._write(self.target[0])
        else:
            self._status(Text(_("s: save the result · r: try again · q: quit"), style="dim"))

    def _status(self, text: Text) -> None:
        self.query_one("#save-status", Static).update(text)

    def _write(self, path: str) -> None:
        from drill.loading.writing import write_atomic
        from drill.model.errors import DrillError
        from drill.training import render_walkthrough_json

        inputs = self.target[1] if self.target else ()
        try:
            write_atomic(path, render_walkthrough_json(self.walk, self.trainee or ""), inputs=inputs)
        except DrillError as error:
            self._status(Text(str(error), style="bold red"))
            return
        self.saved = path
        self._status(Text(_("Result of {trainee} saved to {path}. r: try again · q: quit").format(
            trainee=self.trainee, path=path), style="bold green"))

    def action_save(self) -> None:
        from drill.tui.train.save import SaveDialog

        default = self.target[0] if self.target else f"{self.walk.scenario.id}-{self.trainee or 'trainee'}.json"

        def done(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.trainee, path = answer
                self._write(path)

        self.app.push_screen(SaveDialog(self.trainee or "", default), done)

    def action_retry(self) -> None:
        app = self.app
        if isinstance(app, TrainApp):
            app.retry()


class TrainApp(NoLocalsOnCrash, App[None]):
    """A trainee's walkthrough of one scenario."""

    CSS_PATH = str(Path(__file__).with_name("train.tcss"))
    TITLE = "drill train"

    def __init__(self, walk: Walkthrough, show_contacts: bool = False, trainee: str | None = None,
                 save_target: SaveTarget | None = None) -> None:
        super().__init__()
        self.walk = walk
        """The walkthrough being played; tests read its records."""
        self.show_contacts = show_contacts
        self.trainee = trainee
        """The trainee's name (``--trainee``); the save dialog asks when it is missing."""
        self.save_target = save_target
        """``--out`` and the inputs it must not overwrite: the result is written there at the debrief."""

    def on_mount(self) -> None:
        translate_bindings(self)
        self.push_screen(WalkthroughScreen(self.walk, self.show_contacts))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands in the trainee's language."""
        return translated_commands(super().get_system_commands(screen))

    def action_command_palette(self) -> None:
        open_command_palette(self)  # type: ignore[arg-type]

    def retry(self) -> None:
        """Start the same scenario again from the first step (the plan's run is reused)."""
        self.walk = Walkthrough(self.walk.scenario, self.walk.plan_run)
        for _screen in range(len(self.screen_stack) - 1):
            self.pop_screen()
        self.push_screen(WalkthroughScreen(self.walk, self.show_contacts))


def make_train_app(scenario: Scenario, *, show_contacts: bool = False, plan_run: RunResult | None = None,
                   trainee: str | None = None, out: str | None = None, inputs: tuple[str, ...] = ()) -> TrainApp:
    """The trainee app for ``scenario`` (used by ``drill train`` and by the tests)."""
    return TrainApp(Walkthrough(scenario, plan_run), show_contacts=show_contacts, trainee=trainee,
                    save_target=(out, inputs) if out is not None else None)
