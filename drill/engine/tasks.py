"""The units a simulation works with: a task (FORMAT.md rule 4) and its attempts."""

from __future__ import annotations

from dataclasses import dataclass, field

from drill.engine import causes
from drill.engine.causes import AttemptCause, CauseKind, ReasonKind, TaskCause
from drill.engine.timeline import INF
from drill.model.plan import Step
from drill.model.status import Status


@dataclass
class Attempt:
    """One try to reach one party over one channel."""

    to: str
    via: str
    start: float
    end: float
    ok: bool
    reason: str | None = None
    cause: str | None = None
    """Id of the component, channel or party that made it fail."""
    cause_kind: CauseKind | None = None
    """FORMAT.md 7.2: ``down``, ``not-staffed``, ``absent`` or ``horizon`` (None: ok)."""

    def record(self, failure: AttemptCause) -> None:
        """Keep why the attempt failed: the facts and, from them, the words."""
        self.ok = False
        self.cause, self.cause_kind = failure.cause, failure.kind
        self.reason = causes.attempt_reason(failure)


@dataclass
class Task:
    """One (step, sender, recipient) triple and what became of it."""

    index: int
    step: Step
    step_index: int
    sender_plan: str
    """The plan's sender (``from``)."""
    recipient: str
    recipient_index: int
    sender_index: int = 0
    """The place of ``sender_plan`` among the step's resolved senders (rule 6's sender order)."""
    sender: str | None = None
    """The party that actually made the attempts (``from`` or a deputy acting for it)."""
    status: Status = "blocked"
    by: str | None = None
    via: str | None = None
    at: float | None = None
    start: float | None = None
    attempts: list[Attempt] = field(default_factory=list)
    candidates: list[tuple[str, str]] = field(default_factory=list)
    reason: str | None = None
    reason_kind: ReasonKind | None = None
    """FORMAT.md 7.2: why a task without attempts failed or is blocked."""
    key: tuple[float, int, int, int] = (INF, 0, 0, 0)
    # progress
    next_candidate: int = 0
    ready_at: float = 0.0
    done: bool = False
    in_flight: bool = False
    announced: bool = False

    @property
    def within(self) -> float | None:
        return self.step.within

    def record(self, cause: TaskCause) -> None:
        """Keep why the task failed or is blocked: the kind and, from the facts, the words."""
        self.reason = causes.task_reason(cause)
        self.reason_kind = cause.reason_kind if not self.attempts else None
