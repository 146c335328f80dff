"""Safe YAML reading that keeps every node's place in the file.

PyYAML composes the file into a node tree (with libyaml's C parser when it is
installed); nothing is ever constructed from a tag, so nothing in an input file
can run.  The tree is then turned into :class:`Node` objects that remember
line and column, reject duplicate keys and unknown tags, and are capped in
size and depth so that hostile files (alias bombs, huge nesting) are refused
with a clear message instead of exhausting the machine.
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import yaml

from drill.i18n import _, ngettext
from drill.model.errors import Location, PlanError, Problem
from drill.model.text_safety import UNSAFE_CHARS, excerpt, printable, unsafe_char

try:  # libyaml is much faster on large plans
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

#: Largest input file drill reads.  A plan for every municipality of Japan
#: (about 1,700 parties) is near 2 MiB; the cap keeps the worst case of
#: reading a file under it to a few seconds.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: Largest run JSON or journal drill reads (a journal grows with a long drill).
MAX_JSON_BYTES = 128 * 1024 * 1024
#: Most nodes (after alias expansion) one document may have.
MAX_NODES = 500_000
#: Deepest nesting of mappings and lists.
MAX_DEPTH = 64

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SAFE_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class Node:
    """A YAML node with its place in the file.

    ``kind`` is ``map``, ``seq`` or ``scalar``.  For a map, ``items`` maps each
    key to ``(key_node, value_node)`` in file order; for a sequence ``children``
    lists the items; for a scalar ``value`` is the Python value and ``raw`` the
    text as written.
    """

    kind: str
    location: Location
    value: Any = None
    raw: str = ""
    items: dict[str, tuple[Node, Node]] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    quoted: bool = False

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.value is None

    def describe(self, quote: bool = True) -> str:
        """What the node is, for a message; ``quote=False`` never quotes its text.

        A quoted value is a short excerpt (text_safety.excerpt): a message
        never echoes a long value, and where the value may be personal data
        or another file's content (a contact written as its address, a
        ``plan:`` naming a non-YAML file) the caller passes ``quote=False``.
        """
        if self.kind == "map":
            return _("a mapping")
        if self.kind == "seq":
            return _("a list")
        if self.value is None:
            return _("nothing (null)")
        if isinstance(self.value, bool):
            return _("the boolean {value}").format(value=self.raw) if quote else _("a boolean")
        if isinstance(self.value, (int, float)):
            return _("the number {value}").format(value=excerpt(self.raw)) if quote else _("a number")
        return f"'{excerpt(self.raw)}'" if quote else _("text")

    def plain(self) -> Any:
        """The node as plain Python data (maps, lists, scalars)."""
        if self.kind == "map":
            return {k: v.plain() for k, (_, v) in self.items.items()}
        if self.kind == "seq":
            return [c.plain() for c in self.children]
        return self.value


def open_input(path: str, *, max_bytes: int = MAX_FILE_BYTES, kind: str = "YAML") -> BinaryIO:
    """Open an input file for reading bytes, or raise PlanError saying what is wrong with it.

    Only regular files (a pipe or ``/dev/zero`` would never end) of at most
    ``max_bytes``: the size cap is checked before anything is read.  ``kind``
    names the expected content in messages.
    """
    loc = Location(path)
    with input_errors(loc):
        if os.path.isdir(path):
            raise PlanError([Problem(loc, _("is a directory, not a {kind} file").format(kind=kind))])
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            # a FIFO, a terminal or a device could block forever or never end
            raise PlanError([Problem(loc, _("is not a regular file (a device, pipe or socket); "
                                            "save the {kind} to a file first").format(kind=kind))])
        size = info.st_size
        if size > max_bytes:
            raise PlanError([Problem(loc, _("file is {size} bytes; drill reads files up to "
                                            "{mib} MiB").format(size=size, mib=max_bytes // (1024 * 1024)))])
        return open(path, "rb")


@contextmanager
def input_errors(loc: Location) -> Iterator[None]:
    """Turn the errors of opening and reading a file into a PlanError at ``loc``."""
    try:
        yield
    except FileNotFoundError:
        raise PlanError([Problem(loc, _("no such file; check the path"))]) from None
    except PermissionError:
        raise PlanError([Problem(loc, _("cannot be read (permission denied)"))]) from None
    except OSError as exc:
        raise PlanError([Problem(loc, _("cannot be read ({reason})").format(
            reason=exc.strerror or exc))]) from None
    except ValueError:  # an embedded NUL byte in the path
        raise PlanError([Problem(loc, _("is not a usable file name"))]) from None


def grew_past(path: str, max_bytes: int) -> PlanError:
    """The error for a file that grew past ``max_bytes`` while drill read it."""
    return PlanError([Problem(Location(path), _("file is larger than {mib} MiB, the most drill reads").format(
        mib=max_bytes // (1024 * 1024)))])


def read_text(path: str, *, max_bytes: int = MAX_FILE_BYTES, kind: str = "YAML") -> str:
    """Read a UTF-8 text file, or raise PlanError saying what is wrong with it.

    Every whole-file input of drill (plans, scenarios, answers, run JSON) is
    read through here (journals line by line through
    :mod:`drill.loading.json_lines`): the checks of :func:`open_input`, then
    UTF-8 without NUL bytes.
    """
    with open_input(path, max_bytes=max_bytes, kind=kind) as handle, input_errors(Location(path)):
        # read(n) allocates n bytes at once: ask for the file's size (plus one, to see it grow), not the cap
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(min(size, max_bytes) + 1)
        if len(data) > size:
            data += handle.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:  # the file grew while we looked at it
        raise grew_past(path, max_bytes)
    return decode_text(data, path)


def decode_text(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without a BOM); say where and why anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanError([Problem(Location(path, 1, 1),
                                 _("file is UTF-16 (or UTF-32) text; save it as UTF-8"))])
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise PlanError([Problem(Location(path, line, column),
                                 _("file contains a NUL byte: it looks binary, not a YAML text file"))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise PlanError([Problem(Location(path, line, column),
                                 _("file is not valid UTF-8 text; save it as UTF-8"))]) from None
    return text


def _too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """Where (line, column) flow brackets or indentation first nest past ``limit``.

    A cheap over-estimate, checked before the parser sees the text: YAML
    parsers recurse once per level, so thousands of levels must never reach
    them.
    """
    depth = 0
    line, start = 1, 0
    for index, char in enumerate(text):
        if char == "\n":
            line, start = line + 1, index + 1
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line, index - start + 1
        elif char in "]}":
            depth = max(0, depth - 1)
    for number, row in enumerate(text.splitlines(), start=1):
        stripped = row.lstrip(" -?:")
        if stripped and not stripped.startswith("#") and (len(row) - len(stripped)) // 2 > limit:
            return number, len(row) - len(stripped) + 1
    return None


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while building big trees.

    Composing and wrapping a large file allocates hundreds of thousands of
    objects and no garbage; with the collector running, its repeated full
    scans make reading several times slower.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_depth(text: str, path: str) -> None:
    """Refuse, at its place, text that nests far deeper than any drill document (before a parser recurses)."""
    deep = _too_deep(text, MAX_DEPTH * 4)
    if deep is not None:
        raise PlanError([Problem(Location(path, *deep),
                                 _("nesting is deeper than {depth} levels; a plan never needs that")
                                 .format(depth=MAX_DEPTH))])


def parse_yaml(text: str, path: str) -> Node:
    """Parse one YAML document into a :class:`Node`; raise PlanError when it is bad."""
    check_depth(text, path)
    with _gc_paused():
        try:
            composed = yaml.compose(text, Loader=_Loader)
        except yaml.composer.ComposerError as exc:
            raise PlanError([_problem_from_mark(path, exc, _("expected a single YAML document"))]) from None
        except yaml.MarkedYAMLError as exc:
            raise PlanError([_problem_from_mark(path, exc, _("is not valid YAML"))]) from None
        except yaml.YAMLError as exc:
            raise PlanError([Problem(Location(path, 1, 1), _("is not valid YAML: {reason}").format(
                reason=exc))]) from None
        except RecursionError:
            raise PlanError([Problem(Location(path, 1, 1),
                                     _("nesting is deeper than {depth} levels").format(
                                         depth=MAX_DEPTH))]) from None
        if composed is None:
            raise PlanError([Problem(Location(path, 1, 1), _("file is empty; expected a mapping"))])
        _check_expanded_size(composed, path)
        problems: list[Problem] = []
        builder = _Builder(path, problems)
        node = builder.build(composed, 0)
    if problems:
        raise PlanError(cap_problems(problems))
    return node


#: Most problems one file reports; past that, the rest are counted.
MAX_PROBLEMS = 200


# One character policy for every input: drill.model.text_safety.
_UNSAFE_CHARS = UNSAFE_CHARS


def cap_problems(problems: list[Problem]) -> list[Problem]:
    """Keep the first :data:`MAX_PROBLEMS` problems (by place) and count the rest.

    A generated or hostile file can have a problem on every line; printing
    a million of them helps nobody.
    """
    problems = [p if unsafe_char(p.message) is None else Problem(p.location, printable(p.message))
                for p in problems]
    if len(problems) <= MAX_PROBLEMS:
        return problems
    ordered = sorted(problems, key=lambda p: (p.location, p.message))
    kept = ordered[:MAX_PROBLEMS]
    last = kept[-1].location
    more = len(problems) - MAX_PROBLEMS
    # sorts after every kept problem: same place as the last one, and "…" is
    # above every ASCII character
    kept.append(Problem(last, ngettext("… and {count} more problem (fix these first)",
                                       "… and {count} more problems (fix these first)",
                                       more).format(count=more)))
    return kept


def _check_expanded_size(root: yaml.Node, path: str) -> None:
    """Refuse alias bombs and self-referencing aliases before expanding anything.

    Aliases make the composed graph share nodes; its size once expanded is
    computed bottom-up with each shared node counted once per use, in time
    proportional to the number of distinct nodes.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    # iterative post-order walk, so deep files cannot exhaust the stack
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        ynode, expanded = stack.pop()
        key = id(ynode)
        if not expanded:
            if key in sizes:
                continue
            if key in on_path:
                mark = ynode.start_mark
                raise PlanError([Problem(Location(path, mark.line + 1, mark.column + 1),
                                         _("an alias refers to a node that contains it; "
                                           "drill cannot read self-referencing YAML"))])
            on_path.add(key)
            stack.append((ynode, True))
            for child in _yaml_children(ynode):
                if id(child) in on_path:
                    mark = child.start_mark
                    raise PlanError([Problem(Location(path, mark.line + 1, mark.column + 1),
                                             _("an alias refers to a node that contains it; "
                                               "drill cannot read self-referencing YAML"))])
                if id(child) not in sizes:
                    stack.append((child, False))
            continue
        on_path.discard(key)
        total = 1 + sum(sizes[id(child)] for child in _yaml_children(ynode))
        sizes[key] = total
        if total > MAX_NODES:
            mark = ynode.start_mark
            raise PlanError([Problem(Location(path, mark.line + 1, mark.column + 1),
                                     _("document has more than {count} nodes once its aliases "
                                       "are expanded (an alias bomb or a file far larger than any "
                                       "plan); refusing to read it").format(count=MAX_NODES))])


