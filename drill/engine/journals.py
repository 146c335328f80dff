"""The journals on this machine: the newest one (``--resume last``) and a listing (``drill journals``)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from drill.engine.journal import JournalError, journal_dir, journal_in_use


@dataclass(frozen=True)
class JournalEntry:
    """One journal as ``drill journals`` lists it."""

    path: Path
    modified: datetime
    """When the journal was last written (UTC)."""
    scenario: str
    clock: float
    """The drill time the journal reaches (minutes)."""
    state: str
    """``in use``, ``ended`` or ``stopped`` (machine words)."""


def journal_files(folder: Path | None = None) -> list[Path]:
    """The ``*.jsonl`` files of the journal directory, newest first (ties by name)."""
    folder = folder or journal_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.jsonl") if p.is_file()]
    return sorted(files, key=lambda p: (-p.stat().st_mtime, p.name))


def latest_journal(folder: Path | None = None) -> Path:
    """The journal written last (``drill tui --resume last``)."""
    files = journal_files(folder)
    if not files:
        raise JournalError(f"{folder or journal_dir()}: no journals yet, nothing to resume")
    return files[0]


def describe_journal(path: Path) -> JournalEntry:
    """Read a journal's header and last clock line without replaying it (one line at a time)."""
    scenario, clock, ended = "?", 0.0, False
    for number, record in _lenient_records(path):
        if number == 0:
            scenario = str(record.get("scenario", "?"))
            continue
        t = record.get("t")
        if isinstance(t, (int, float)) and not isinstance(t, bool):
            clock = max(clock, float(t))
        ended = ended or record.get("action") == "end" or record.get("event") == "end"
    state = "in use" if journal_in_use(path) else ("ended" if ended else "stopped")
    modified = datetime.fromtimestamp(os.stat(path).st_mtime, tz=timezone.utc)
    return JournalEntry(path, modified, scenario, clock, state)


def _lenient_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(0-based line number, object) of the lines that are JSON objects; lines over the cap are skipped."""
    from drill.loading.json_lines import MAX_LINE_BYTES

    try:
        with open(path, "rb") as handle:
            number = -1
            while raw := handle.readline(MAX_LINE_BYTES + 1):
                number += 1
                if len(raw) > MAX_LINE_BYTES:  # not a journal line: skip to its end
                    while raw and not raw.endswith(b"\n"):
                        raw = handle.readline(MAX_LINE_BYTES + 1)
                    continue
                try:
                    record = json.loads(raw.decode("utf-8", errors="replace"))
                except (ValueError, RecursionError):
                    continue
                if isinstance(record, dict):
                    yield number, record
    except OSError:
        return


def list_journals(folder: Path | None = None) -> list[JournalEntry]:
    return [describe_journal(p) for p in journal_files(folder)]
