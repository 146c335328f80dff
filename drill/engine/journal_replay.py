"""Reading a journal and replaying it one line at a time, within bounded memory.

:class:`JournalReader` checks the header, then hands out the lines one at a
time (:class:`drill.loading.json_lines.JsonLines`: every line size-capped and
checked, problems at ``path:line:column``).  :class:`Replay` re-executes each
action as its line is read and compares each recorded event with the event the
replay produced at the same place, as soon as both exist.  Nothing but the
simulation itself (its events are capped, :mod:`drill.model.limits`) and the
organiser's notes grows with the journal: a recorded event the replay has not
produced yet is remembered by its line's place in the file (two integers) and
read again when it is compared.

An ``undo`` action takes back the last live inject (and the events it
caused) while no other action came after it.  :func:`undone_lines` reads the
journal once beforehand and returns the line numbers the replay skips (the
undone inject, its events and the ``undo`` line); it keeps a stack of the live
injects since the last other action, each with the event lines that follow it.
"""

from __future__ import annotations

import json
import math
import os
from array import array
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any

from drill.engine.events import event_to_dict
from drill.engine.journal_file import JournalError
from drill.engine.simulation import Simulation
from drill.i18n import _
from drill.model.errors import PlanError
from drill.model.limits import cap, variable
from drill.model.scenario import Inject

JOURNAL_VERSION = 1


def inject_to_dict(inject: Inject) -> dict[str, Any]:
    data = {k: v for k, v in asdict(inject).items() if k != "location" and v not in ((), None)}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def inject_from_dict(data: dict[str, Any]) -> Inject:
    def ids(key: str) -> tuple[str, ...]:
        return tuple(str(x) for x in data.get(key, ()))

    return Inject(at=float(data.get("at", 0.0)), fail=ids("fail"), restore=ids("restore"),
                  absent=ids("absent"), back=ids("back"), note=data.get("note"))


def _at(path: str, number: int) -> str:
    return f"{path}:{number}:1"


class JournalReader:
    """A journal's checked header, then its lines one at a time (:meth:`records`)."""

    def __init__(self, path: str | os.PathLike[str]):
        from drill.loading.json_lines import JsonLines

        self.path = os.fspath(path)
        if not os.path.exists(self.path):
            raise JournalError(_("{path}: no such journal").format(path=self.path))
        try:
            self._lines = JsonLines(self.path)
        except PlanError as exc:
            raise JournalError(str(exc)) from None
        self._items = iter(self._lines)
        try:
            self.header = self._header()
        except BaseException:
            self._lines.close()
            raise

    def __enter__(self) -> JournalReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._lines.close()

    def _next(self) -> tuple[int, int, dict[str, Any]] | None:
        try:
            return next(self._items, None)
        except PlanError as exc:
            raise JournalError(str(exc)) from None

    def _header(self) -> dict[str, Any]:
        first = self._next()
        where = _at(self.path, first[0] if first else 1)
        if first is None or first[2].get("journal") != "drill":
            raise JournalError(_("{where}: not a drill journal (the first line must be its header)").format(
                where=where))
        header = first[2]
        if header.get("version") != JOURNAL_VERSION:
            raise JournalError(_("{where}: journal version {version} is not supported (this drill reads "
                                 "version {supported})").format(where=where, version=repr(header.get("version")),
                                                                supported=JOURNAL_VERSION))
        if not isinstance(header.get("source"), dict) or "path" not in header["source"]:
            raise JournalError(_("{where}: the journal header does not say which drill it records").format(
                where=where))
        return header

    def records(self) -> Iterator[tuple[int, int, dict[str, Any]]]:
        """``(line number, byte offset, record)`` of every line after the header, each checked."""
        try:
            for item in self._items:
                record = item[2]
                if "action" not in record and "event" not in record:
                    raise JournalError(_("{where}: neither an action nor an event").format(
                        where=_at(self.path, item[0])))
                t = record.get("t")
                if not isinstance(t, (int, float)) or isinstance(t, bool) or not math.isfinite(t):
                    raise JournalError(_("{where}: missing or invalid time 't'").format(where=_at(self.path, item[0])))
                yield item
        except PlanError as exc:
            raise JournalError(str(exc)) from None

    def record_at(self, offset: int, number: int) -> dict[str, Any]:
        """The record of line ``number`` (at ``offset``), read again."""
        try:
            return self._lines.record_at(offset, number)
        except PlanError as exc:
            raise JournalError(str(exc)) from None


def read_journal(path: str | os.PathLike[str]) -> tuple[dict[str, Any], list[tuple[int, dict[str, Any]]]]:
    """The header and every (line number, record) pair of a journal (for small journals and tests).

    A last line cut off by a crash is ignored; any other bad line is an error.
    """
    with JournalReader(path) as reader:
        return reader.header, [(number, record) for number, _offset, record in reader.records()]


