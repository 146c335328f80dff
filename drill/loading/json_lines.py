"""JSON Lines (journals) read one line at a time, within bounded memory.

A journal may be as large as :data:`~drill.loading.yamlnodes.MAX_JSON_BYTES`;
reading it whole (bytes, text, a list of lines, every line parsed) cost many
times its size.  :class:`JsonLines` reads one line at a time, at most
:data:`MAX_LINE_BYTES` of it, and gives each line the checks a whole file gets
(:func:`~drill.loading.yamlnodes.open_input`: a regular file under the size
cap; UTF-8 without NUL bytes; the character policy of
:func:`~drill.loading.json_reader.check_strings`), each problem at
``path:line:column``.  Only the line being read is held, so what a reader keeps
is what it needs, not the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import TracebackType
from typing import Any

from drill.i18n import _
from drill.loading.json_reader import MAX_JSON_DEPTH, check_strings, json_clean
from drill.loading.yamlnodes import MAX_JSON_BYTES, decode_text, grew_past, input_errors, open_input
from drill.model.errors import Location, PlanError, Problem

#: Longest line of a journal.  An event or an action is a few hundred bytes;
#: a header or a live inject with a long note a few kilobytes.
MAX_LINE_BYTES = 1024 * 1024

_DECODE = json.JSONDecoder().decode


class _Cut(Exception):
    """The last line was cut off while it was written (a crash): it is ignored."""


class JsonLines:
    """The JSON objects of a JSON Lines file, one line at a time.

    Iterating gives ``(line number, byte offset, object)`` for every line
    that is not blank; :meth:`record_at` reads one of them again.  A last line
    without its newline that is not whole (the line a crash cut off) is
    skipped; any other bad line is a
    :class:`~drill.model.errors.PlanError` at its ``path:line:column``.
    """

    def __init__(self, path: str, *, max_bytes: int = MAX_JSON_BYTES, max_line: int = MAX_LINE_BYTES):
        self.path, self.max_bytes, self.max_line = path, max_bytes, max_line
        self._handle = open_input(path, max_bytes=max_bytes, kind="journal")

    def __enter__(self) -> JsonLines:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._handle.close()

    def __iter__(self) -> Iterator[tuple[int, int, dict[str, Any]]]:
        offset, number = 0, 0
        while True:
            raw = self._read_line(offset, number + 1)
            if not raw:
                return
            number += 1
            try:
                record = self._parse(raw, number)
            except _Cut:
                return
            if record is not None:
                yield number, offset, record
            offset += len(raw)

    def record_at(self, offset: int, number: int) -> dict[str, Any]:
        """The object on line ``number``, which starts ``offset`` bytes into the file (read again)."""
        here = self._handle.tell()
        try:
            self._handle.seek(offset)
            record = self._parse(self._read_line(offset, number), number)
        except _Cut:
            record = None
        finally:
            self._handle.seek(here)
        if record is None:  # the file changed under us
            raise self._problem(number, 1, _("the line changed while drill read the file"))
        return record

    def _read_line(self, offset: int, number: int) -> bytes:
        try:
            raw = self._handle.readline(self.max_line + 1)
        except OSError:
            with input_errors(Location(self.path)):
                raise
        if offset + len(raw) > self.max_bytes:
            raise grew_past(self.path, self.max_bytes)
        if len(raw) > self.max_line:
            raise self._problem(number, 1, _("the line is longer than {kib} KiB, the most drill reads "
                                             "in one line").format(kib=self.max_line // 1024))
        return raw

    def _parse(self, raw: bytes, number: int) -> dict[str, Any] | None:
        """The object of one line; None for a blank line."""
        whole = raw.endswith(b"\n")
        try:
            text = self._decode(raw, number)
        except PlanError as exc:
            if not whole and not (number == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff"))):
                raise _Cut from None  # a crash can cut a character in two, or leave NUL bytes
            problem = exc.problems[0]
            raise self._problem(number, problem.location.column, problem.message) from None
        if not text.strip():
            return None
        try:
            record = _DECODE(text)
        except json.JSONDecodeError as exc:
            if not whole:
                raise _Cut from None
            raise self._problem(number, exc.colno, self._not_a_line(exc.msg)) from None
        except ValueError as exc:  # e.g. an integer of thousands of digits
            raise self._problem(number, 1, self._not_a_line(str(exc))) from None
        except RecursionError:
            raise self._problem(number, 1, _("JSON nested more than {limit} levels deep").format(
                limit=MAX_JSON_DEPTH)) from None
        if not isinstance(record, dict):
            raise self._problem(number, 1, self._not_a_line(_("expected a JSON object")))
        if not json_clean(record):  # characters, as YAML gets them
            check_strings(record, Location(self.path, number, 1))
        return record

    def _decode(self, raw: bytes, number: int) -> str:
        """The text of a line; the whole-file checks (a BOM, UTF-16, NUL bytes) when it needs them."""
        if number > 1 and b"\x00" not in raw:
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                pass
        return decode_text(raw, self.path)

    @staticmethod
    def _not_a_line(reason: str) -> str:
        return _("not a journal line: {reason}").format(reason=reason)

    def _problem(self, number: int, column: int, message: str) -> PlanError:
        return PlanError([Problem(Location(self.path, number, column), message)])


def first_object(path: str, max_line: int = MAX_LINE_BYTES) -> Any:
    """The JSON of a file's first line when it is short and whole JSON, else None (cheap: one line)."""
    with open_input(path, max_bytes=MAX_JSON_BYTES, kind="JSON") as handle, input_errors(Location(path)):
        raw = handle.readline(max_line + 1)
        while raw and not raw.strip():
            raw = handle.readline(max_line + 1)
    if len(raw) > max_line:
        return None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # bad JSON or UTF-8, an integer of thousands of digits
        return None
