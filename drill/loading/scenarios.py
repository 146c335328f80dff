"""Scenario files (FORMAT.md sections 2 and 5) to :class:`~drill.model.Scenario`.

A scenario names its plan by a path relative to the scenario file; the plan is
loaded and checked first, then every reference of the scenario is checked
against it.  Problems of both files are reported together.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from drill.i18n import _
from drill.loading.plans import load_plan, plan_from_node
from drill.loading.reader import Reader, suggest
from drill.loading.walkthrough import walkthrough_steps as _walkthrough
from drill.loading.yamlnodes import Node, cap_problems, load_yaml
from drill.model.errors import Location, PlanError, Problem
from drill.model.plan import Plan
from drill.model.scenario import Expectation, Inject, Scenario

SCENARIO_KEYS = ("scenario", "title", "description", "plan", "start", "incident", "horizon",
                 "injects", "expect", "walkthrough")
INCIDENT_KEYS = ("type", "origin")
INJECT_KEYS = ("at", "fail", "restore", "absent", "back", "note")


def is_scenario_node(root: Node) -> bool:
    return root.kind == "map" and "scenario" in root.items


def load_document(path: str) -> Plan | Scenario:
    """Load a plan or a scenario, whichever the file is."""
    root = load_yaml(path)
    if is_scenario_node(root):
        return scenario_from_node(root, path)
    if root.kind == "map" and "plan" in root.items and root.items["plan"][1].kind == "scalar" \
            and ("parties" in root.items or "procedures" in root.items or "components" in root.items
                 or "channels" in root.items):
        return plan_from_node(root, path)
    if root.kind == "map" and ("start" in root.items or "incident" in root.items):
        return scenario_from_node(root, path)
    if root.kind != "map":
        raise PlanError([Problem(root.location, _("expected a plan or a scenario (a mapping), not {found}").format(found=root.describe(quote=False)))])
    return plan_from_node(root, path)


def load_scenario(path: str) -> Scenario:
    root = load_yaml(path)
    return scenario_from_node(root, path)


#: ``YYYY-MM-DDTHH:MM`` with optional seconds, ASCII digits only: no date
#: without a time (silently midnight), no week dates or compact forms, which
#: ``datetime.fromisoformat`` would take.
START_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?$"
_START = re.compile(START_PATTERN)
#: Years a start may be in: far from year 1 and 9999, where a timezone
#: offset overflows.
START_YEARS = (1900, 2999)


def parse_start(text: str) -> datetime:
    """A local start time ``YYYY-MM-DDTHH:MM[:SS]`` (a space may replace T); ValueError otherwise."""
    text = text.strip()
    if not _START.match(text):
        raise ValueError("not YYYY-MM-DDTHH:MM")
    value = datetime.fromisoformat(text.replace(" ", "T", 1))
    if not START_YEARS[0] <= value.year <= START_YEARS[1]:
        raise ValueError("year out of range")
    return value


def scenario_from_node(root: Node, path: str) -> Scenario:
    reader = Reader()
    top = reader.document(root, _("the scenario"), SCENARIO_KEYS, ("scenario", "plan", "start", "incident"))
    if root.kind != "map":
        raise PlanError(cap_problems(reader.problems))
    plan: Plan | None = None
    plan_path = ""
    plan_text = reader.string(top.get("plan"), "plan")
    if plan_text is not None:
        plan_path = os.path.normpath(os.path.join(os.path.dirname(path) or ".", plan_text))
        if "\0" in plan_text or not plan_text.strip():
            reader.error(top["plan"], _("plan must name the plan's YAML file, relative to this scenario"))
        elif os.path.realpath(plan_path) == os.path.realpath(path):
            reader.error(top["plan"], _("plan names this scenario file itself; name the plan's YAML file"))
        elif not os.path.exists(plan_path):
            reader.error(top["plan"], _("plan file '{name}' not found (looked for {path}; the path is relative to this scenario file)").format(name=plan_text, path=plan_path))
        elif os.path.isdir(plan_path):
            reader.error(top["plan"], _("plan '{name}' is a directory; name the plan's YAML file").format(name=plan_text))
        else:
            try:
                plan = load_plan(plan_path)
            except PlanError as exc:
                for problem in exc.problems:
                    if problem.location.line <= 0:
                        # about the plan file as a whole (unreadable, not a file):
                        # point at the line of the scenario that names it
                        shown = f"'{plan_text}'" + (f" ({plan_path})" if plan_path != plan_text else "")
                        reader.error(top["plan"], _("plan file {shown} {reason}").format(shown=shown, reason=problem.message))
                    else:
                        reader.problems.append(problem)
    scenario = _build(reader, top, root, path, plan, plan_path)
    if reader.problems or scenario is None:
        raise PlanError(cap_problems(reader.problems))
    return scenario


def _build(reader: Reader, top: dict[str, Node], root: Node, path: str, plan: Plan | None,
           plan_path: str) -> Scenario | None:
    sid = reader.identifier(top.get("scenario"), "scenario") or "?"
    title = reader.string(top.get("title"), "title", sid) or sid
    start = None
    if "start" in top:
        text = reader.string(top["start"], "start")
        if text is not None:
            try:
                start = parse_start(text)
            except ValueError:
                reader.error(top["start"], _("'{text}' is not a date and time; write YYYY-MM-DDTHH:MM (local time in the plan's timezone)").format(text=text))
    if start is not None and start.tzinfo is not None and plan is not None:
        start = start.astimezone(ZoneInfo(plan.timezone)).replace(tzinfo=None)
    incident = reader.mapping(top["incident"], _("incident"), INCIDENT_KEYS, ("type", "origin")) \
        if "incident" in top else {}
    itype = reader.identifier(incident.get("type"), _("incident type"))
    origin = reader.identifier(incident.get("origin"), _("incident origin"))
    horizon = reader.duration(top.get("horizon"), "horizon")
    injects = _injects(reader, top.get("injects"), plan)
    expect = _expectations(reader, top.get("expect"), plan, itype)
    walkthrough = _walkthrough(reader, top.get("walkthrough"), plan, itype)

    if plan is not None:
        if itype is not None and itype not in plan.procedures:
            reader.error(incident["type"], _("unknown incident type '{type}'{hint} (the plan has: {known})").format(type=itype, hint=suggest(itype, plan.procedures), known=", ".join(plan.procedures) or _("no procedures")))
        if origin is not None:
            if origin not in plan.parties:
                reader.error(incident["origin"], _("unknown origin party '{origin}'{hint}").format(origin=origin, hint=suggest(origin, plan.parties)))
            elif itype in plan.procedures:
                proc = plan.procedures[itype]
                if proc.origins is not None and origin not in plan.expand(proc.origins):
                    reader.error(incident["origin"], _("'{origin}' cannot raise '{type}': the procedure's origins are {origins}").format(origin=origin, type=itype, origins=", ".join(proc.origins)))
    if plan is None or start is None or itype is None or origin is None:
        return None
    return Scenario(id=sid, title=title, plan=plan, start=start, incident=itype, origin=origin,
                    injects=tuple(injects), expect=tuple(expect), horizon=horizon,
                    walkthrough=tuple(walkthrough), path=path, plan_path=plan_path,
                    location=root.location)


def _injects(reader: Reader, node: Node | None, plan: Plan | None) -> list[Inject]:
    out: list[Inject] = []
    if node is None or node.is_null:
        return out
    if node.kind != "seq":
        reader.error(node, _("injects must be a list, not {found}").format(found=node.describe()))
        return out
    failable = set(plan.components) | set(plan.channels) if plan else set()
    for item in node.children:
        fields = reader.mapping(item, _("an inject"), INJECT_KEYS, ("at",))
        if item.kind != "map":
            continue
        at = reader.duration(fields.get("at"), "at")
        lists = {}
        for key in ("fail", "restore", "absent", "back"):
            entries = reader.string_list(fields.get(key), key)
            if plan is not None:
                known = failable if key in ("fail", "restore") else set(plan.parties)
                what = _("component or channel") if key in ("fail", "restore") else _("party")
                for ident, inode in entries:
                    if ident not in known:
                        reader.error(inode, _("unknown {what} '{id}'{hint}").format(what=what, id=ident, hint=suggest(ident, known)))
            lists[key] = tuple(i for i, _ in entries)
        note = reader.string(fields.get("note"), "note")
        if not any(lists.values()) and note is None:
            reader.error(item, _("an inject needs fail, restore, absent, back or at least a note"))
        if at is not None:
            out.append(Inject(at=at, note=note, location=item.location, **lists))
    return out


def _expectations(reader: Reader, node: Node | None, plan: Plan | None, itype: str | None) -> list[Expectation]:
    out: list[Expectation] = []
    if node is None or node.is_null:
        return out
    if node.kind != "seq":
        reader.error(node, _("expect must be a list, not {found}").format(found=node.describe()))
        return out
    proc = plan.procedures.get(itype) if plan is not None and itype else None
    for item in node.children:
        fields = reader.mapping(item, _("an expectation"), ("step", "informed", "delivered", "by"))
        if item.kind != "map":
            continue
        kinds = [k for k in ("step", "informed", "delivered") if k in fields]
        if len(kinds) != 1:
            reader.error(item, _("an expectation needs exactly one of step, informed or delivered"))
            continue
        kind = kinds[0]
        by = reader.duration(fields.get("by"), "by")
        target_node = fields[kind]
        if kind == "informed" and target_node.kind == "seq":
            targets = reader.string_list(target_node, "informed")
            target = ",".join(t for t, _ in targets)
        else:
            text = reader.string(target_node, kind)
            if text is None:
                continue
            targets = [(text, target_node)]
            target = text
        if kind == "step" and proc is not None and target not in {s.id for s in proc.steps}:
            reader.error(target_node, _("procedure '{procedure}' has no step '{step}'{hint}").format(procedure=proc.id, step=target, hint=suggest(target, [s.id for s in proc.steps])))
        if kind == "delivered" and target != "all":
            reader.error(target_node, _("delivered takes 'all' (every task within its own deadline)"))
        if kind == "informed" and plan is not None:
            for ident, tnode in targets:
                if ident == "$origin":
                    continue
                if ident.startswith("@"):
                    if ident[1:] not in plan.groups:
                        reader.error(tnode, _("unknown group '{group}'{hint}").format(group=ident, hint=suggest(ident, ['@' + g for g in plan.groups])))
                elif ident not in plan.parties:
                    reader.error(tnode, _("unknown party '{id}'{hint}").format(id=ident, hint=suggest(ident, plan.parties)))
        out.append(Expectation(kind=kind, target=target, by=by, raw=item.plain(), location=item.location))
    return out


__all__ = ["load_document", "load_scenario", "scenario_from_node", "Location"]
