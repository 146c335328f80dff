"""The drill journal: a live drill written down as it happens, so nothing is lost.

A drill run by an organiser is more than its scenario: the organiser steps the
clock, lets it play, and fails or restores things on the spot.  The engine is
deterministic, so the whole state of a live drill is fixed by the scenario and
the sequence of the organiser's actions.  The journal is a JSON-lines file:

- line 1, the header: where the drill came from (a scenario file, or a plan
  with an incident, origin and start) — enough to load it again;
- ``{"action": ...}`` lines: what the organiser did, in order — ``advance``
  (the clock was moved to ``t``), ``live`` (an inject applied now), ``observe``
  (a note the organiser wrote at ``t``: ``"text"``), ``end`` (the drill was
  run to its end);
- ``{"event": ...}`` lines: every engine event as it happened
  (:func:`drill.engine.events.event_to_dict`), for people and tools to read.

Every line is flushed as soon as it is written, so a crash or a killed
process loses at most the line being written.  A journal being written is
locked (``flock`` on the file itself, released by the system when the process
dies, even by ``kill -9``), so two control rooms never write the same one.  :func:`replay_journal`
re-executes the actions on a fresh :class:`Simulation` and checks that it
gives the recorded events again; :class:`LiveDrill` is the one object a front
end (the organiser's TUI, tests, scripts) drives, and it keeps the journal.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from drill.engine.events import Event, event_to_dict
from drill.engine.journal_file import (  # noqa: F401 - re-exported
    JournalError,
    JournalWriter,
    default_journal_path,
    journal_dir,
    journal_in_use,
)
from drill.engine.outcome import RunResult, result_of
from drill.engine.simulation import Simulation
from drill.model.errors import DrillError
from drill.model.plan import Plan
from drill.model.scenario import Inject, Scenario

JOURNAL_VERSION = 1


# -- where a drill comes from ------------------------------------------------------


@dataclass(frozen=True)
class DrillSource:
    """Enough to load a drill again: a scenario file, or a plan and an incident."""

    path: str
    """The scenario or plan file (absolute)."""
    incident: str | None = None
    """``TYPE@ORIGIN`` when ``path`` is a plan."""
    start: str | None = None
    """Local start time (ISO) when ``path`` is a plan."""
    horizon: float | None = None
    """A horizon that overrides the scenario's, if any."""
    extra: tuple[Inject, ...] = ()
    """Injects added on the command line (``--fail``)."""

    @classmethod
    def for_scenario(cls, scenario: Scenario, extra: Iterable[Inject] = (),
                     horizon: float | None = None) -> DrillSource:
        """The source of a loaded scenario (or of an ad hoc drill on a plan)."""
        if scenario.path and scenario.path == scenario.plan_path and scenario.id == f"{scenario.incident}@{scenario.origin}":
            return cls(path=os.path.abspath(scenario.plan_path), incident=scenario.id,
                       start=scenario.start.isoformat(timespec="minutes"), horizon=scenario.horizon,
                       extra=tuple(extra))
        return cls(path=os.path.abspath(scenario.path), horizon=horizon, extra=tuple(extra))

    def load(self) -> Scenario:
        from dataclasses import replace

        from drill.loading import load_document
        from drill.loading.adhoc import adhoc_scenario

        doc = load_document(self.path)
        if isinstance(doc, Plan):
            if not self.incident:
                raise JournalError(f"{self.path} is a plan but the journal names no incident")
            return adhoc_scenario(doc, self.incident, self.start, self.horizon)
        if self.horizon is not None:
            doc = replace(doc, horizon=self.horizon)
        return doc

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path}
        if self.incident:
            out["incident"] = self.incident
            out["start"] = self.start
        if self.horizon is not None:
            out["horizon"] = self.horizon
        if self.extra:
            out["extra"] = [inject_to_dict(i) for i in self.extra]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DrillSource:
        return cls(path=str(data["path"]), incident=data.get("incident"), start=data.get("start"),
                   horizon=data.get("horizon"),
                   extra=tuple(inject_from_dict(i) for i in data.get("extra", ())))


