"""Writing output files safely.

A report is written to a temporary file beside its target and renamed into
place, so an interrupted write leaves the old file intact; drill refuses to
write over one of its own input files.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable

from drill.model.errors import DrillError


class OutputError(DrillError):
    """An output file cannot be written where the user asked."""


def write_atomic(path: str, text: str, *, inputs: Iterable[str] = ()) -> None:
    target = os.path.realpath(path)
    for source in inputs:
        if source and os.path.exists(source) and os.path.realpath(source) == target:
            raise OutputError(f"{path}: refusing to overwrite an input file; choose another --out")
    directory = os.path.dirname(target) or "."
    if not os.path.isdir(directory):
        raise OutputError(f"{path}: folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".drill-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
