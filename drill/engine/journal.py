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
  run to its end), ``undo`` (the last live inject is taken back, with the
  events it caused: a replay skips all of them, :func:`undone_lines`);
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

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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
from drill.engine.journal_replay import (  # noqa: F401 - re-exported
    JOURNAL_VERSION,
    JournalReader,
    Replay,
    drop_partial_line,
    inject_from_dict,
    inject_to_dict,
    read_journal,
    undone_lines,
)
from drill.engine.outcome import RunResult, result_of
from drill.engine.simulation import Simulation
from drill.i18n import _
from drill.model.errors import DrillError
from drill.model.plan import Plan
from drill.model.scenario import Inject, Scenario

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
    undoable: list[Inject] = field(default_factory=list, init=False)
    """The live injects :meth:`undo` can take back, last on top (emptied by any other action)."""
    handlers: list[Callable[[Event], None]] = field(default_factory=list, init=False)
    """Who follows the run (:meth:`on_event`); kept when :meth:`undo` rebuilds the simulation."""

    def __post_init__(self) -> None:
        # the journal follows the run through the simulation's event handler
        self.sim = Simulation(self.scenario, self.source.extra, on_event=self._on_event)

    def on_event(self, handler: Callable[[Event], None]) -> None:
        """Follow the run: ``handler`` is called with every event from now on."""
        self.handlers.append(handler)

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
            raise JournalError(_("{path}: no such journal").format(path=journal_path))
        writer = JournalWriter(journal_path, append=True) if write else None  # locked first: fail fast
        try:
            drill, replay = cls._replayed(journal_path)
        except BaseException:
            if writer is not None:
                writer.close()
            raise
        drill._written = replay.recorded
        drill._last_written_t = replay.latest
        if writer is not None:
            drop_partial_line(Path(journal_path))
            drill.journal = writer
            for event in drill.sim.events[drill._written:]:  # replayed, but missing from the journal
                drill._on_event(event)
        return drill

    @classmethod
    def _replayed(cls, journal_path: str | os.PathLike[str]) -> tuple[LiveDrill, Replay]:
        """The drill of a journal, replayed one line at a time (the journal is only read)."""
        with JournalReader(journal_path) as reader:
            try:
                source = DrillSource.from_dict(reader.header["source"])
            except (KeyError, TypeError, ValueError, AttributeError):
                raise JournalError(_("{where}: the journal header does not say which drill it records")
                                   .format(where=f"{reader.path}:1:1")) from None
            skipped = undone_lines(journal_path)
            drill = cls(source.load(), source, None)
            replay = Replay(drill.sim, reader, drill.observations)
            for number, offset, record in reader.records():
                if number not in skipped:
                    replay.feed(number, offset, record)
            replay.finish()
        return drill, replay

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
        self.undoable.clear()
        target = min(t, self.sim.horizon)
        self._advance_pending = target  # written before the first event it causes
        self.sim.advance_to(target)

    def _end(self) -> None:
        self.undoable.clear()
        self._flush_advance()
        self._write({"action": "end", "t": self.sim.now})
        self.sim.run()

    # live actions -------------------------------------------------------------------
    def live(self, inject: Inject) -> list[Event]:
        """Apply an inject now; it becomes part of the drill's record at the clock time."""
        if self.sim.finished:
            raise DrillError(_("the drill has ended; nothing can be failed or restored any more"))
        self._flush_advance()
        self.sim.apply_live(inject)
        applied = self.sim.injects[-1]
        self._write({"action": "live", "t": self.sim.now, "inject": inject_to_dict(applied)})
        self.undoable.append(applied)
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
            raise DrillError(_("an observation needs some text"))
        self._flush_advance()
        self._write({"action": "observe", "t": self.sim.now, "text": text})
        self.undoable.clear()
        self.observations.append((self.sim.now, text))
        return self.sim.now, text

    def why_no_undo(self) -> str | None:
        """Why :meth:`undo` cannot be used now, or None when it can."""
        if self.journal is None:
            return _("Undo needs the journal, and this drill has none (--no-journal).")
        if not self.undoable:
            return _("Nothing to undo: only the last live inject can be undone, before anything else happens.")
        return None

    def undo(self) -> Inject:
        """Take back the last live inject (and what it caused); returns it.

        Only while nothing else happened since (no clock move, no other
        action).  The ``undo`` line is journaled, then the simulation is rebuilt
        from the journal, which skips the undone lines, exactly as a resume or
        a replay will.
        """
        why = self.why_no_undo()
        if why is not None or self.journal is None:
            raise DrillError(why or "")
        inject = self.undoable.pop()
        self._write({"action": "undo", "t": self.sim.now})
        fresh, replay = LiveDrill._replayed(self.journal.path)
        self.sim, self.observations = fresh.sim, fresh.observations
        self.sim.handlers[:] = [self._on_event]
        self._written = replay.recorded
        return inject

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
        """Journal one event as it happens, after the clock move that caused it, and pass it on."""
        for handler in self.handlers:
            handler(event)
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


# -- replaying -------------------------------------------------------------------------


def replay_journal(path: str | os.PathLike[str]) -> LiveDrill:
    """The drill of a journal, in the state it was recorded in (the journal is not written)."""
    return LiveDrill.resume(path, write=False)
