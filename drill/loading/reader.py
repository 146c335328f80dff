"""Small checked accessors over :class:`~drill.loading.yamlnodes.Node`.

Each accessor records a :class:`Problem` at the node's place when the value
does not fit, and returns a safe fallback, so a loader can keep going and
report every problem of a file at once.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Iterable
from typing import Any

from drill.i18n import _
from drill.loading.yamlnodes import Node
from drill.model.durations import parse_clock, parse_duration
from drill.model.errors import Problem
from drill.model.text_safety import MAX_ID_LENGTH, excerpt, id_problem

#: Suggestions compare a name with every known one; past this many known
#: names (a generated plan) or this long a name, they are skipped so that a
#: file full of typos still answers in seconds.
MAX_SUGGEST_KNOWN = 5_000
MAX_SUGGEST_LENGTH = 200
#: Time budget of one suggestion, and of all suggestions of one process, in
#: seconds (per document read): 4,900 long, similar names cost difflib about 25 s per typo, so
#: the search stops at the budget and offers the best match found so far
#: (or none once the process budget is spent).
SUGGEST_BUDGET = 0.05
SUGGEST_TOTAL_BUDGET = 1.0
_spent = [0.0]


def suggest(name: str, known: Iterable[str]) -> str:
    """``; did you mean 'x'?`` when a close known name exists."""
    match = near_match(name, known)
    return _("; did you mean '{name}'?").format(name=match) if match else ""


def near_match(name: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest of ``known`` to ``name`` (difflib's ratio at least ``cutoff``), within the budgets.

    Same answer as ``difflib.get_close_matches(name, known, n=1)`` when the
    budget is not reached.  Names whose lengths alone rule them out are
    skipped before any comparison.
    """
    candidates = list(known)
    if len(candidates) > MAX_SUGGEST_KNOWN or len(name) > MAX_SUGGEST_LENGTH:
        return None
    if _spent[0] >= SUGGEST_TOTAL_BUDGET:
        return None
    start = time.monotonic()
    deadline = start + min(SUGGEST_BUDGET, SUGGEST_TOTAL_BUDGET - _spent[0])
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(name)
    best: tuple[float, str] | None = None
    size = len(name)
    for index, candidate in enumerate(candidates):
        if index % 64 == 63 and time.monotonic() > deadline:
            break
        total = size + len(candidate)
        if not total or 2.0 * min(size, len(candidate)) / total < cutoff:
            continue  # the length bucket alone rules it out
        matcher.set_seq1(candidate)
        if matcher.quick_ratio() < cutoff:
            continue
        score = matcher.ratio()
        if score >= cutoff and (best is None or (score, candidate) > best):
            best = (score, candidate)
    _spent[0] += time.monotonic() - start
    return best[1] if best else None


