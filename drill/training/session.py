"""A trainee's walk through a scenario, one step at a time (FORMAT.md section 5).

:class:`Walkthrough` is the one state machine behind both front ends: the
headless runner feeds it an answers file, the trainee TUI feeds it key
presses.  Keeping the rules here means a grader's file and a trainee at the
keyboard get the same clock, the same outcomes and the same score.

The clock starts at 0.  A step's ``at`` moves it forward (never back).  In an
``act`` step the trainee makes the step's contacts by hand, one attempt at a
time: an attempt starts at the current clock, works or fails by the engine's
own rule 3 at that moment (the scenario's injects, grace periods, absences
and calendars all apply, through :meth:`Simulation.attempt_outcome`), and the
clock moves to its outcome: the delivery, or the moment the sender learns it
failed.  The same step in the engine's full run of the scenario gives
``plan_at``, the time the plan itself would have achieved.

Who sends in an ``act`` step follows rule 6 in the trainee's own world: the
step's ``from`` party when the trainee has informed it (or it is the origin),
else a deputy the trainee reached on its behalf, else the ``from`` party.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drill.engine.outcome import RunResult, simulate
from drill.engine.simulation import Simulation
from drill.i18n import N_, _, pick_label
from drill.i18n.formats import duration_text
from drill.model.durations import format_clock
from drill.model.errors import DrillError, Location
from drill.model.plan import Plan, Step
from drill.model.scenario import Scenario, WalkthroughStep

#: Most steps one walkthrough may show (``goto:`` can loop; a loop must end).
MAX_STEPS = 10_000


class TrainingError(DrillError):
    """A trainee's answer does not fit the step it meets (exit code 2 headless)."""

    def __init__(self, message: str, location: Location | None = None):
        self.message = message
        self.location = location
        super().__init__(f"{location}: {message}" if location else message)


@dataclass
class TraineeAttempt:
    """One call, mail or fax the trainee made."""

    to: str
    via: str
    start: float
    end: float
    ok: bool
    reason: str | None
    cause: str | None
    """Id of the component, channel or party that made it fail."""
    meant_for: str
    """The recipient of the task the attempt belongs to (``to`` may be its deputy)."""
    in_plan: bool
    """Whether the channel is in the step's ``via``."""

    @property
    def cost(self) -> float:
        return self.end - self.start


@dataclass
class TraineeTask:
    """One recipient of an act step, as the trainee handled it."""

    recipient: str
    by: str | None = None
    at: float | None = None
    plan_at: float | None = None
    plan_by: str | None = None
    plan_status: str | None = None
    attempts: list[TraineeAttempt] = field(default_factory=list)

    @property
    def delivered(self) -> bool:
        return self.at is not None


@dataclass
class StepRecord:
    """What happened at one shown walkthrough step."""

    index: int
    """Position of the step in the scenario's walkthrough."""
    step: WalkthroughStep
    clock: float
    """The walkthrough clock when the step was shown."""
    answer: int | None = None
    correct: bool | None = None
    why: str | None = None
    sender: str | None = None
    tasks: list[TraineeTask] = field(default_factory=list)
    attempts: list[TraineeAttempt] = field(default_factory=list)
    gave_up: bool = False
    done: bool = False
    end: float | None = None

    @property
    def kind(self) -> str:
        return self.step.kind

    @property
    def at(self) -> float | None:
        """Act: when the last recipient got it, None unless every one did."""
        if not self.tasks or any(t.at is None for t in self.tasks):
            return None
        return max(t.at for t in self.tasks if t.at is not None)

    @property
    def plan_at(self) -> float | None:
        if not self.tasks or any(t.plan_at is None for t in self.tasks):
            return None
        return max(t.plan_at for t in self.tasks if t.plan_at is not None)


@dataclass(frozen=True)
class Option:
    """A (party, channel) the trainee may try in an act step."""

    party: str
    channel: str
    meant_for: str
    in_plan: bool


