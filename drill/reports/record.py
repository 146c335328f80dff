"""The run record: the one piece of code that knows the shape of a run's JSON.

``drill run --format json`` writes a :class:`RunRecord` (FORMAT.md section 4
plus the additions listed in :mod:`drill.reports.run_json`); ``drill report``
reads one back from that JSON, or from a journal, and the control room's
export takes one from the drill in progress.  :func:`load_run` is the one
library function that turns a path (JSON or journal) into a record, its plan
and the files it came from; :meth:`RunRecord.from_result` turns a finished
simulation into one.  Renderers read the typed fields, never dicts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from drill.engine.outcome import RunResult, run_ok
from drill.engine.simulation import Simulation, Task
from drill.i18n import _
from drill.model.errors import DrillError
from drill.model.plan import Plan
from drill.model.scenario import Inject

if TYPE_CHECKING:
    from drill.engine.journal import LiveDrill


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt of a task, as the run JSON has it."""

    to: str
    via: str
    start: float
    end: float
    ok: bool
    reason: str | None = None
    cause: str | None = None
    cause_kind: str | None = None
    """FORMAT.md 7.2: ``down``, ``not-staffed``, ``absent``, ``horizon``; None when ok."""

    def to_dict(self) -> dict[str, Any]:
        return {"to": self.to, "via": self.via, "start": float(self.start), "end": float(self.end),
                "ok": self.ok, "reason": self.reason, "cause": self.cause, "cause_kind": self.cause_kind}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AttemptRecord:
        return cls(to=str(data.get("to")), via=str(data.get("via")), start=float(data.get("start") or 0.0),
                   end=float(data.get("end") or 0.0), ok=bool(data.get("ok")), reason=_text(data.get("reason")),
                   cause=_text(data.get("cause")), cause_kind=_text(data.get("cause_kind")))


@dataclass(frozen=True)
class TaskRecord:
    """One (step, sender, recipient) task and its outcome."""

    step: str
    sender_plan: str
    """The plan's sender (``from`` in the JSON)."""
    to: str
    sender: str | None
    status: str
    by: str | None = None
    via: str | None = None
    at: float | None = None
    within: float | None = None
    start: float | None = None
    reason: str | None = None
    reason_kind: str | None = None
    attempts: tuple[AttemptRecord, ...] = ()

    @property
    def actor(self) -> str:
        """The party that made the attempts (the sender, else the plan's sender)."""
        return self.sender or self.sender_plan

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "from": self.sender_plan, "to": self.to, "sender": self.sender,
                "status": self.status, "by": self.by, "via": self.via, "at": _num(self.at),
                "within": _num(self.within), "start": _num(self.start), "reason": self.reason,
                "reason_kind": self.reason_kind, "attempts": [a.to_dict() for a in self.attempts]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TaskRecord:
        return cls(step=str(data.get("step")), sender_plan=str(data.get("from")), to=str(data.get("to")),
                   sender=_text(data.get("sender")), status=str(data.get("status")), by=_text(data.get("by")),
                   via=_text(data.get("via")), at=_num(data.get("at")), within=_num(data.get("within")),
                   start=_num(data.get("start")), reason=_text(data.get("reason")),
                   reason_kind=_text(data.get("reason_kind")),
                   attempts=tuple(AttemptRecord.from_dict(a) for a in data.get("attempts") or []
                                  if isinstance(a, dict)))

    @classmethod
    def from_task(cls, task: Task) -> TaskRecord:
        return cls(step=task.step.id, sender_plan=task.sender_plan, to=task.recipient, sender=task.sender,
                   status=task.status, by=task.by, via=task.via, at=_num(task.at), within=_num(task.step.within),
                   start=_num(task.start), reason=task.reason, reason_kind=task.reason_kind,
                   attempts=tuple(AttemptRecord(a.to, a.via, float(a.start), float(a.end), a.ok, a.reason,
                                                a.cause, a.cause_kind) for a in task.attempts))


@dataclass(frozen=True)
class ObservationRecord:
    """An organiser's note, stamped with the drill time (FORMAT.md 7.6)."""

    at: float
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"at": float(self.at), "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ObservationRecord:
        return cls(at=float(data.get("at") or 0.0), text=str(data.get("text") or ""))


@dataclass(frozen=True)
class ExpectationRecord:
    expect: dict[str, Any]
    """The objective as the scenario file wrote it."""
    ok: bool
    detail: str = ""


def inject_to_dict(inject: Inject) -> dict[str, Any]:
    out: dict[str, Any] = {"at": float(inject.at)}
    for key in ("fail", "restore", "absent", "back"):
        if getattr(inject, key):
            out[key] = list(getattr(inject, key))
    if inject.note:
        out["note"] = inject.note
    return out


