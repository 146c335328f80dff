"""``drill analyze --fix-out FILE``: the plan file with suggested changes applied, comments kept.

ruamel.yaml (round-trip mode) finds where each changed node sits in the
file; the changes are then made as small insertions into the original text,
so the planner's comments, alignment and line breaks survive byte for byte
outside the inserted pieces.  When a node has a shape this does not handle
(a party written as a flow mapping), the whole file is written by ruamel's
round-trip dumper instead, which keeps comments but not column alignment.
A suggested contact has no address (personal data the planner must supply):
a comment next to it says to fill it in.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from drill.model.errors import DrillError

FILL_IN = "drill --suggest: fill in the address"
Edit = tuple[int, int, str]
"""(line, column, text to insert there), 0-based."""


class _Shape(Exception):
    """A node this text patcher does not handle: fall back to the round-trip dumper."""


def fixed_plan_text(path: str, changes: Iterable[tuple[str, ...]]) -> str:
    """The text of the plan at ``path`` with ``changes`` (see drill.analysis.suggest) applied."""
    source = Path(path).read_text(encoding="utf-8-sig")
    changes = list(changes)
    yaml = YAML(typ="rt")
    doc = yaml.load(source)
    lines = source.splitlines(keepends=True)
    try:
        edits = [_edit(doc, lines, change) for change in changes]
    except _Shape:
        return _dumped(doc, changes)
    # later places first, so earlier positions stay valid; same place: in change order
    for line, column, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        while line >= len(lines):
            lines.append("")
        lines[line] = lines[line][:column] + text + lines[line][column:]
    return "".join(lines)


def _edit(doc: CommentedMap, lines: list[str], change: tuple[str, ...]) -> Edit:
    if change[0] == "add-contact":
        party = _party(doc, change[1])
        contacts = party.get("contacts")
        if not isinstance(contacts, CommentedMap) or not contacts:
            raise _Shape
        return _map_insert(lines, contacts, change[2], f"{{}}  # {FILL_IN}")
    if change[0] == "add-deputy":
        party = _party(doc, change[1])
        if "deputies" not in party:
            if party.fa.flow_style():
                raise _Shape
            first = next(iter(party))
            line, column = party.lc.key(first)
            return (line, 0, " " * column + f"deputies: [{change[2]}]\n")
        return _seq_append(lines, party["deputies"], change[2])
    return _seq_append(lines, _step(doc, change[1], change[2]).get("via"), change[3])


def _party(doc: CommentedMap, party: str) -> CommentedMap:
    found = doc["parties"][party]
    if not isinstance(found, CommentedMap) or not found:
        raise _Shape
    return found


def _step(doc: CommentedMap, procedure: str, step_id: str) -> CommentedMap:
    for step in doc["procedures"][procedure]["steps"]:
        if step.get("id") == step_id:
            return step
    raise DrillError(f"step {step_id} of {procedure} is not in the plan file")


def _map_insert(lines: list[str], node: CommentedMap, key: str, value: str) -> Edit:
    first = next(iter(node))
    line, column = node.lc.key(first)
    if node.fa.flow_style():
        if "#" not in lines[line][column:]:
            # the comment goes at the end of the line
            end = len(lines[line].rstrip("\r\n"))
            lines[line] = lines[line][:end] + f"  # {key}: {FILL_IN}" + lines[line][end:]
        return (line, column, f"{key}: {{}}, ")
    return (line, 0, " " * column + f"{key}: {value}\n")


def _seq_append(lines: list[str], node: Any, value: str) -> Edit:
    if not isinstance(node, CommentedSeq) or not node:
        raise _Shape
    line, column = node.lc.item(len(node) - 1)
    if node.fa.flow_style():
        text = lines[line]
        close = text.find("]", column)
        if close < 0:
            raise _Shape
        return (line, close, f", {value}")
    return (line + 1, 0, " " * (column - 2) + f"- {value}\n")


def _dumped(doc: CommentedMap, changes: list[tuple[str, ...]]) -> str:
    for change in changes:
        if change[0] == "add-contact":
            party = doc["parties"][change[1]]
            if party is None:
                party = doc["parties"][change[1]] = CommentedMap()
            contacts = party.get("contacts")
            if contacts is None:
                contacts = party["contacts"] = CommentedMap()
            contacts[change[2]] = CommentedMap()
            if not contacts.fa.flow_style():
                contacts.yaml_add_eol_comment(FILL_IN, change[2])
        elif change[0] == "add-deputy":
            _dump_append(doc["parties"][change[1]], "deputies", change[2])
        else:
            _dump_append(_step(doc, change[1], change[2]), "via", change[3])
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(doc, buffer)
    return buffer.getvalue()


def _dump_append(node: CommentedMap, key: str, value: str) -> None:
    current = node.get(key)
    if current is None or isinstance(current, str):
        seq = CommentedSeq([] if current is None else [current])
        seq.fa.set_flow_style()
        node[key] = current = seq
    if value not in current:
        current.append(value)
