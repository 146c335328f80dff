"""``drill sweep --checkpoint FILE``: an interrupted sweep resumes where it stopped.

The file is JSON Lines.  The first line names the sweep it belongs to
(``{"drill-sweep": 1, "key": …}``, a SHA-256 of the scenario and plan files,
the ad hoc incident and start, ``--order`` and ``--only``); every later line is
one failure set the sweep has simulated, written as soon as its chunk is done
(``{"fail": [ID…], "statuses": "0102…", "unmet": [N…]}``) and flushed to
disk.  A re-run with the same file skips those sets, so a sweep stopped by
Ctrl-C (exit 130), ``kill`` or a reboot loses at most the chunks in flight;
the result is the same, byte for byte, as an uninterrupted sweep's.  A last
line cut off by a crash is dropped before the file grows again.  A checkpoint
of another sweep (the plan changed, another order…) is refused, exit 2.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence

from drill.i18n import _
from drill.loading.json_lines import JsonLines
from drill.model.errors import DrillError, Location, PlanError, Problem
from drill.scale.context import FailureSet, Outcome

FORMAT_VERSION = 1


def sweep_key(files: Iterable[str], *options: object) -> str:
    """What identifies a sweep: its input files' bytes and the options that choose its sets."""
    digest = hashlib.sha256()
    for path in files:
        with open(path, "rb") as handle:
            digest.update(hashlib.sha256(handle.read()).digest())
    digest.update(json.dumps([repr(o) for o in options]).encode("utf-8"))
    return digest.hexdigest()


class Checkpoint:
    """The sets a sweep has done (read at open) and the file it appends the next ones to."""

    def __init__(self, path: str, key: str):
        self.path, self.key = path, key
        self.done: dict[FailureSet, Outcome] = {}
        if os.path.exists(path) and os.path.getsize(path) > 0:
            self._read()
            self._drop_cut_line()
        if os.path.exists(path) and os.path.getsize(path) > 0:
            self._handle = open(path, "a", encoding="utf-8")
        else:  # new, or only a header cut off by a crash
            self._handle = open(path, "w", encoding="utf-8")
            self._write({"drill-sweep": FORMAT_VERSION, "key": key})

    def _read(self) -> None:
        with JsonLines(self.path) as lines:
            for number, _offset, record in lines:
                if number == 1:
                    if record.get("drill-sweep") != FORMAT_VERSION or record.get("key") != self.key:
                        raise PlanError([Problem(Location(self.path, 1, 1), _(
                            "this checkpoint belongs to another sweep (another plan or scenario, or other "
                            "--order/--only): name a new file, or delete this one to start again"))])
                    continue
                self.done[self._set(record, number)] = self._outcome(record, number)

    def _set(self, record: dict[str, object], number: int) -> FailureSet:
        fail = record.get("fail")
        if not isinstance(fail, list) or not all(isinstance(i, str) for i in fail):
            raise self._bad(number)
        return tuple(fail)

    def _outcome(self, record: dict[str, object], number: int) -> Outcome:
        statuses, unmet = record.get("statuses"), record.get("unmet")
        if not isinstance(statuses, str) or not isinstance(unmet, list) \
                or not all(isinstance(i, int) and not isinstance(i, bool) for i in unmet):
            raise self._bad(number)
        try:
            return Outcome(bytes.fromhex(statuses), tuple(unmet))
        except ValueError:
            raise self._bad(number) from None

    def _bad(self, number: int) -> PlanError:
        return PlanError([Problem(Location(self.path, number, 1), _(
            "not a line of a sweep checkpoint: delete the file to start the sweep again"))])

    def _drop_cut_line(self) -> None:
        with open(self.path, "rb+") as handle:
            data_end = handle.seek(0, os.SEEK_END)
            start = max(0, data_end - 1024 * 1024)
            handle.seek(start)
            tail = handle.read()
            if tail.endswith(b"\n"):
                return
            handle.truncate(start + tail.rfind(b"\n") + 1)

    def record(self, sets: Sequence[FailureSet], outcomes: Sequence[Outcome]) -> None:
        """Append a finished chunk and flush it to disk."""
        lines = "".join(json.dumps({"fail": list(fail), "statuses": outcome.statuses.hex(),
                                    "unmet": list(outcome.unmet)}) + "\n"
                        for fail, outcome in zip(sets, outcomes, strict=True))
        try:
            self._handle.write(lines)
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:  # a full disk: what is on disk stays usable (a cut line is dropped on resume)
            raise unusable(self.path, exc) from None

    def _write(self, record: dict[str, object]) -> None:
        self._handle.write(json.dumps(record) + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()


def open_checkpoint(path: str, key: str) -> Checkpoint:
    """The checkpoint at ``path`` (created when missing); a file drill cannot use is exit 2."""
    try:
        return Checkpoint(path, key)
    except OSError as exc:
        raise unusable(path, exc) from None


def unusable(path: str, exc: OSError) -> DrillError:
    """The error for a checkpoint file drill cannot open, read or write."""
    return DrillError(_("{path}: cannot use it as a checkpoint ({reason})").format(
        path=path, reason=exc.strerror or exc))
