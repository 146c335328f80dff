"""Editing a plan's YAML text in place: the rest of the file stays byte for byte.

Round-trip libraries re-flow what they touch and more (ruamel.yaml re-aligns
every aligned flow mapping of the sample plan and joins continued lines), so
the import edits the text itself: the plan is composed with the safe loader
(nodes only, nothing constructed), and each change replaces exactly the span
of the node it is about.  A block mapping gains keys as new lines at its own
indentation and loses them line by line; a flow mapping that changes is
written again from the original text of the entries it keeps.  Comments
outside the replaced spans are kept.

An :data:`Edit` is ``None`` (delete the key), a :class:`Value` (replace the
value), or a dict of edits (edit the mapping under the key, creating it when
missing).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Union

import yaml

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Value:
    """A new value: a scalar (text, date), a list of scalars, or a dict of such values."""

    data: Any


Edit = Union[None, Value, dict[str, "Edit"]]  # noqa: UP007 - a recursive alias needs Union


def compose(text: str) -> Any:
    return yaml.compose(text, Loader=_Loader)


def apply_edits(text: str, edits: dict[str, Edit]) -> str:
    """``text`` with ``edits`` applied to its top-level mapping."""
    root = compose(text)
    changes: list[tuple[int, int, str]] = []
    _edit_mapping(text, root, edits, changes, indent=0)
    for start, end, replacement in sorted(changes, key=lambda c: (c[0], c[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


# -- spans ---------------------------------------------------------------------

def _end(node: yaml.Node) -> int:
    """Where a node's own text ends (a block collection: its last descendant)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.index
    children = node.value if isinstance(node, yaml.SequenceNode) else [v for kv in node.value for v in kv]
    return max((_end(c) for c in children), default=node.start_mark.index)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.start_mark.index == node.end_mark.index


# -- editing -------------------------------------------------------------------

def _edit_mapping(text: str, node: yaml.Node, edits: dict[str, Edit], changes: list, indent: int) -> None:
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise ValueError("flow or scalar mappings are rewritten by their parent")
    entries = {key.value: (key, value) for key, value in node.value}
    key_indent = node.value[0][0].start_mark.column if node.value else indent
    last_end = _line_end(text, _end(node))
    additions = []
    for name, edit in edits.items():
        if name not in entries:
            if edit is not None:
                additions.append(_block_entry(name, _materialise(edit), key_indent))
            continue
        key, value = entries[name]
        if edit is None:
            changes.append((_line_start(text, key.start_mark.index), _line_end(text, _end(value)), ""))
        elif isinstance(edit, Value):
            _replace_value(text, key, value, _render_value(edit.data, key_indent), changes)
        elif isinstance(value, yaml.MappingNode) and not value.flow_style:
            _edit_mapping(text, value, edit, changes, key_indent + 2)
        else:
            merged = _flow_merge(text, value, edit)
            _replace_value(text, key, value, _render_value(merged, key_indent), changes)
    if additions:
        changes.append((last_end, last_end, "".join(additions)))


def _replace_value(text: str, key: yaml.Node, value: yaml.Node, rendered: str, changes: list) -> None:
    if _empty(value):  # "key:" with nothing after it
        colon = text.index(":", key.end_mark.index) + 1
        changes.append((colon, colon, rendered if rendered.startswith("\n") else " " + rendered))
    elif rendered.startswith("\n"):  # a block value replacing an inline one: start after the colon
        colon = text.index(":", key.end_mark.index) + 1
        changes.append((colon, _end(value), rendered.rstrip("\n")))
    else:
        changes.append((value.start_mark.index, _end(value), rendered))


class _Raw(str):
    """Original YAML text of a kept value, pasted as it was."""


def _flow_merge(text: str, node: yaml.Node, edits: dict[str, Edit]) -> dict[str, Any]:
    """A flow mapping (or null) with edits applied, kept values as their original text."""
    out: dict[str, Any] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[key.value] = _Raw(text[value.start_mark.index:_end(value)])
    for name, edit in edits.items():
        if edit is None:
            out.pop(name, None)
        elif isinstance(edit, Value):
            out[name] = edit.data
        else:
            inner = out.get(name)
            base = _raw_node(inner) if isinstance(inner, _Raw) else None
            inner = str(inner)
            out[name] = _flow_merge("x: " + inner, base, edit) if base is not None else _materialise(edit)
    return out


def _raw_node(raw: str) -> yaml.Node | None:
    try:
        return compose("x: " + raw).value[0][1]
    except yaml.YAMLError:
        return None


def _materialise(edit: Edit) -> Any:
    if isinstance(edit, Value):
        return edit.data
    assert isinstance(edit, dict)
    return {k: _materialise(v) for k, v in edit.items() if v is not None}


# -- rendering -----------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9_\u3040-\u30ff\u4e00-\u9fff][^:#,\[\]{}\"'\n&*!|>%@`]*")
_RESOLVER = yaml.resolver.Resolver()


def scalar(value: Any) -> str:
    """One scalar as YAML that the safe loader reads back as the same text (or date)."""
    if isinstance(value, _Raw):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    plain = (_PLAIN.fullmatch(text) is not None and text == text.strip() and not text[0].isdigit()
             and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str")
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value)


def _is_flat(value: Any) -> bool:
    """Write a dict on one line when it holds only scalars and lists (a contact)."""
    return not isinstance(value, dict) or all(not isinstance(v, dict) or isinstance(v, _Raw)
                                              for v in value.values())


def _render_value(value: Any, key_indent: int) -> str:
    """The text after ``key:``; a nested block starts with a newline."""
    if isinstance(value, dict) and value and not _is_flat(value):
        return "\n" + "".join(_block_entry(k, v, key_indent + 2) for k, v in value.items()).rstrip("\n") + "\n"
    return _flow(value)


def _block_entry(name: str, value: Any, indent: int) -> str:
    rendered = _render_value(value, indent)
    pad = " " * indent
    if rendered.startswith("\n"):
        return f"{pad}{scalar(name)}:{rendered}"
    return f"{pad}{scalar(name)}: {rendered}\n"
