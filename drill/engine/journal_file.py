"""The journal file: where journals live, the lock a running control room holds, whole-line writes.

Split from :mod:`drill.engine.journal` (what a journal says) so each stays
small: this module only knows files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from drill.model.errors import DrillError


class JournalError(DrillError):
    """A journal cannot be read, or no longer replays as it was recorded."""


def journal_dir() -> Path:
    """Where new journals go: ``$DRILL_JOURNAL_DIR``, else the user's data directory."""
    from platformdirs import user_data_dir

    override = os.environ.get("DRILL_JOURNAL_DIR")
    return Path(override) if override else Path(user_data_dir("drill")) / "journals"


def default_journal_path(scenario_id: str, stamp: str) -> Path:
    """A new journal file in the journal directory (``stamp`` makes it unique)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in scenario_id) or "drill"
    return journal_dir() / f"{safe}-{stamp}.jsonl"


def _lock(fd: int, path: Path) -> None:
    """Hold an exclusive lock on an open journal; another holder means another control room."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise JournalError(f"{path}: the journal is in use by another control room "
                           "(close that one first)") from None


def journal_in_use(path: str | os.PathLike[str]) -> bool:
    """Whether a running control room holds the journal's lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        return False
    try:
        with open(path, "rb") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        return False
    return False


class JournalWriter:
    """Appends lines to a journal file, each written whole or not at all.

    A line that cannot be written (a full disk, a journal made read-only) is
    cut off again, so the journal holds only whole lines, and the error is a
    :class:`JournalError` (exit code 2).  A new journal whose header cannot be
    written is removed, so it does not block its path.
    """

    def __init__(self, path: str | os.PathLike[str], *, append: bool = False):
        self.path = Path(path)
        self._created = not append
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_APPEND | (0 if append else os.O_CREAT | os.O_EXCL)
            self._fd: int | None = os.open(self.path, flags, 0o666)
        except FileExistsError:
            raise JournalError(f"{self.path}: a journal already exists there; resume it with "
                               f"--resume or choose another --journal") from None
        except OSError as exc:
            raise JournalError(f"{self.path}: cannot write the journal: {exc.strerror or exc}") from None
        _lock(self._fd, self.path)

    def write(self, record: dict[str, Any]) -> None:
        if self._fd is None:
            return
        data = (json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
        fd = self._fd
        size = os.fstat(fd).st_size
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except OSError as exc:
            self._abandon(size)
            raise JournalError(f"{self.path}: cannot write the journal: {exc.strerror or exc}; "
                               "it holds every line before this one") from None

    def _abandon(self, size: int) -> None:
        """Cut a half-written line off; remove a new journal that never got its header."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, size)
        except OSError:
            pass
        os.close(fd)
        if self._created and size == 0:
            try:
                os.unlink(self.path)
            except OSError:
                pass

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