class Reader:
    """Collects problems while reading nodes."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        _spent[0] = 0.0  # each document gets the whole suggestion budget

    def error(self, node: Node, message: str) -> None:
        self.problems.append(Problem(node.location, message))

    def mapping(self, node: Node, what: str, allowed: Iterable[str],
                required: Iterable[str] = ()) -> dict[str, Node]:
        """Check a mapping's keys; return key -> value node (empty on error)."""
        if node.kind != "map":
            # never quoted: the text may be an address, or the content of a file that is not YAML
            self.error(node, _("{what} must be a mapping (key: value), not {found}").format(
                what=what, found=node.describe(quote=False)))
            return {}
        allowed = list(allowed)
        out: dict[str, Node] = {}
        for key, (key_node, value_node) in node.items.items():
            if key not in allowed:
                self.error(key_node, _("unknown key '{key}' in {what}{hint} (allowed: {allowed})").format(
                    key=key, what=what, hint=suggest(key, allowed), allowed=", ".join(allowed)))
                continue
            out[key] = value_node
        for key in required:
            if key not in node.items:
                self.error(node, _("{what} is missing the required key '{key}'").format(
                    what=what, key=key))
        return out

    def document(self, node: Node, what: str, allowed: Iterable[str],
                 required: Iterable[str] = ()) -> dict[str, Node]:
        """A file's top mapping: as :meth:`mapping`, but a mapping none of whose keys is
        ``allowed`` is not a drill document, and its keys (the content of some other
        file, e.g. a token) are never quoted."""
        allowed = list(allowed)
        if node.kind == "map" and node.items and not any(key in allowed for key in node.items):
            self.error(node, _("this is not a drill file: {what} has the keys {allowed}, and this file has none of them").format(
                what=what, allowed=", ".join(allowed)))
            return {}
        return self.mapping(node, what, allowed, required)

    def entries(self, node: Node | None, what: str) -> list[tuple[Node, Node]]:
        """The (key node, value node) pairs of a mapping of named things (bad ids left out)."""
        if node is None or node.is_null:
            return []
        if node.kind != "map":
            self.error(node, _("{what} must be a mapping of id: definition, not {found}").format(
                what=what, found=node.describe()))
            return []
        return [(key, value) for key, value in node.items.values() if self.valid_id(key, key.raw)]

    def valid_id(self, node: Node, ident: str) -> bool:
        """Record a problem and say False when ``ident`` cannot be an id (text_safety.id_problem)."""
        problem = id_problem(ident)
        if problem is None:
            return True
        if problem == "empty":
            self.error(node, _("an id cannot be empty"))
        elif problem == "long":
            self.error(node, _("id '{excerpt}' is {length} characters long; ids have at most {limit}").format(
                excerpt=excerpt(ident), length=len(ident), limit=MAX_ID_LENGTH))
        else:
            self.error(node, _("id '{excerpt}' contains the invisible character {char}; remove it "
                               "(two ids would look the same)").format(excerpt=excerpt(ident), char=problem))
        return False

    def string(self, node: Node | None, what: str, default: str | None = None) -> str | None:
        if node is None:
            return default
        if node.kind != "scalar" or node.value is None or isinstance(node.value, (dict, list)):
            self.error(node, _("{what} must be text, not {found}").format(
                what=what, found=node.describe()))
            return default
        return node.raw if not isinstance(node.value, str) else node.value

    def identifier(self, node: Node | None, what: str) -> str | None:
        value = self.string(node, what)
        if value is None:
            return None
        if not value.strip():
            assert node is not None
            self.error(node, _("{what} cannot be empty").format(what=what))
            return None
        assert node is not None
        return value if self.valid_id(node, value) else None

    def string_list(self, node: Node | None, what: str, allow_single: bool = True) -> list[tuple[str, Node]]:
        """A list of strings (or one string when ``allow_single``)."""
        if node is None or node.is_null:
            return []
        if node.kind == "scalar" and allow_single:
            value = self.string(node, what)
            return [(value, node)] if value is not None else []
        if node.kind != "seq":
            self.error(node, _("{what} must be a list, not {found}").format(
                what=what, found=node.describe()))
            return []
        out = []
        for child in node.children:
            value = self.string(child, _("each item of {what}").format(what=what))
            if value is not None:
                out.append((value, child))
        return out

    def duration(self, node: Node | None, what: str, default: float | None = None) -> float | None:
        if node is None:
            return default
        if node.kind != "scalar" or node.value is None:
            self.error(node, _("{what} must be a duration such as 90s, 15m, 2h or 1h30m, not {found}")
                       .format(what=what, found=node.describe()))
            return default
        if isinstance(node.value, str) and node.value.strip().startswith("-"):
            self.error(node, _("{what}: a duration cannot be negative (got {value})").format(
                what=what, value=node.raw))
            return default
        try:
            return parse_duration(node.value)
        except ValueError as exc:
            self.error(node, f"{what}: {exc}")
            return default

    def clock(self, node: Node | None, what: str, default: int) -> int:
        if node is None:
            return default
        if node.kind != "scalar" or node.value is None:
            self.error(node, _("{what} must be a clock time like \"08:30\", not {found}").format(
                what=what, found=node.describe()))
            return default
        try:
            return parse_clock(node.raw)
        except ValueError as exc:
            self.error(node, f"{what}: {exc}")
            return default

    def integer(self, node: Node | None, what: str, default: int, minimum: int | None = None,
                maximum: int | None = None) -> int:
        if node is None:
            return default
        value: Any = node.value
        if node.kind != "scalar" or isinstance(value, bool) or not isinstance(value, int):
            self.error(node, _("{what} must be a whole number, not {found}").format(
                what=what, found=node.describe()))
            return default
        if minimum is not None and value < minimum:
            self.error(node, _("{what} must be at least {minimum} (got {value})").format(
                what=what, minimum=minimum, value=excerpt(str(value))))
            return default
        if maximum is not None and value > maximum:
            self.error(node, _("{what} must be at most {maximum} (got {value})").format(
                what=what, maximum=maximum, value=excerpt(str(value))))
            return default
        return int(value)

    def number(self, node: Node | None, what: str, lo: float, hi: float) -> float | None:
        if node is None:
            return None
        value: Any = node.value
        if node.kind != "scalar" or isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(node, _("{what} must be a number, not {found}").format(
                what=what, found=node.describe()))
            return None
        if not (lo <= value <= hi):  # exact for ints too large for a float
            self.error(node, _("{what} must be between {lo} and {hi} (got {value})").format(
                what=what, lo=lo, hi=hi, value=excerpt(str(value))))
            return None
        return float(value)

    def boolean(self, node: Node | None, what: str, default: bool = False) -> bool:
        if node is None:
            return default
        if node.kind != "scalar" or not isinstance(node.value, bool):
            self.error(node, _("{what} must be true or false, not {found}").format(
                what=what, found=node.describe()))
            return default
        return bool(node.value)