@dataclass(frozen=True)
class RunRecord:
    """A run as ``drill run --format json`` writes it."""

    scenario: str
    plan: str
    summary: dict[str, int]
    tasks: tuple[TaskRecord, ...]
    informed: dict[str, float | None]
    expectations: tuple[ExpectationRecord, ...] = ()
    title: str | None = None
    incident: str | None = None
    origin: str | None = None
    start: str | None = None
    timezone: str | None = None
    horizon: float | None = None
    end: float = 0.0
    injects: tuple[dict[str, Any], ...] = ()
    files: dict[str, str | None] = field(default_factory=dict)
    observations: tuple[ObservationRecord, ...] = ()
    """The organiser's notes, from a journal or a control room's record (absent from ``drill run``)."""

    @property
    def ok(self) -> bool:
        """Every objective met and every task delivered in time (:func:`run_ok`)."""
        return run_ok([e.ok for e in self.expectations], [t.status for t in self.tasks])

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``drill run --format json``; ``observations`` only when there are some."""
        notes = {"observations": [o.to_dict() for o in self.observations]} if self.observations else {}
        return {
            "scenario": self.scenario, "plan": self.plan, "summary": dict(self.summary),
            "tasks": [t.to_dict() for t in self.tasks], "informed": dict(self.informed),
            "expectations": [{"expect": e.expect, "ok": e.ok, "detail": e.detail} for e in self.expectations],
            "title": self.title, "incident": self.incident, "origin": self.origin, "start": self.start,
            "timezone": self.timezone, "horizon": self.horizon, "end": float(self.end),
            "injects": [dict(i) for i in self.injects], "files": dict(self.files), **notes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunRecord:
        expectations = tuple(ExpectationRecord(dict(e.get("expect") or {}), bool(e.get("ok")),
                                               str(e.get("detail") or ""))
                             for e in data.get("expectations") or [] if isinstance(e, dict))
        return cls(
            scenario=str(data.get("scenario")), plan=str(data.get("plan")),
            summary=dict(data.get("summary") or {}),
            tasks=tuple(TaskRecord.from_dict(t) for t in data.get("tasks") or [] if isinstance(t, dict)),
            informed={str(k): _num(v) for k, v in (data.get("informed") or {}).items()},
            expectations=expectations, title=_text(data.get("title")), incident=_text(data.get("incident")),
            origin=_text(data.get("origin")), start=_text(data.get("start")),
            timezone=_text(data.get("timezone")), horizon=_num(data.get("horizon")),
            end=float(data.get("end") or 0.0),
            injects=tuple(dict(i) for i in data.get("injects") or [] if isinstance(i, dict)),
            files=dict(data.get("files") or {}),
            observations=tuple(ObservationRecord.from_dict(o) for o in data.get("observations") or []
                               if isinstance(o, dict)),
        )

    @classmethod
    def from_result(cls, result: RunResult) -> RunRecord:
        scenario = result.scenario
        return cls(
            scenario=scenario.id, plan=scenario.plan.id, summary=result.summary,
            tasks=tuple(TaskRecord.from_task(t) for t in result.tasks),
            informed={p: _num(v) for p, v in result.informed.items()},
            expectations=tuple(ExpectationRecord(e.expectation.raw, e.ok, e.detail) for e in result.expectations),
            title=scenario.title, incident=scenario.incident, origin=scenario.origin,
            start=scenario.start.isoformat(timespec="minutes"), timezone=scenario.plan.timezone,
            horizon=_num(scenario.horizon), end=float(result.end),
            injects=tuple(inject_to_dict(i) for i in result.injects),
            files={"scenario": scenario.path or None, "plan": scenario.plan_path or scenario.plan.path or None},
        )


@dataclass
class LoadedRun:
    """What :func:`load_run` found: the record, its plan when known, the files read and notes for people."""

    record: RunRecord
    plan: Plan | None
    inputs: list[str]
    notes: list[str] = field(default_factory=list)
    result: RunResult | None = None
    """The simulated result, when the record came from a journal."""
    live: LiveDrill | None = None
    """The journal's drill as replayed (its future not run), when the record came from a journal."""


Rest = Literal["stop", "run"]
"""What a journal that stops before the drill ended becomes: ``stop`` reports what was
still under way as not delivered (``drill report``); ``run`` simulates the rest
without further live injects (``drill replay``)."""


def record_of_simulation(sim: Simulation, rest: Rest = "stop") -> RunResult:
    """The result of a simulation as it stands, its future ``rest``-ed (the simulation is not changed)."""
    from drill.engine.outcome import result_of

    twin = sim.fork()
    if rest == "run":
        twin.run()
    else:
        twin.finish()
    return result_of(twin)


