"""Checks for the JSON drill reads: run records (``drill run --format json``) and journal lines.

YAML gets its character, size and type checks while it is read
(:mod:`drill.loading.yamlnodes`); JSON inputs get the same here, after
``json.loads``: every string (keys too) is checked against the one character
policy of :mod:`drill.model.text_safety`, and the fields the reports use must
have their types (a ``tasks`` that is not a list, a bogus status, ``at:
"soon"``), so a hostile or damaged file is an error with its place (exit 2),
never a traceback and never an escape sequence on the terminal.
"""

from __future__ import annotations

import math
from typing import Any

from drill.i18n import N_, _
from drill.model.errors import Location, PlanError, Problem
from drill.model.text_safety import excerpt, unsafe_char

#: Statuses a run record's task may have (FORMAT.md section 3).
STATUSES = ("delivered", "late", "failed", "blocked")

#: Deepest nesting walked (a run record nests five levels).
MAX_JSON_DEPTH = 64

#: Most values a run JSON may have (counted before parsing, from its brackets, commas and
#: colons).  A parsed value takes up to about 90 bytes, so this keeps a run JSON under about
#: 1 GiB of memory, where ``[{},{},…]`` up to the size cap would take 3 GiB.  A run at every
#: other cap (200,000 tasks, 100,000 attempts) has about 6.5 million.
MAX_JSON_VALUES = 12_000_000


def check_json_size(text: str, path: str) -> None:
    """Refuse, before parsing, a JSON text with more values than :data:`MAX_JSON_VALUES` (an over-estimate)."""
    count = 1
    for char in "{[,:":
        count += text.count(char)
        if count > MAX_JSON_VALUES:
            raise _fail(Location(path), _("the JSON has more than {limit} values (brackets, commas and colons "
                                          "counted); drill reads run JSON up to that").format(limit=MAX_JSON_VALUES))


def _fail(where: Location, message: str) -> PlanError:
    return PlanError([Problem(where, message)])


def check_strings(value: Any, where: Location) -> None:
    """Refuse control characters, bidi overrides and the like in any string of ``value``.

    A quick walk first; only a value that fails it is walked again to say where.
    """
    if not json_clean(value):
        _explain(value, where)


def json_clean(value: Any) -> bool:
    """Whether :func:`check_strings` accepts ``value`` (the quick walk alone)."""
    kind = type(value)
    return _clean(value, 0) if kind is dict or kind is list else _clean([value], -1)


def _clean(value: Any, depth: int) -> bool:
    """Whether every string of ``value`` (keys too) is safe, every number finite, the nesting shallow.

    Written for speed (a journal line is checked at every line): one call per mapping or list.
    """
    if depth >= MAX_JSON_DEPTH:
        return False
    items = value.items() if type(value) is dict else enumerate(value)
    for key, item in items:
        if type(key) is str and not (key.isascii() and key.isprintable()) and unsafe_char(key) is not None:
            return False
        kind = type(item)
        if kind is str:
            if not (item.isascii() and item.isprintable()) and unsafe_char(item) is not None:
                return False
        elif kind is float:
            if not math.isfinite(item):
                return False
        elif kind is dict or kind is list:
            if not _clean(item, depth + 1):
                return False
    return True


