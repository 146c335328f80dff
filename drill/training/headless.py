"""Run a walkthrough from an answers file, without a screen.

A grader (or a test) gets exactly what a trainee at the keyboard would get:
the answers drive the same :class:`~drill.training.session.Walkthrough`.  An
answer that does not fit the step it meets — a contact where a question is
asked, a choice that does not exist, a party the step does not go to, answers
left over or missing — is an input error naming the answer's line.
"""

from __future__ import annotations

from collections.abc import Sequence

from drill.engine.outcome import RunResult
from drill.i18n import _, ngettext
from drill.loading.answers import Answer
from drill.model.errors import Location, PlanError, Problem
from drill.model.scenario import Scenario
from drill.training.session import TrainingError, Walkthrough


def run_walkthrough(scenario: Scenario, answers: Sequence[Answer], *, answers_path: str = "<answers>",
                    plan_run: RunResult | None = None) -> Walkthrough:
    """Play ``answers`` through the scenario's walkthrough; return the finished walkthrough."""
    walk = Walkthrough(scenario, plan_run)
    queue = list(answers)
    position = 0
    while not walk.finished:
        record = walk.current
        assert record is not None
        if record.kind == "say":
            walk.proceed()
            continue
        if position >= len(queue):
            last = queue[-1].location if queue else None
            where = Location(answers_path, last.line + 1, 1) if last else Location(answers_path, 1, 1)
            needs = (_("a choice (- choice: N)") if record.kind == "ask"
                     else _("a contact (- contact: {{to: PARTY, via: CHANNEL}}) or - give_up: true").format())
            raise _error(where, _("the answers end before the walkthrough does: the step at {where} "
                                  "needs {needs}").format(where=record.step.location, needs=needs))
        answer = queue[position]
        position += 1
        try:
            _apply(walk, answer)
        except TrainingError as exc:
            raise _error(answer.location or Location(answers_path), exc.message) from None
    if position < len(queue):
        extra = queue[position]
        left = len(queue) - position
        raise _error(extra.location or Location(answers_path), ngettext(
            "the walkthrough is over; {n} answer is left over (from {first})",
            "the walkthrough is over; {n} answers are left over (from {first})", left).format(
                n=left, first=extra.describe()))
    return walk


def _apply(walk: Walkthrough, answer: Answer) -> None:
    record = walk.current
    assert record is not None
    if record.kind == "ask":
        if answer.kind != "choice":
            raise TrainingError(_("this answer is {answer}, but the walkthrough asks a question here "
                                  "({where}): answer with - choice: N").format(
                                      answer=answer.describe(), where=record.step.location))
        assert answer.choice is not None
        walk.choose(answer.choice, answer.location)
        return
    step = walk.act_step(record)
    if answer.kind == "choice":
        raise TrainingError(_("this answer is {answer}, but the walkthrough is at act step '{step}' "
                              "({where}): answer with - contact: {{to: PARTY, via: CHANNEL}} or - give_up: true"
                              ).format(answer=answer.describe(), step=step.id, where=record.step.location))
    if answer.kind == "give_up":
        walk.give_up()
        return
    assert answer.to is not None and answer.via is not None
    walk.attempt(answer.to, answer.via, answer.location)


def _error(where: Location, message: str) -> PlanError:
    return PlanError([Problem(where, message)])