class Replay:
    """Re-executes a journal's actions on ``sim`` as the lines come, and checks its events against the record."""

    def __init__(self, sim: Simulation, reader: JournalReader, observations: list[tuple[float, str]]):
        self.sim, self.reader, self.observations = sim, reader, observations
        self.recorded = 0
        """How many event lines the journal has."""
        self.latest = 0.0
        """The latest time of any line."""
        self._latest_event = 0.0
        self._compared = 0
        self._waiting = (array("q"), array("q"))  # line numbers and offsets of events not produced yet
        self._head = 0
        self._max_events = cap("events")

    def feed(self, number: int, offset: int, record: dict[str, Any]) -> None:
        t = float(record["t"])
        self.latest = max(self.latest, t)
        if "event" in record and record.get("action") is None:
            self._event(number, offset, record, t)
        else:
            self._action(number, record, t)
            self._catch_up()

    def finish(self) -> None:
        """After the last line: run on to the last recorded event, and check nothing recorded is missing."""
        if not self.sim.finished and self._latest_event > self.sim.now:
            # the process died after writing events but before the clock line
            self.sim.advance_to(self._latest_event)
        self._catch_up()
        numbers, offsets = self._waiting
        if self._head < len(numbers):
            number = numbers[self._head]
            raise self._mismatch(number, self.reader.record_at(offsets[self._head], number), "nothing")

    def _event(self, number: int, offset: int, record: dict[str, Any], t: float) -> None:
        self.recorded += 1
        self._latest_event = max(self._latest_event, t)
        if self.recorded > self._max_events:
            raise JournalError(_("{where}: the journal records more than {limit} events, more than one run "
                                 "may have (raise {variable})").format(
                where=_at(self.reader.path, number), limit=self._max_events, variable=variable("events")))
        numbers, offsets = self._waiting
        if self._head == len(numbers) and self._compared < len(self.sim.events):
            self._compare(number, record)
        else:
            numbers.append(number)
            offsets.append(offset)

    def _catch_up(self) -> None:
        """Compare the recorded events that were waiting for the replay to produce them."""
        numbers, offsets = self._waiting
        while self._head < len(numbers) and self._compared < len(self.sim.events):
            number, offset = numbers[self._head], offsets[self._head]
            self._head += 1
            self._compare(number, self.reader.record_at(offset, number))
        if self._head and self._head == len(numbers):
            del numbers[:], offsets[:]
            self._head = 0

    def _compare(self, number: int, record: dict[str, Any]) -> None:
        event = self.sim.events[self._compared]
        self._compared += 1
        produced = json.loads(json.dumps(event_to_dict(event), ensure_ascii=False))
        if produced != record:
            raise self._mismatch(number, record, produced)

    def _mismatch(self, number: int, record: dict[str, Any], produced: Any) -> JournalError:
        return JournalError(_("{where}: the drill no longer replays as recorded (has the scenario or plan "
                              "changed?): recorded {recorded}, replay gives {produced}").format(
            where=_at(self.reader.path, number), recorded=json.dumps(record, ensure_ascii=False),
            produced=json.dumps(produced, ensure_ascii=False)))

    def _action(self, number: int, record: dict[str, Any], t: float) -> None:
        apply_action(self.sim, record, _at(self.reader.path, number), self.observations)


def apply_action(sim: Simulation, record: dict[str, Any], where: str,
                 observations: list[tuple[float, str]]) -> None:
    """Re-execute one journaled action (not an undone one) on ``sim``; ``where`` names its line."""
    action, t = record.get("action"), float(record["t"])
    if action == "advance":
        sim.advance_to(min(t, sim.horizon))
    elif action == "live":
        _live(sim, where, record, t)
    elif action == "end":
        sim.run()
    elif action == "observe":
        observations.append((t, str(record.get("text", ""))))
    else:
        raise JournalError(_("{where}: unknown action {action}").format(where=where, action=repr(action)))


def _live(sim: Simulation, where: str, record: dict[str, Any], t: float) -> None:
    if sim.finished:
        raise JournalError(_("{where}: a live inject after the drill ended").format(where=where))
    try:
        inject = inject_from_dict(record["inject"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise JournalError(_("{where}: a live action without a valid inject").format(where=where)) from None
    unknown = [i for i in (*inject.fail, *inject.restore)
               if i not in sim.plan.components and i not in sim.plan.channels]
    unknown += [p for p in (*inject.absent, *inject.back) if p not in sim.plan.parties]
    if unknown:
        raise JournalError(_("{where}: the plan has no {ids} any more").format(
            where=where, ids=", ".join(unknown)))
    if abs(t - sim.now) > 1e-9:
        raise JournalError(_("{where}: the drill no longer replays as recorded: this live inject was made "
                             "at {t}, the replayed clock is at {now}").format(where=where, t=t, now=sim.now))
    sim.apply_live(inject)
    sim.advance_to(sim.now)


def undone_lines(path: str | os.PathLike[str]) -> frozenset[int]:
    """The line numbers a replay skips: every undone live inject, its events and its ``undo`` line."""
    stack: list[array[int]] = []  # the live injects since the last other action: their line and event lines
    skipped: set[int] = set()
    with JournalReader(path) as reader:
        for number, _offset, record in reader.records():
            action = record.get("action")
            if action is None:
                if stack:
                    stack[-1].append(number)
            elif action == "live":
                stack.append(array("q", (number,)))
            elif action == "undo":
                if not stack:
                    raise JournalError(_("{where}: an undo without a live inject just before it").format(
                        where=_at(reader.path, number)))
                skipped.update(stack.pop())
                skipped.add(number)
            else:
                stack.clear()
    return frozenset(skipped)


def drop_partial_line(path: Path) -> None:
    """Cut off a last line left half-written by a crash, so appending starts on a fresh line.

    Only the end of the file is read, backwards in blocks, never the whole file.
    """
    try:
        with open(path, "rb+") as handle:
            end = handle.seek(0, os.SEEK_END)
            position = end
            while position > 0:
                start = max(0, position - 65536)
                handle.seek(start)
                block = handle.read(position - start)
                if position == end and block.endswith(b"\n"):
                    return
                newline = block.rfind(b"\n")
                if newline >= 0:
                    handle.truncate(start + newline + 1)
                    return
                position = start
            if end:
                handle.truncate(0)
    except OSError as exc:  # a read-only journal or folder
        raise JournalError(_("{path}: cannot write the journal: {reason}; open it read-only with drill replay")
                           .format(path=path, reason=exc.strerror or exc)) from None
