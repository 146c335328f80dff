"""Writing output files safely.

Every file drill writes (reports, exports, pictures; append-only journals
aside) goes through :func:`write_atomic`: the data is written to a temporary
file beside its target, flushed to disk and renamed into place, so an
interrupted write (a crash, Ctrl-C, a full disk) leaves the old file intact.
drill refuses to write over one of its own input files, however the path is
spelt (a symlink or a hard link to it included), and every failure is a
:class:`OutputError` (exit code 2), never a traceback.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable

from drill.i18n import _
from drill.model.errors import DrillError


class OutputError(DrillError):
    """An output file cannot be written where the user asked."""


def _same_file(source: str, target: str) -> bool:
    """Is ``source`` the file at ``target`` (same path after links, or same inode)?"""
    if not source or not os.path.exists(source):
        return False
    if os.path.realpath(source) == os.path.realpath(target):
        return True
    try:
        return os.path.exists(target) and os.path.samefile(source, target)
    except OSError:
        return False


def _new_file_mode() -> int:
    """The mode ``open(path, "w")`` would give a new file (0666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def check_output_path(path: str, inputs: Iterable[str] = ()) -> str:
    """Check that ``path`` may be written; return its real path.

    Call it before long work so a bad ``--out`` is reported at once.
    """
    if not path or not path.strip():
        raise OutputError(_("--out: the output file name is empty; name a file"))
    if path.endswith(("/", os.sep)):
        raise OutputError(_("--out {path}: names a folder; name a file to write (e.g. {path}report.md)").format(
            path=path))
    for source in inputs:
        if _same_file(source, path):
            raise OutputError(f"{path}: refusing to overwrite an input file ({source}); choose another --out")
    target = os.path.realpath(path)
    if os.path.isdir(target):
        raise OutputError(f"{path}: is a directory; name a file to write")
    if os.path.exists(target) and not os.path.isfile(target):
        raise OutputError(f"{path}: is not a regular file; drill writes only to files")
    directory = os.path.dirname(target) or "."
    if not os.path.isdir(directory):
        raise OutputError(f"{path}: folder {directory} does not exist")
    return target


def write_atomic(path: str, content: str | bytes | Iterable[str], *, inputs: Iterable[str] = ()) -> None:
    """Write ``content`` (text as UTF-8 with ``\\n`` line ends, or bytes) to ``path`` atomically.

    ``content`` may also be an iterable of text chunks (a report too large to
    hold as one string); it is consumed while writing, and an error it raises
    leaves the old file as it was.

    ``inputs`` are the files the output was made from; writing over one of
    them is refused.  An existing file keeps its permissions; a new one gets
    the permissions ``open()`` would give it.
    """
    target = check_output_path(path, inputs)
    chunks: Iterable[bytes]
    if isinstance(content, str):
        chunks = (content.encode("utf-8"),)
    elif isinstance(content, bytes):
        chunks = (content,)
    else:
        chunks = (chunk.encode("utf-8") for chunk in content)
    directory = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode) if os.path.exists(target) else _new_file_mode()
        fd, tmp = tempfile.mkstemp(prefix=".drill-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for data in chunks:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: could not be written ({exc.strerror or exc}); "
                              "the old file, if any, is unchanged") from None
        raise