def inject_to_dict(inject: Inject) -> dict[str, Any]:
    data = {k: v for k, v in asdict(inject).items() if k != "location" and v not in ((), None)}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def inject_from_dict(data: dict[str, Any]) -> Inject:
    def ids(key: str) -> tuple[str, ...]:
        return tuple(str(x) for x in data.get(key, ()))

    return Inject(at=float(data.get("at", 0.0)), fail=ids("fail"), restore=ids("restore"),
                  absent=ids("absent"), back=ids("back"), note=data.get("note"))


# -- writing ---------------------------------------------------------------------


# -- the live drill -----------------------------------------------------------------


@dataclass
class LiveDrill:
    """A drill being run by an organiser, kept in a journal as it goes.

    Front ends call :meth:`next`, :meth:`advance_by`, :meth:`run_to_end` and the
    live actions (:meth:`fail`, :meth:`restore`, :meth:`absent`, :meth:`back`);
    each returns the events it produced.
    """

    scenario: Scenario
    source: DrillSource
    journal: JournalWriter | None = None
    sim: Simulation = field(init=False)
    _written: int = field(default=0, init=False)
    """How many of the simulation's events are in the journal."""
    _advance_pending: float | None = field(default=None, init=False)
    """A clock move not yet written (moves without events are written lazily)."""
    _last_written_t: float = field(default=0.0, init=False)
    observations: list[tuple[float, str]] = field(default_factory=list, init=False)
    """The organiser's notes: (drill minutes, text), in the order written."""

    def __post_init__(self) -> None:
        # the journal follows the run through the simulation's event handler
        self.sim = Simulation(self.scenario, self.source.extra, on_event=self._on_event)

    # construction ------------------------------------------------------------
    @classmethod
    def start(cls, scenario: Scenario, source: DrillSource | None = None,
              journal_path: str | os.PathLike[str] | None = None) -> LiveDrill:
        """A new drill; with ``journal_path``, a new journal is written there."""
        source = source or DrillSource.for_scenario(scenario)
        writer = JournalWriter(journal_path) if journal_path is not None else None
        drill = cls(scenario, source, writer)
        if writer is not None:
            writer.write({"journal": "drill", "version": JOURNAL_VERSION, "scenario": scenario.id,
                          "title": scenario.title, "source": source.to_dict()})
        return drill

    @classmethod
    def resume(cls, journal_path: str | os.PathLike[str], *, write: bool = True) -> LiveDrill:
        """Rebuild a drill from its journal and, with ``write``, go on appending to it."""
        if not os.path.exists(journal_path):
            raise JournalError(f"{journal_path}: no such journal")
        writer = JournalWriter(journal_path, append=True) if write else None  # locked first: fail fast
        try:
            header, records = read_journal(journal_path)
            source = DrillSource.from_dict(header["source"])
            drill = cls(source.load(), source, None)
            _replay_into(drill.sim, records, str(journal_path), drill.observations)
        except BaseException:
            if writer is not None:
                writer.close()
            raise
        drill._written = sum(1 for _, r in records if "event" in r)
        drill._last_written_t = max((float(r.get("t", 0.0)) for _, r in records), default=0.0)
        if writer is not None:
            _drop_partial_line(Path(journal_path))
            drill.journal = writer
            for event in drill.sim.events[drill._written:]:  # replayed, but missing from the journal
                drill._on_event(event)
        return drill

    # state ---------------------------------------------------------------------
    @property
    def now(self) -> float:
        return self.sim.now

    @property
    def finished(self) -> bool:
        return self.sim.finished

    @property
    def events(self) -> list[Event]:
        return self.sim.events

    def result(self) -> RunResult:
        return result_of(self.sim)

    # moving the clock -------------------------------------------------------------
    def next(self) -> list[Event]:
        """Advance to the next moment at which something happens (or end the drill)."""
        before = len(self.sim.events)
        while len(self.sim.events) == before and not self.sim.finished:
            moment = self.sim.next_time()
            if moment is None:
                self._end()
                break
            self._advance(moment)
        return self._sync(before)

    def advance_by(self, minutes: float) -> list[Event]:
        """Move the clock forward (play mode); ends the drill when nothing is left to happen."""
        before = len(self.sim.events)
        if self.sim.finished:
            return []
        if self.sim.next_time() is not None:
            self._advance(self.sim.now + minutes)
        if self.sim.next_time() is None:
            self._end()
        return self._sync(before)

    def run_to_end(self) -> list[Event]:
        before = len(self.sim.events)
        if not self.sim.finished:
            self._end()
        return self._sync(before)

    def _advance(self, t: float) -> None:
        target = min(t, self.sim.horizon)
        self._advance_pending = target  # written before the first event it causes
        self.sim.advance_to(target)

    def _end(self) -> None:
        self._flush_advance()
        self._write({"action": "end", "t": self.sim.now})
        self.sim.run()

    # live actions -------------------------------------------------------------------
    def live(self, inject: Inject) -> list[Event]:
        """Apply an inject now; it becomes part of the drill's record at the clock time."""
        if self.sim.finished:
            raise DrillError("the drill has ended; nothing can be failed or restored any more")
        self._flush_advance()
        self.sim.apply_live(inject)
        applied = self.sim.injects[-1]
        self._write({"action": "live", "t": self.sim.now, "inject": inject_to_dict(applied)})
        # the inject takes effect at once: process this moment so the screen shows it
        before = len(self.sim.events)
        self.sim.advance_to(self.sim.now)
        return self._sync(before)

    def fail(self, ident: str, note: str | None = None) -> list[Event]:
        return self.live(Inject(at=self.now, fail=(ident,), note=note))

    def restore(self, ident: str, note: str | None = None) -> list[Event]:
        return self.live(Inject(at=self.now, restore=(ident,), note=note))

    def absent(self, party: str, note: str | None = None) -> list[Event]:
        return self.live(Inject(at=self.now, absent=(party,), note=note))

    def back(self, party: str, note: str | None = None) -> list[Event]:
        return self.live(Inject(at=self.now, back=(party,), note=note))

    def observe(self, text: str) -> tuple[float, str]:
        """Write down an observation at the drill clock (it changes nothing in the drill)."""
        text = " ".join(text.split())
        if not text:
            raise DrillError("an observation needs some text")
        self._flush_advance()
        self._write({"action": "observe", "t": self.sim.now, "text": text})
        self.observations.append((self.sim.now, text))
        return self.sim.now, text

    # journal -------------------------------------------------------------------------
    def _write(self, record: dict[str, Any]) -> None:
        if self.journal is not None:
            self.journal.write(record)
            self._last_written_t = max(self._last_written_t, float(record.get("t", 0.0)))

    def _flush_advance(self) -> None:
        if self._advance_pending is not None:
            self._write({"action": "advance", "t": self._advance_pending})
            self._advance_pending = None

    def _on_event(self, event: Event) -> None:
        """Journal one event as it happens, after the clock move that caused it."""
        if self.journal is None:
            return
        self._flush_advance()
        self._write(event_to_dict(event))
        self._written += 1

    def _sync(self, before: int) -> list[Event]:
        """The events since ``before``; a clock move of a minute or more without events is written too."""
        if self._advance_pending is not None and self._advance_pending - self._last_written_t >= 1.0:
            self._flush_advance()
        return self.sim.events[before:]

    def close(self) -> None:
        """Write the last clock move and close the journal."""
        self._flush_advance()
        if self.journal is not None:
            self.journal.close()