def _explain(value: Any, where: Location, pointer: str = "", depth: int = 0) -> None:
    """Raise the problem :func:`_clean` found, naming its place (a JSON pointer)."""
    if depth > MAX_JSON_DEPTH:
        raise _fail(where, _("JSON nested more than {limit} levels deep").format(limit=MAX_JSON_DEPTH))
    if isinstance(value, str):
        bad = unsafe_char(value)
        if bad is not None:
            raise _fail(where, _("text at {pointer} contains the control character U+{code}; remove it "
                                 "(it could disturb a terminal or hide text)").format(
                pointer=pointer or "/", code=f"{ord(bad):04X}"))
    elif isinstance(value, dict):
        for key, item in value.items():
            _explain(key, where, pointer + "/" + excerpt(str(key), 40), depth + 1)
            _explain(item, where, pointer + "/" + excerpt(str(key), 40), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _explain(item, where, f"{pointer}/{index}", depth + 1)
    elif isinstance(value, float) and not math.isfinite(value):
        raise _fail(where, _("the number at {pointer} is not finite").format(pointer=pointer or "/"))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
        and abs(value) < 1e12


# field -> (accepted types description, check)
_TEXT = (N_("text"), lambda v: isinstance(v, str))
_TEXT_OR_NULL = (N_("text or null"), lambda v: v is None or isinstance(v, str))
_NUMBER_OR_NULL = (N_("a number or null"), lambda v: v is None or _number(v))
_LIST = (N_("a list"), lambda v: isinstance(v, list))
_MAP = (N_("a mapping"), lambda v: isinstance(v, dict))

_RECORD_FIELDS = {
    "scenario": _TEXT, "plan": _TEXT, "title": _TEXT_OR_NULL, "incident": _TEXT_OR_NULL,
    "origin": _TEXT_OR_NULL, "start": _TEXT_OR_NULL, "timezone": _TEXT_OR_NULL,
    "horizon": _NUMBER_OR_NULL, "end": _NUMBER_OR_NULL, "tasks": _LIST, "informed": _MAP,
    "expectations": _LIST, "injects": _LIST, "files": _MAP, "summary": _MAP,
}
_TASK_FIELDS = {
    "step": _TEXT, "from": _TEXT, "to": _TEXT, "sender": _TEXT_OR_NULL, "by": _TEXT_OR_NULL,
    "via": _TEXT_OR_NULL, "reason": _TEXT_OR_NULL, "at": _NUMBER_OR_NULL, "within": _NUMBER_OR_NULL,
    "start": _NUMBER_OR_NULL, "attempts": _LIST,
}
_ATTEMPT_FIELDS = {
    "to": _TEXT, "via": _TEXT, "start": _NUMBER_OR_NULL, "end": _NUMBER_OR_NULL,
    "ok": (N_("true or false"), lambda v: isinstance(v, bool)), "reason": _TEXT_OR_NULL, "cause": _TEXT_OR_NULL,
}
_INJECT_FIELDS = {"at": _NUMBER_OR_NULL, "note": _TEXT_OR_NULL, "fail": _LIST, "restore": _LIST,
                  "absent": _LIST, "back": _LIST}


def _fields(item: Any, spec: dict[str, tuple[str, Any]], where: Location, pointer: str) -> None:
    if not isinstance(item, dict):
        raise _fail(where, _("{pointer} must be a mapping").format(pointer=pointer or "/"))
    for key, (kind, ok) in spec.items():
        if key in item and not ok(item[key]):
            raise _fail(where, _("{pointer} must be {kind}").format(pointer=f"{pointer}/{key}", kind=_(kind)))


def check_run_record(record: Any, path: str) -> None:
    """Check the characters and the types of a run record (``drill run --format json``)."""
    where = Location(path)
    check_strings(record, where)
    _fields(record, _RECORD_FIELDS, where, "")
    for index, task in enumerate(record.get("tasks") or []):
        _fields(task, _TASK_FIELDS, where, f"/tasks/{index}")
        if task.get("status") not in STATUSES:
            raise _fail(where, _("/tasks/{index}/status must be one of {statuses}").format(
                index=index, statuses=", ".join(STATUSES)))
        for number, attempt in enumerate(task.get("attempts") or []):
            _fields(attempt, _ATTEMPT_FIELDS, where, f"/tasks/{index}/attempts/{number}")
    for index, item in enumerate(record.get("expectations") or []):
        _fields(item, {"expect": _MAP, "detail": _TEXT_OR_NULL}, where, f"/expectations/{index}")
    for index, item in enumerate(record.get("injects") or []):
        _fields(item, _INJECT_FIELDS, where, f"/injects/{index}")
    for party, at in (record.get("informed") or {}).items():
        if not (at is None or _number(at)):
            raise _fail(where, _("{pointer} must be a number or null").format(
                pointer="/informed/" + excerpt(str(party), 40)))
    start = record.get("start")
    if isinstance(start, str):
        from drill.loading.scenarios import parse_start

        try:
            parse_start(start)
        except ValueError:
            raise _fail(where, _("/start must be a date and time YYYY-MM-DDTHH:MM, not '{value}'").format(
                value=excerpt(start, 40))) from None