def _yaml_children(ynode: yaml.Node) -> list[yaml.Node]:
    if isinstance(ynode, yaml.MappingNode):
        return [n for pair in ynode.value for n in pair]
    if isinstance(ynode, yaml.SequenceNode):
        return list(ynode.value)
    return []


def load_yaml(path: str) -> Node:
    return parse_yaml(read_text(path), path)


def _problem_from_mark(path: str, exc: yaml.MarkedYAMLError, default: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path, 1, 1)
    what = exc.problem or default
    if exc.context:
        what = f"{exc.context}: {what}"
    return Problem(loc, _("YAML syntax error: {reason}").format(reason=what))


class _Builder:
    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems
        self.count = 0
        self.overflow = False

    def loc(self, ynode: yaml.Node) -> Location:
        mark = ynode.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def build(self, ynode: yaml.Node, depth: int) -> Node:
        self.count += 1
        loc = self.loc(ynode)
        if self.count > MAX_NODES:
            if not self.overflow:
                self.overflow = True
                self.problems.append(Problem(loc, _("document has more than {count} nodes (after "
                                                    "expanding aliases); refusing to read it").format(
                                                        count=MAX_NODES)))
            return Node("scalar", loc)
        if depth > MAX_DEPTH:
            if not self.overflow:
                self.overflow = True
                self.problems.append(Problem(loc, _("nesting is deeper than {depth} levels").format(
                    depth=MAX_DEPTH)))
            return Node("scalar", loc)
        if isinstance(ynode, yaml.MappingNode):
            if ynode.tag != "tag:yaml.org,2002:map":
                self.problems.append(Problem(loc, _("tag {tag} is not allowed; drill reads plain "
                                                    "YAML only").format(tag=ynode.tag)))
            node = Node("map", loc)
            for key_node, value_node in ynode.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.append(Problem(self.loc(key_node),
                                                 _("merge keys (<<) are not supported; write the keys out")))
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(Problem(self.loc(key_node), _("a mapping key must be a plain name")))
                    continue
                if self.overflow:
                    break
                key = self.build(key_node, depth + 1)
                name = key.raw
                built = self.build(value_node, depth + 1)
                if name in node.items:
                    first = node.items[name][0].location
                    self.problems.append(Problem(key.location, _(
                        "duplicate key '{key}' (first at line {line}); remove one of them").format(
                            key=name, line=first.line)))
                    continue
                node.items[name] = (key, built)
            return node
        if isinstance(ynode, yaml.SequenceNode):
            if ynode.tag != "tag:yaml.org,2002:seq":
                self.problems.append(Problem(loc, _("tag {tag} is not allowed; drill reads plain "
                                                    "YAML only").format(tag=ynode.tag)))
            node = Node("seq", loc)
            for child in ynode.value:
                node.children.append(self.build(child, depth + 1))
                if self.overflow:
                    break
            return node
        # scalar
        tag = ynode.tag
        raw = ynode.value
        quoted = getattr(ynode, "style", None) in ("'", '"', "|", ">")
        bad_char = unsafe_char(raw)
        if bad_char is not None:
            self.problems.append(Problem(loc, _("text contains the control character {code}; remove it "
                                                "(it could disturb a terminal or hide text)").format(
                                                    code=f"U+{ord(bad_char):04X}")))
            raw = printable(raw)
        if tag not in _SCALAR_TAGS:
            self.problems.append(Problem(loc, _("tag {tag} is not allowed; drill reads plain YAML only")
                                         .format(tag=tag)))
            return Node("scalar", loc, value=raw, raw=raw, quoted=quoted)
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            value: Any = raw
        else:
            try:
                value = _SAFE_CONSTRUCTOR.construct_object(ynode)
            except Exception:  # a malformed scalar: keep its text, rules will complain
                value = raw
        return Node("scalar", loc, value=value, raw=raw, quoted=quoted)
