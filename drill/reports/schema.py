"""JSON Schemas of plan and scenario files, for completion and checking in editors.

With the YAML language server (VS Code's YAML extension, Neovim, Helix...) a
first line ``# yaml-language-server: $schema=plan.schema.json`` gives plan
authors completion of every key and a red underline on a typo while they
type.  The schema mirrors the loader (:mod:`drill.loading`): the lists of
allowed keys are taken from the loader itself so the two cannot drift apart,
and ``additionalProperties: false`` makes an unknown key an error in the
editor just as it is in ``drill validate``.  The loader stays the authority:
cross-references (does this channel exist?) are only checked by drill.
"""

from __future__ import annotations

import json
from typing import Any

from drill.loading import plans, scenarios, walkthrough

SCHEMA_BASE = "https://drill.example/schema"

DURATION: dict[str, Any] = {
    "description": "A duration: 90s, 15m, 2h, 1h30m, 1d, or a bare number of minutes.",
    "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": r"^\s*(\d+(\.\d+)?\s*)$|^\s*(\d+(\.\d+)?d)?\s*(\d+(\.\d+)?h)?\s*"
                                      r"(\d+(\.\d+)?m(in)?)?\s*(\d+(\.\d+)?s)?\s*$", "minLength": 1},
    ],
}
ID: dict[str, Any] = {"type": "string", "minLength": 1}
CLOCK: dict[str, Any] = {"type": "string", "pattern": r"^\d{1,2}:\d{2}$",
                         "description": 'A local clock time, "HH:MM" (quote it in YAML).'}
TEXT: dict[str, Any] = {"type": ["string", "number"]}


def _ids(description: str) -> dict[str, Any]:
    return {"description": description, "anyOf": [ID, {"type": "array", "items": ID}]}


def _dependencies(description: str) -> dict[str, Any]:
    item = {"anyOf": [ID, {"type": "object", "additionalProperties": False, "required": ["id"],
                           "properties": {"id": ID, "grace": {**DURATION, "description":
                                          "Goes down only after the dependency has been down this long."}}}]}
    return {"description": description, "anyOf": [ID, {"type": "array", "items": item}, {"type": "null"}]}


def _object(keys: tuple[str, ...], properties: dict[str, Any], required: tuple[str, ...] = (),
            description: str = "") -> dict[str, Any]:
    missing = [k for k in keys if k not in properties]
    if missing:  # pragma: no cover - a loader key without a schema entry is a bug
        raise AssertionError(f"schema lacks loader keys {missing}")
    out: dict[str, Any] = {"type": "object", "additionalProperties": False,
                           "properties": {k: properties[k] for k in keys}}
    if required:
        out["required"] = list(required)
    if description:
        out["description"] = description
    return out


def _named(value: dict[str, Any], description: str, nullable: bool = False) -> dict[str, Any]:
    schema = value if not nullable else {"anyOf": [value, {"type": "null"}]}
    return {"type": "object", "description": description, "additionalProperties": schema}


