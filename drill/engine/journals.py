"""The journals on this machine: the newest one (``--resume last``) and a listing (``drill journals``)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

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
    """Read a journal's header and last clock line without replaying it."""
    scenario, clock, ended = "?", 0.0, False
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle):
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not isinstance(record, dict):
                continue
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


def list_journals(folder: Path | None = None) -> list[JournalEntry]:
    return [describe_journal(p) for p in journal_files(folder)]