# -- reading and replaying -------------------------------------------------------------


def read_journal(path: str | os.PathLike[str]) -> tuple[dict[str, Any], list[tuple[int, dict[str, Any]]]]:
    """The header and the (line number, record) pairs of a journal.

    A last line cut off by a crash is ignored; any other bad line is an error.
    """
    from drill.loading.json_reader import check_strings
    from drill.loading.yamlnodes import MAX_JSON_BYTES, read_text
    from drill.model.errors import Location

    if not os.path.exists(path):
        raise JournalError(f"{path}: no such journal")
    # regular files only, size-capped: /dev/zero or a pipe must not run forever
    text = read_text(os.fspath(path), max_bytes=MAX_JSON_BYTES, kind="journal")
    lines = text.split("\n")
    complete = text.endswith("\n")
    records: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            if number == len(lines) and not complete:
                break  # the line being written when the process died
            raise JournalError(f"{path}:{number}:{exc.colno}: not a journal line: {exc.msg}") from None
        except ValueError as exc:  # e.g. an integer of thousands of digits
            raise JournalError(f"{path}:{number}:1: not a journal line: {exc}") from None
        if not isinstance(record, dict):
            raise JournalError(f"{path}:{number}:1: not a journal line: expected a JSON object")
        check_strings(record, Location(os.fspath(path), number, 1))  # characters, as YAML gets them
        records.append((number, record))
    if not records or records[0][1].get("journal") != "drill":
        raise JournalError(f"{path}:1:1: not a drill journal (the first line must be its header)")
    header = records[0][1]
    if header.get("version") != JOURNAL_VERSION:
        raise JournalError(f"{path}:1:1: journal version {header.get('version')!r} is not supported "
                           f"(this drill reads version {JOURNAL_VERSION})")
    if not isinstance(header.get("source"), dict) or "path" not in header["source"]:
        raise JournalError(f"{path}:1:1: the journal header does not say which drill it records")
    for number, record in records[1:]:
        if "action" not in record and "event" not in record:
            raise JournalError(f"{path}:{number}:1: neither an action nor an event")
        t = record.get("t")
        if not isinstance(t, (int, float)) or isinstance(t, bool) or not math.isfinite(t):
            raise JournalError(f"{path}:{number}:1: missing or invalid time 't'")
    return header, records[1:]