def plan_schema() -> dict[str, Any]:
    calendar = _object(plans.CALENDAR_KEYS, {
        "days": {"type": "array", "items": {"type": "string", "pattern":
                 "^(?i)(mon|tue|wed|thu|fri|sat|sun)(day|sday|nesday|rsday|urday)?$"},
                 "description": "Weekdays: mon, tue, wed, thu, fri, sat, sun (default every day)."},
        "from": {**CLOCK, "description": "Opens at this local time."},
        "to": {**CLOCK, "description": "Closes at this local time; not after from = runs past midnight."},
        "on_holidays": {"type": "boolean", "description": "Staffed on the plan's holidays too."},
        "label": TEXT}, ("from", "to"), "When a contact is staffed.")
    calendar["properties"]["days"]["items"].pop("pattern")
    calendar["properties"]["days"]["items"]["enum"] = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    component = _object(plans.COMPONENT_KEYS, {
        "label": TEXT, "kind": {"type": "string", "description": "power, cable, pbx, network, carrier..."},
        "depends_on": _dependencies("Components this one needs."),
        "p_fail": {"type": "number", "minimum": 0, "maximum": 1,
                   "description": "Probability of failure, for sweeps."},
        "description": TEXT}, (), "Something that can fail.")
    channel = _object(plans.CHANNEL_KEYS, {
        "label": TEXT, "depends_on": _dependencies("Components the channel needs everywhere."),
        "latency": {**DURATION, "description": "Time for a message to get through."},
        "fail_after": {**DURATION, "description": "When it fails, the sender learns it after this long."},
        "busy": {**DURATION, "description": "How long an attempt holds one of the sender's lines."},
        "p_fail": {"type": "number", "minimum": 0, "maximum": 1}, "description": TEXT},
        (), "A medium a message can travel on.")
    contact = _object(plans.CONTACT_KEYS, {
        "address": {**TEXT, "description": "Number or address (personal data: left out of reports)."},
        "depends_on": _dependencies("Components this party's end of the channel needs."),
        "hours": {**ID, "description": "Calendar id; default the party's hours."},
        "note": TEXT,
        "verified": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                     "description": "When the contact was last confirmed, YYYY-MM-DD."}},
        (), "How this party is reached on one channel.")
    party = _object(plans.PARTY_KEYS, {
        "label": TEXT, "org": TEXT,
        "lines": {"type": "integer", "minimum": 1, "description": "Attempts it can run at once (default 1)."},
        "hours": {**ID, "description": "Default calendar of its contacts (default always)."},
        "deputies": _ids("Tried, in order, when this party cannot be reached."),
        "contacts": _named(contact, "channel id -> contact", nullable=True),
        "description": TEXT}, (), "A person or an office.")
    retry = _object(plans.RETRY_KEYS, {"every": DURATION, "until": DURATION}, ("every", "until"))
    step = _object(plans.STEP_KEYS, {
        "id": ID, "label": TEXT,
        "from": {**ID, "description": "A party id or $origin."},
        "to": _ids("Parties, @groups or $origin."),
        "via": _ids("Channels in order of preference."),
        "within": {**DURATION, "description": "Deadline, measured from t = 0."},
        "delay": {**DURATION, "description": "Preparation before the first attempt."},
        "retry": retry, "description": TEXT}, ("id", "from", "to", "via"), "Who notifies whom, over what.")
    procedure = _object(plans.PROCEDURE_KEYS, {
        "label": TEXT, "assumes_down": _ids("What this kind of incident takes down."),
        "origins": _ids("Who can raise it (default any party)."),
        "steps": {"type": "array", "items": step}, "description": TEXT}, ("steps",))
    top = _object(plans.PLAN_KEYS, {
        "plan": {**ID, "description": "The plan's id."},
        "title": TEXT, "description": TEXT,
        "timezone": {"type": "string", "description": "IANA name, e.g. Asia/Tokyo."},
        "holidays": {"type": "array", "items": {"type": ["string"], "format": "date"}},
        "calendars": _named(calendar, "calendar id -> calendar (always is built in)"),
        "components": _named(component, "component id -> component", nullable=True),
        "channels": _named(channel, "channel id -> channel", nullable=True),
        "parties": _named(party, "party id -> party", nullable=True),
        "groups": _named({"type": "array", "items": ID}, 'group name -> members ("@name" nests a group)'),
        "procedures": _named(procedure, "incident type -> procedure"),
    }, ("plan",), "A drill contact plan (FORMAT.md section 1).")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{SCHEMA_BASE}/plan.json",
            "title": "drill contact plan", **top}


def scenario_schema() -> dict[str, Any]:
    inject = _object(scenarios.INJECT_KEYS, {
        "at": DURATION, "fail": _ids("Components or channels that fail."),
        "restore": _ids("Components or channels that come back."),
        "absent": _ids("Parties that cannot be reached."), "back": _ids("Parties reachable again."),
        "note": TEXT}, ("at",), "Something the organiser makes happen.")
    expectation = {"type": "object", "additionalProperties": False, "description": "A drill objective.",
                   "properties": {"step": ID, "informed": _ids("Parties or @groups."),
                                  "delivered": {"const": "all"}, "by": DURATION},
                   "oneOf": [{"required": ["step"]}, {"required": ["informed"]}, {"required": ["delivered"]}]}
    jump = {**ID, "description": "The id of the walkthrough step to continue at."}
    choice = _object(walkthrough.CHOICE_KEYS, {"text": TEXT, "correct": {"type": "boolean"}, "why": TEXT,
                                               "next": jump, "goto": jump}, ("text",))
    walk = _object(walkthrough.WALK_KEYS, {
        "id": ID, "at": DURATION, "say": TEXT, "ask": TEXT,
        "act": {**ID, "description": "A step id the trainee performs by hand."},
        "choices": {"type": "array", "items": choice, "minItems": 1}, "hint": TEXT,
        "goto": jump, "on_fail": jump, "on_late": jump}, (),
        "A trainee step: say, ask or act.")
    walk["oneOf"] = [{"required": ["say"]}, {"required": ["ask"]}, {"required": ["act"]}]
    top = _object(scenarios.SCENARIO_KEYS, {
        "scenario": {**ID, "description": "The scenario's id."},
        "title": TEXT, "description": TEXT,
        "plan": {"type": "string", "description": "The plan file, relative to this file."},
        "start": {"type": "string", "description": "Local start time YYYY-MM-DDTHH:MM in the plan's timezone."},
        "incident": _object(scenarios.INCIDENT_KEYS, {"type": ID, "origin": ID}, ("type", "origin")),
        "horizon": {**DURATION, "description": "The simulation stops here."},
        "injects": {"anyOf": [{"type": "array", "items": inject}, {"type": "null"}]},
        "expect": {"anyOf": [{"type": "array", "items": expectation}, {"type": "null"}]},
        "walkthrough": {"anyOf": [{"type": "array", "items": walk}, {"type": "null"}]},
    }, ("scenario", "plan", "start", "incident"), "A drill scenario (FORMAT.md section 2).")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{SCHEMA_BASE}/scenario.json",
            "title": "drill scenario", **top}


SCHEMAS = {"plan": plan_schema, "scenario": scenario_schema}


def render_schema(kind: str) -> str:
    return json.dumps(SCHEMAS[kind](), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