def load_run(path: str, plan_path: str | None = None, *, rest: Rest = "stop",
             plan_loader: Callable[[str], Plan] | None = None) -> LoadedRun:
    """A run record from ``drill run --format json`` output or a drill journal."""
    from drill.loading import load_plan
    from drill.loading.json_lines import first_object

    loader = plan_loader or load_plan
    # a journal's header is its first line: only that line is read to tell them apart
    head = first_object(path)
    if isinstance(head, dict) and head.get("journal") == "drill":
        return load_journal(path, plan_path, rest=rest, plan_loader=loader)
    return _load_json(path, _parse_json(path), plan_path, loader)


def _parse_json(path: str) -> Any:
    """The JSON of a run file: the size cap checked before a byte is read, one copy of the text."""
    from drill.i18n import _
    from drill.loading.json_reader import MAX_JSON_DEPTH, check_json_size
    from drill.loading.yamlnodes import MAX_JSON_BYTES, read_text

    # regular files only, size-capped: /dev/zero or a pipe must not run forever
    text = read_text(path, max_bytes=MAX_JSON_BYTES, kind="JSON")
    check_json_size(text, path)  # what parsing would cost, before it does
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DrillError(f"{path}:{exc.lineno}:{exc.colno}: " + _(
            "not the JSON of drill run --format json nor a drill journal: {problem}").format(problem=exc.msg)) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise DrillError(f"{path}: " + _("not the JSON of drill run --format json: {problem}").format(
            problem=exc)) from None
    except RecursionError:
        raise DrillError(f"{path}: " + _("JSON nested more than {limit} levels deep").format(
            limit=MAX_JSON_DEPTH)) from None


def load_journal(path: str, plan_path: str | None = None, *, rest: Rest = "stop",
                 plan_loader: Callable[[str], Plan] | None = None) -> LoadedRun:
    """The run record of a drill journal (re-executed and checked against its events)."""
    from drill.engine.journal import replay_journal
    from drill.loading import load_plan

    loader = plan_loader or load_plan
    from drill.model.durations import format_clock

    live = replay_journal(path)
    notes = []
    if not live.sim.finished:
        if rest == "run":
            notes.append(_("the journal stops at {clock} before the drill ended; the rest is simulated without "
                           "further live injects").format(clock=format_clock(live.sim.now)))
        else:
            notes.append(_("{path} stops at {minutes:g} min, before the drill ended; notifications still under way "
                           "are reported as not delivered").format(path=path, minutes=live.sim.now))
    result = record_of_simulation(live.sim, rest)
    plan = loader(plan_path) if plan_path else result.scenario.plan
    inputs = [path, result.scenario.path, result.scenario.plan_path]
    record = replace(RunRecord.from_result(result),
                     observations=tuple(ObservationRecord(float(at), text) for at, text in live.observations))
    return LoadedRun(record, plan, inputs, notes, result, live)


def _load_json(path: str, data: Any, plan_path: str | None, loader: Callable[[str], Plan]) -> LoadedRun:
    if not isinstance(data, dict) or "tasks" not in data or "scenario" not in data:
        raise DrillError(f"{path}: " + _("not the JSON of drill run --format json (no scenario and tasks)"))
    from drill.loading.json_reader import check_run_record
    from drill.model.text_safety import excerpt

    check_run_record(data, path)  # characters and types, as YAML gets them
    try:
        record = RunRecord.from_dict(data)
    except (TypeError, KeyError, ValueError, AttributeError, OverflowError, IndexError) as exc:
        # a record that passed the checks but still does not fit: an input error, not a crash
        raise DrillError(f"{path}: " + _("not a usable run record ({problem})").format(
            problem=f"{type(exc).__name__}: {excerpt(str(exc))}")) from None
    inputs = [path]
    plan = None
    candidates = [plan_path] if plan_path else []
    recorded = record.files.get("plan")
    if recorded and not plan_path:
        candidates += [recorded, os.path.join(os.path.dirname(path), recorded)]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate):
            plan = loader(candidate)
            inputs.append(candidate)
            break
    if plan_path and plan is None:
        raise DrillError(f"{plan_path}: " + _("no such plan file"))
    if plan is not None and plan.id != record.plan:
        raise DrillError(f"{getattr(plan, 'path', plan_path)}: " + _(
            "plan {plan} is not the plan of this run ({recorded})").format(plan=plan.id, recorded=record.plan))
    notes = [] if plan is not None else [
        _("plan of {path} not found; the report names causes but not what else they silenced (give --plan "
          "PLAN)").format(path=path)]
    return LoadedRun(record, plan, inputs, notes)