def _drop_partial_line(path: Path) -> None:
    """Cut off a last line left half-written by a crash, so appending starts on a fresh line."""
    try:
        with open(path, "rb+") as handle:
            data = handle.read()
            if data and not data.endswith(b"\n"):
                handle.truncate(data.rfind(b"\n") + 1)
    except OSError as exc:  # a read-only journal or folder
        raise JournalError(f"{path}: cannot write the journal: {exc.strerror or exc}; "
                           "open it read-only with drill replay") from None


def _replay_into(sim: Simulation, records: list[tuple[int, dict[str, Any]]], where: str,
                 observations: list[tuple[float, str]]) -> None:
    """Re-execute the organiser's actions and check the events against the record."""
    latest = 0.0
    for number, record in records:
        action = record.get("action")
        t = float(record["t"])
        if action == "advance":
            sim.advance_to(min(t, sim.horizon))
        elif action == "live":
            if sim.finished:
                raise JournalError(f"{where}:{number}:1: a live inject after the drill ended")
            try:
                inject = inject_from_dict(record["inject"])
            except (KeyError, TypeError, ValueError, AttributeError):
                raise JournalError(f"{where}:{number}:1: a live action without a valid inject") from None
            unknown = [i for i in (*inject.fail, *inject.restore)
                       if i not in sim.plan.components and i not in sim.plan.channels]
            unknown += [p for p in (*inject.absent, *inject.back) if p not in sim.plan.parties]
            if unknown:
                raise JournalError(f"{where}:{number}:1: the plan has no {', '.join(unknown)} any more")
            if abs(t - sim.now) > 1e-9:
                raise JournalError(f"{where}:{number}:1: the drill no longer replays as recorded: this live "
                                   f"inject was made at {t}, the replayed clock is at {sim.now}")
            sim.apply_live(inject)
            sim.advance_to(sim.now)
        elif action == "end":
            sim.run()
        elif action == "observe":
            observations.append((t, str(record.get("text", ""))))
        elif action is not None:
            raise JournalError(f"{where}:{number}:1: unknown action {action!r}")
        else:
            latest = max(latest, t)
    if not sim.finished and latest > sim.now:
        # the process died after writing events but before the clock line
        sim.advance_to(latest)
    recorded = [(n, r) for n, r in records if "event" in r]
    produced = [json.loads(json.dumps(event_to_dict(e), ensure_ascii=False)) for e in sim.events]
    for index, (number, record) in enumerate(recorded):
        if index >= len(produced) or produced[index] != record:
            got = produced[index] if index < len(produced) else "nothing"
            raise JournalError(f"{where}:{number}:1: the drill no longer replays as recorded (has the scenario "
                               f"or plan changed?): recorded {json.dumps(record, ensure_ascii=False)}, "
                               f"replay gives {json.dumps(got, ensure_ascii=False)}")


def replay_journal(path: str | os.PathLike[str]) -> LiveDrill:
    """The drill of a journal, in the state it was recorded in (the journal is not written)."""
    return LiveDrill.resume(path, write=False)
