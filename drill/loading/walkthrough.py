"""A scenario's ``walkthrough`` (FORMAT.md section 5) and its jumps, checked at ``file:line:column``.

Branching is an optional extension: a step may carry an ``id``; a choice may
say ``goto: ID`` (older spelling ``next:``); any step may say ``goto: ID`` (what
follows it instead of the next step in the list); an act step may say
``on_fail: ID`` (some recipient was not reached) and ``on_late: ID`` (everyone
was reached, but after the step's ``within``).  Every jump must name an ``id``
of the same walkthrough, and from every step the walkthrough can reach must
some path lead to its end: a loop with no way out is an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.loading.reader import Reader, suggest
from drill.loading.yamlnodes import Node
from drill.model.plan import Plan
from drill.model.scenario import Choice, WalkthroughStep

WALK_KEYS = ("id", "at", "say", "ask", "act", "choices", "hint", "goto", "on_fail", "on_late")
CHOICE_KEYS = ("text", "correct", "why", "next", "goto")


@dataclass(frozen=True)
class _Jump:
    source: int
    """Position of the step the jump leaves from."""
    target: str
    node: Node


def walkthrough_steps(reader: Reader, node: Node | None, plan: Plan | None,
                      itype: str | None) -> list[WalkthroughStep]:
    out: list[WalkthroughStep] = []
    if node is None or node.is_null:
        return out
    if node.kind != "seq":
        reader.error(node, f"walkthrough must be a list, not {node.describe()}")
        return out
    proc = plan.procedures.get(itype) if plan is not None and itype else None
    step_ids = [s.id for s in proc.steps] if proc is not None else None
    proc_name = proc.id if proc is not None else ""
    jumps: list[_Jump] = []
    ids: dict[str, int] = {}
    for item in node.children:
        step = _step(reader, item, (proc_name, step_ids), len(out), jumps)
        if step is None:
            continue
        if step.id:
            if step.id in ids:
                reader.error(item.items["id"][1], f"two walkthrough steps have the id '{step.id}'")
            ids.setdefault(step.id, len(out))
        out.append(step)
    broken = False
    for jump in jumps:
        if jump.target not in ids:
            broken = True
            reader.error(jump.node, f"no walkthrough step has the id '{jump.target}'{suggest(jump.target, ids)}")
    if not broken and out:
        _check_loops(reader, out, ids, node)
    return out


def _step(reader: Reader, item: Node, procedure: tuple[str, list[str] | None], position: int,
          jumps: list[_Jump]) -> WalkthroughStep | None:
    fields = reader.mapping(item, "a walkthrough step", WALK_KEYS)
    if item.kind != "map":
        return None
    kinds = [k for k in ("say", "ask", "act") if k in fields]
    if len(kinds) != 1:
        reader.error(item, "a walkthrough step needs exactly one of say, ask or act")
        return None
    kind = kinds[0]
    at = reader.duration(fields.get("at"), "at")
    wid = reader.string(fields.get("id"), "id")
    choices = _choices(reader, fields, item, position, jumps) if kind == "ask" else []
    if kind != "ask" and "choices" in fields:
        reader.error(fields["choices"], "choices belong to an ask step")
    for key in ("on_fail", "on_late"):
        if key in fields and kind != "act":
            reader.error(fields[key], f"{key} belongs to an act step")
    targets = {key: _target(reader, fields.get(key), key, position, jumps)
               for key in ("goto", "on_fail", "on_late")}
    step_id = None
    text = None
    if kind == "act":
        step_id = reader.string(fields["act"], "act")
        proc_name, step_ids = procedure
        if step_ids is not None and step_id is not None and step_id not in step_ids:
            reader.error(fields["act"], f"procedure '{proc_name}' has no step '{step_id}'{suggest(step_id, step_ids)}")
    else:
        text = reader.string(fields[kind], kind)
    return WalkthroughStep(kind=kind, at=at, text=text, choices=tuple(choices), step=step_id,
                           hint=reader.string(fields.get("hint"), "hint"), id=wid,
                           goto=targets["goto"], on_fail=targets["on_fail"] if kind == "act" else None,
                           on_late=targets["on_late"] if kind == "act" else None, location=item.location)


def _target(reader: Reader, node: Node | None, key: str, position: int, jumps: list[_Jump]) -> str | None:
    target = reader.string(node, key)
    if target is not None and node is not None:
        jumps.append(_Jump(position, target, node))
    return target


def _choices(reader: Reader, fields: dict[str, Node], item: Node, position: int,
             jumps: list[_Jump]) -> list[Choice]:
    cnode = fields.get("choices")
    if cnode is None or cnode.kind != "seq" or not cnode.children:
        reader.error(cnode or item, "an ask step needs a non-empty list of choices")
        return []
    out = []
    for citem in cnode.children:
        cf = reader.mapping(citem, "a choice", CHOICE_KEYS, ("text",))
        if citem.kind != "map":
            continue
        if "goto" in cf and "next" in cf:
            reader.error(cf["next"], "a choice takes goto or next (the same thing), not both")
        key = "goto" if "goto" in cf else "next"
        target = _target(reader, cf.get(key), key, position, jumps)
        out.append(Choice(text=reader.string(cf.get("text"), "text", "") or "",
                          correct=reader.boolean(cf.get("correct"), "correct"),
                          why=reader.string(cf.get("why"), "why"), next=target))
    return out


def successors(steps: list[WalkthroughStep], ids: dict[str, int], position: int) -> set[int]:
    """Positions that may follow the step at ``position`` (``len(steps)`` is the end)."""
    step = steps[position]
    default = ids[step.goto] if step.goto else position + 1
    if step.kind == "ask":
        return {ids[c.next] if c.next else default for c in step.choices} or {default}
    out = {default}
    for target in (step.on_fail, step.on_late):
        if target:
            out.add(ids[target])
    return out


def _check_loops(reader: Reader, steps: list[WalkthroughStep], ids: dict[str, int], node: Node) -> None:
    """Every step reachable from the first must have some way to the end."""
    end = len(steps)
    edges = {i: successors(steps, ids, i) for i in range(end)}
    reachable, todo = {0}, [0]
    while todo:
        for nxt in edges[todo.pop()]:
            if nxt != end and nxt not in reachable:
                reachable.add(nxt)
                todo.append(nxt)
    finishing = {end}
    changed = True
    while changed:
        changed = False
        for i in range(end):
            if i not in finishing and edges[i] & finishing:
                finishing.add(i)
                changed = True
    stuck = sorted(reachable - finishing)
    if not stuck:
        return
    first = stuck[0]
    names = ", ".join(steps[i].id or f"#{i + 1}" for i in stuck)
    where = node.children[first] if first < len(node.children) else node
    step_node = next((c for c in node.children if c.location == steps[first].location), where)
    reader.error(step_node, f"this step starts a loop that never ends: from here the walkthrough can never "
                            f"reach its end (steps {names}); give the loop a way out")


__all__ = ["CHOICE_KEYS", "WALK_KEYS", "successors", "walkthrough_steps"]