def default_walkthrough(scenario: Scenario) -> tuple[WalkthroughStep, ...]:
    """A scenario without a walkthrough: the title, then every step of the procedure."""
    procedure = scenario.plan.procedures[scenario.incident]
    steps = [WalkthroughStep(kind="say", at=0.0, text=scenario.title)]
    steps += [WalkthroughStep(kind="act", step=step.id) for step in procedure.steps]
    return tuple(steps)


class Walkthrough:
    """The state of one trainee's walkthrough of one scenario."""

    def __init__(self, scenario: Scenario, plan_run: RunResult | None = None):
        self.scenario = scenario
        self.plan: Plan = scenario.plan
        self.procedure = self.plan.procedures[scenario.incident]
        self.steps: tuple[WalkthroughStep, ...] = scenario.walkthrough or default_walkthrough(scenario)
        self.generated = not scenario.walkthrough
        """True when the scenario had no walkthrough and one act per step was made up."""
        self.sim = Simulation(scenario)
        """Used only for its rules: ``attempt_outcome``, ``candidates`` and ``timeline``."""
        self.plan_run = plan_run if plan_run is not None else simulate(scenario)
        self.clock = 0.0
        self.records: list[StepRecord] = []
        self.informed: dict[str, float] = {scenario.origin: 0.0}
        self.acting_for: dict[str, str] = {}
        self.answers: list[dict[str, object]] = []
        """Every answer given, in order, in the answers-file form (``{"choice": 2}``, ...)."""
        self._ids = {s.id: i for i, s in enumerate(self.steps) if s.id}
        self._position = 0
        self._enter(0)

    # -- moving through the steps --------------------------------------------------
    @property
    def finished(self) -> bool:
        return self._position >= len(self.steps)

    @property
    def current(self) -> StepRecord | None:
        """The step being shown, None when the walkthrough is over."""
        if self.finished or not self.records:
            return None
        return self.records[-1]

    def _enter(self, position: int) -> None:
        self._position = position
        if self.finished:
            return
        if len(self.records) >= MAX_STEPS:
            raise TrainingError(_("the walkthrough shows more than {limit} steps; a 'goto:' loop never ends")
                                .format(limit=MAX_STEPS), self.steps[position].location)
        step = self.steps[position]
        if step.at is not None and step.at > self.clock:
            self.clock = step.at
        record = StepRecord(index=position, step=step, clock=self.clock)
        self.records.append(record)
        if step.kind == "act":
            self._open_act(record)

    def _advance(self, target: str | None = None) -> None:
        record = self.records[-1]
        record.done = True
        record.end = self.clock
        target = target or self._jump(record)
        if target is not None and target in self._ids:
            self._enter(self._ids[target])
        else:
            self._enter(self._position + 1)

    def _jump(self, record: StepRecord) -> str | None:
        """Where a finished step leads: ``on_fail`` / ``on_late`` of an act, else its ``goto``."""
        step = record.step
        if step.kind == "act" and record.tasks:
            if record.at is None and step.on_fail:
                return step.on_fail
            within = self.act_step(record).within
            if record.at is not None and within is not None and record.at > within and step.on_late:
                return step.on_late
        return step.goto

    def proceed(self) -> None:
        """Leave a ``say`` step (or an answered ``ask`` in a front end that waits)."""
        record = self._expect("say")
        self._advance()
        del record

    def _expect(self, kind: str) -> StepRecord:
        record = self.current
        if record is None:
            raise TrainingError(_("the walkthrough is over"))
        if record.kind != kind:
            raise TrainingError(_("this step is {kind}, not {expected}").format(kind=_a(record.kind), expected=_a(kind)),
                                record.step.location)
        return record

    # -- ask --------------------------------------------------------------------------
    def choose(self, number: int, location: Location | None = None) -> StepRecord:
        """Answer the current question with the 1-based choice ``number``; move on."""
        record = self._expect("ask")
        choices = record.step.choices
        if not 1 <= number <= len(choices):
            raise TrainingError(_("choice {number} does not exist: the question '{question}' has choices 1 to "
                                  "{last}").format(number=number, question=_short(record.step.text),
                                                   last=len(choices)),
                                location or record.step.location)
        chosen = choices[number - 1]
        self.answers.append({"choice": number})
        record.answer = number
        scored = any(c.correct for c in choices)
        record.correct = chosen.correct if scored else None
        if scored and not chosen.correct:
            right = "; ".join(c.text for c in choices if c.correct)
            record.why = chosen.why or _("the right answer: {right}").format(right=right)
        self._advance(chosen.next)
        return record

    # -- act --------------------------------------------------------------------------
    def _act_principal(self, step: Step) -> str:
        """The sender the trainee plays: the origin when it is one of the step's senders, else the first."""
        senders = self.plan.senders_for(step, self.scenario.origin)
        origin = self.scenario.origin
        return origin if origin in senders or not senders else senders[0]

    def _open_act(self, record: StepRecord) -> None:
        step = self.act_step(record)
        principal = self._act_principal(step)
        record.sender = self._actor(principal)
        plan_tasks = {t.recipient: t for t in self.plan_run.tasks if t.step.id == step.id}
        for recipient in self.plan.expand(step.to, self.scenario.origin):
            if recipient == principal:
                continue
            task = TraineeTask(recipient=recipient)
            planned = plan_tasks.get(recipient)
            if planned is not None:
                task.plan_at, task.plan_by, task.plan_status = planned.at, planned.by, planned.status
            record.tasks.append(task)
        if not record.tasks:  # nobody to contact: nothing for the trainee to do
            self._advance()

    def act_step(self, record: StepRecord | None = None) -> Step:
        record = record or self._expect("act")
        for step in self.procedure.steps:
            if step.id == record.step.step:
                return step
        raise TrainingError(_("procedure '{procedure}' has no step '{step}'").format(
            procedure=self.procedure.id, step=record.step.step),
                            record.step.location)

    def _actor(self, principal: str) -> str:
        """Rule 6 in the trainee's world: the first of P and its deputies acting for it."""
        found = [(self.informed[principal], 0, principal)] if principal in self.informed else []
        for order, deputy in enumerate(self.plan.parties[principal].deputies, start=1):
            if self.acting_for.get(deputy) == principal and deputy in self.informed:
                found.append((self.informed[deputy], order, deputy))
        return min(found)[2] if found else principal

    def outstanding(self) -> list[TraineeTask]:
        record = self._expect("act")
        return [t for t in record.tasks if not t.delivered]

    def channel_order(self, step: Step) -> tuple[str, ...]:
        """The step's ``via`` first, then every other channel of the plan."""
        return tuple(step.via) + tuple(c for c in self.plan.channels if c not in step.via)

    def options(self) -> list[Option]:
        """Every (party, channel) the trainee may try now, for the outstanding recipients.

        The recipient and then its deputies, each over the step's ``via`` in
        order and then any other channel both ends have a contact for (allowed,
        but marked as off the plan).
        """
        record = self._expect("act")
        step = self.act_step(record)
        sender = record.sender or ""
        out: list[Option] = []
        seen: set[tuple[str, str]] = set()
        for task in self.outstanding():
            for party, channel in self.sim.candidates(sender, task.recipient, self.channel_order(step)):
                if (party, channel) not in seen:
                    seen.add((party, channel))
                    out.append(Option(party, channel, task.recipient, channel in step.via))
        return out

    def attempt(self, to: str, via: str, location: Location | None = None) -> TraineeAttempt:
        """Make one attempt now; the clock moves to its outcome."""
        record = self._expect("act")
        step = self.act_step(record)
        sender = record.sender or ""
        where = location or record.step.location
        tasks = self.outstanding()
        if to not in self.plan.parties:
            raise TrainingError(_("unknown party '{party}'").format(party=to), where)
        if via not in self.plan.channels:
            raise TrainingError(_("unknown channel '{channel}'").format(channel=via), where)
        task = next((t for t in tasks if t.recipient == to), None) or next(
            (t for t in tasks if to in self.plan.parties[t.recipient].deputies and to != sender), None)
        if task is None:
            wanted = ", ".join(t.recipient for t in tasks)
            raise TrainingError(_("step '{step}' does not go to {party} now: it still goes to {wanted} "
                                  "(or a deputy of one of them)").format(step=step.id, party=to, wanted=wanted),
                                where)
        if self.plan.parties[sender].contact(via) is None:
            raise TrainingError(_("{sender}, who sends '{step}', has no contact on {channel} (it has: {has})").format(
                sender=sender, step=step.id, channel=via,
                has=", ".join(c.channel for c in self.plan.parties[sender].contacts)), where)
        if self.plan.parties[to].contact(via) is None:
            raise TrainingError(_("{party} has no contact on {channel} (it has: {has})").format(
                party=to, channel=via, has=", ".join(c.channel for c in self.plan.parties[to].contacts)), where)
        channel = self.plan.channels[via]
        self.answers.append({"contact": {"to": to, "via": via}})
        start = self.clock
        reason, cause = self.sim.attempt_outcome(sender, to, via, start)
        ok = reason is None
        end = start + (channel.latency if ok else channel.failure_delay)
        attempt = TraineeAttempt(to=to, via=via, start=start, end=end, ok=ok, reason=reason, cause=cause,
                                 meant_for=task.recipient, in_plan=via in step.via)
        task.attempts.append(attempt)
        record.attempts.append(attempt)
        self.clock = end
        if ok:
            task.by, task.at = to, end
            self.informed.setdefault(to, end)
            if to != task.recipient:
                self.acting_for.setdefault(to, task.recipient)
            if not self.outstanding():
                self._advance()
        return attempt

    def give_up(self) -> StepRecord:
        """End the current act step with its outstanding recipients undelivered."""
        record = self._expect("act")
        self.answers.append({"give_up": True})
        record.gave_up = True
        self._advance()
        return record

    # -- words for people ----------------------------------------------------------------
    def party_name(self, party: str) -> str:
        return self._named(self.plan.parties.get(party), party)

    def channel_name(self, channel: str) -> str:
        return self._named(self.plan.channels.get(channel), channel)

    def step_label(self, step: Step) -> str:
        return pick_label(step.label, getattr(step, "label_en", None), step.id)

    @staticmethod
    def _named(thing: object, ident: str) -> str:
        """``label (id)`` in the current language (``label_en`` where the plan has one), or the id."""
        if thing is None:
            return ident
        label = pick_label(getattr(thing, "label", None), getattr(thing, "label_en", None), ident)
        return ident if label == ident else f"{label} ({ident})"

    def thing_name(self, ident: str) -> str:
        """A component, channel or party with its label."""
        for table in (self.plan.components, self.plan.channels, self.plan.parties):
            if ident in table:
                return self._named(table[ident], ident)  # type: ignore[index]
        return ident

    def describe_attempt(self, attempt: TraineeAttempt) -> str:
        """One sentence a trainee reads after a try."""
        route = f"{self.channel_name(attempt.via)} → {self.party_name(attempt.to)}"
        if attempt.ok:
            text = _("{route}: got through at {clock} (took {took}).").format(
                route=route, clock=format_clock(attempt.end), took=duration_text(attempt.cost))
        else:
            text = _("{route}: did NOT get through — you learn it at {clock}, {lost} lost. Why: {reason}").format(
                route=route, clock=format_clock(attempt.end), lost=duration_text(attempt.cost),
                reason=attempt.reason)
            if attempt.cause and attempt.cause not in (attempt.to,):
                named = self.thing_name(attempt.cause)
                if named != attempt.cause:
                    text += f" [{named}]"
        if not attempt.in_plan:
            text += " " + _("(not a channel the plan lists for this step)")
        return text


def tidy(text: str | None) -> str:
    """Text as a trainee should read it: one line, and no space YAML folding put between two CJK characters."""
    words = (text or "").split()
    out = ""
    for word in words:
        if out and not (_wide(out[-1]) and _wide(word[0])):
            out += " "
        out += word
    return out


def _wide(char: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(char) in ("W", "F")


_KINDS = {"ask": N_("a question (ask)"), "act": N_("an act step"), "say": N_("a narrative (say)")}


def _a(kind: str) -> str:
    return _(_KINDS[kind]) if kind in _KINDS else kind


def _short(text: str | None, limit: int = 40) -> str:
    text = tidy(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
