"""Contact plan files (FORMAT.md section 1) to :class:`~drill.model.Plan`.

Every rule of the format is checked here and every problem is collected with
its ``file:line:column``; a plan that loads is consistent: every reference
resolves, components and groups have no cycles, durations are sane.
"""

from __future__ import annotations

import zoneinfo
from datetime import date

import networkx as nx

from drill.i18n import N_, _
from drill.loading.reader import Reader, suggest
from drill.loading.yamlnodes import Node, cap_problems, load_yaml, parse_yaml
from drill.model.errors import Location, PlanError, Problem
from drill.model.plan import (
    ORIGIN,
    WEEKDAYS,
    Calendar,
    Channel,
    Component,
    Contact,
    Dependency,
    Party,
    Plan,
    Procedure,
    Retry,
    Step,
)

PLAN_KEYS = ("plan", "title", "description", "timezone", "holidays", "calendars", "components",
             "channels", "parties", "groups", "procedures")
CALENDAR_KEYS = ("days", "from", "to", "on_holidays", "label", "label_en")
COMPONENT_KEYS = ("label", "label_en", "kind", "depends_on", "p_fail", "description")
CHANNEL_KEYS = ("label", "label_en", "depends_on", "latency", "fail_after", "busy", "p_fail", "description")
PARTY_KEYS = ("label", "label_en", "org", "lines", "hours", "deputies", "contacts", "description")
CONTACT_KEYS = ("address", "depends_on", "hours", "note", "verified")
PROCEDURE_KEYS = ("label", "label_en", "assumes_down", "origins", "steps", "description")
STEP_KEYS = ("id", "label", "label_en", "from", "to", "via", "within", "delay", "retry", "description")
RETRY_KEYS = ("every", "until")


def load_plan(path: str) -> Plan:
    """Load and check a plan file; raise :class:`PlanError` listing every problem."""
    return plan_from_node(load_yaml(path), path)


def load_plan_text(text: str, path: str = "<plan>") -> Plan:
    return plan_from_node(parse_yaml(text, path), path)


def plan_from_node(root: Node, path: str) -> Plan:
    builder = _PlanBuilder(path)
    plan = builder.build(root)
    if builder.problems or plan is None:
        raise PlanError(cap_problems(builder.problems))
    return plan


class _PlanBuilder(Reader):
    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.id_places: dict[str, tuple[str, Node]] = {}

    # -- helpers --------------------------------------------------------
    def claim_id(self, ident: str, kind: str, node: Node) -> bool:
        if ident in self.id_places:
            other_kind, other = self.id_places[ident]
            self.error(node, _("id '{id}' is already used by the {kind} at line {line}; ids must be unique across components, channels and parties").format(id=ident, kind=_(other_kind), line=other.location.line))
            return False
        if ident.startswith(("@", "$")):
            self.error(node, _("id '{id}' cannot start with '{char}' (reserved for groups and $origin)").format(id=ident, char=ident[0]))
            return False
        self.id_places[ident] = (kind, node)
        return True

    def dependencies(self, node: Node | None, what: str) -> tuple[Dependency, ...]:
        if node is None or node.is_null:
            return ()
        items = node.children if node.kind == "seq" else [node] if node.kind == "scalar" else None
        if items is None:
            self.error(node, _("{what} must be a list of ids or {{id, grace}}, not {found}").format(what=what, found=node.describe()))
            return ()
        deps = []
        for item in items:
            if item.kind == "map":
                fields = self.mapping(item, _("a dependency in {what}").format(what=what), ("id", "grace"), ("id",))
                ident = self.identifier(fields.get("id"), _("dependency id"))
                grace = self.duration(fields.get("grace"), "grace", 0.0) or 0.0
                if ident is not None:
                    deps.append(Dependency(ident, grace, (fields.get("id") or item).location))
            else:
                ident = self.identifier(item, _("each item of {what}").format(what=what))
                if ident is not None:
                    deps.append(Dependency(ident, 0.0, item.location))
        return tuple(deps)

    # -- the plan -------------------------------------------------------
    def build(self, root: Node) -> Plan | None:
        top = self.document(root, _("the plan"), PLAN_KEYS, ("plan",))
        if root.kind != "map":
            return None
        plan_id = self.identifier(top.get("plan"), "plan") or "?"
        title = self.string(top.get("title"), "title", plan_id) or plan_id
        timezone = self.string(top.get("timezone"), "timezone", "Asia/Tokyo") or "Asia/Tokyo"
        if "timezone" in top:
            if not _known_timezone(timezone):
                self.error(top["timezone"], _("unknown timezone '{timezone}'; use an IANA name such as Asia/Tokyo").format(timezone=timezone))
                timezone = "Asia/Tokyo"
        holidays = self.holidays(top.get("holidays"))
        calendars = self.calendars(top.get("calendars"))
        components = self.components(top.get("components"))
        channels = self.channels(top.get("channels"))
        parties, contact_nodes = self.parties(top.get("parties"))
        groups, group_locations = self.groups(top.get("groups"))
        procedures = self.procedures(top.get("procedures"))

        self.check_references(calendars, components, channels, parties, groups, procedures)
        return Plan(
            id=plan_id, title=title, timezone=timezone, calendars=calendars,
            components=components, channels=channels, parties=parties, groups=groups,
            procedures=procedures, holidays=holidays, path=self.path,
            location=root.location, group_locations=group_locations,
        )

    def day(self, node: Node | None, what: str) -> date | None:
        """A ``YYYY-MM-DD`` date (quoted or not), or None when absent."""
        if node is None or node.is_null:
            return None
        if node.kind == "scalar":
            try:
                return date.fromisoformat(node.raw.strip())
            except ValueError:
                pass
        self.error(node, _("{what} must be a date written YYYY-MM-DD, not {found}").format(what=what, found=node.describe()))
        return None

    def holidays(self, node: Node | None) -> frozenset[date]:
        out = set()
        for text, item in self.string_list(node, "holidays", allow_single=False):
            try:
                out.add(date.fromisoformat(text))
            except ValueError:
                self.error(item, _("'{text}' is not a date; write YYYY-MM-DD").format(text=text))
        return frozenset(out)

    def calendars(self, node: Node | None) -> dict[str, Calendar]:
        out: dict[str, Calendar] = {}
        for key, value in self.entries(node, "calendars"):
            cid = key.raw
            if cid == "always":
                self.error(key, _("'always' is built in and cannot be redefined"))
                continue
            fields = self.mapping(value, _("calendar '{id}'").format(id=cid), CALENDAR_KEYS, ("from", "to"))
            days: set[int] = set()
            if "days" in fields:
                for text, item in self.string_list(fields["days"], "days", allow_single=False):
                    low = text.lower()[:3]
                    if low in WEEKDAYS and text.lower() in (low, {
                            "mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday",
                            "fri": "friday", "sat": "saturday", "sun": "sunday"}[low]):
                        days.add(WEEKDAYS.index(low))
                    else:
                        self.error(item, _("'{text}' is not a day; use mon, tue, wed, thu, fri, sat, sun").format(text=text))
            else:
                days = set(range(7))
            start = self.clock(fields.get("from"), "from", 0)
            end = self.clock(fields.get("to"), "to", 0)
            on_holidays = self.boolean(fields.get("on_holidays"), "on_holidays", False)
            out[cid] = Calendar(cid, frozenset(days), start, end, on_holidays, False, key.location,
                                label=self.string(fields.get("label"), "label"),
                                label_en=self.string(fields.get("label_en"), "label_en"))
        return out

    def components(self, node: Node | None) -> dict[str, Component]:
        out: dict[str, Component] = {}
        for key, value in self.entries(node, "components"):
            cid = key.raw
            fields = self.mapping(value, _("component '{id}'").format(id=cid), COMPONENT_KEYS) if not value.is_null else {}
            if not self.claim_id(cid, N_("component"), key):
                continue
            out[cid] = Component(
                id=cid,
                label=self.string(fields.get("label"), "label", cid) or cid,
                kind=self.string(fields.get("kind"), "kind", "other") or "other",
                depends_on=self.dependencies(fields.get("depends_on"), _("depends_on of '{id}'").format(id=cid)),
                p_fail=self.number(fields.get("p_fail"), "p_fail", 0.0, 1.0),
                location=key.location,
                label_en=self.string(fields.get("label_en"), "label_en"),
            )
        return out

    def channels(self, node: Node | None) -> dict[str, Channel]:
        out: dict[str, Channel] = {}
        for key, value in self.entries(node, "channels"):
            cid = key.raw
            fields = self.mapping(value, _("channel '{id}'").format(id=cid), CHANNEL_KEYS) if not value.is_null else {}
            if not self.claim_id(cid, N_("channel"), key):
                continue
            out[cid] = Channel(
                id=cid,
                label=self.string(fields.get("label"), "label", cid) or cid,
                depends_on=self.dependencies(fields.get("depends_on"), _("depends_on of '{id}'").format(id=cid)),
                latency=self.duration(fields.get("latency"), "latency", 0.0) or 0.0,
                fail_after=self.duration(fields.get("fail_after"), "fail_after"),
                busy=self.duration(fields.get("busy"), "busy"),
                p_fail=self.number(fields.get("p_fail"), "p_fail", 0.0, 1.0),
                location=key.location,
                label_en=self.string(fields.get("label_en"), "label_en"),
            )
        return out

    def parties(self, node: Node | None) -> tuple[dict[str, Party], dict[tuple[str, str], Node]]:
        out: dict[str, Party] = {}
        contact_nodes: dict[tuple[str, str], Node] = {}
        self.deputy_nodes: dict[str, list[tuple[str, Node]]] = {}
        self.hours_nodes: list[tuple[str, Node]] = []
        self.contact_channel_nodes: list[tuple[str, Node]] = []
        for key, value in self.entries(node, "parties"):
            pid = key.raw
            fields = self.mapping(value, _("party '{id}'").format(id=pid), PARTY_KEYS) if not value.is_null else {}
            if not self.claim_id(pid, N_("party"), key):
                continue
            hours = self.string(fields.get("hours"), "hours", "always") or "always"
            if "hours" in fields:
                self.hours_nodes.append((hours, fields["hours"]))
            deputies = self.string_list(fields.get("deputies"), "deputies")
            self.deputy_nodes[pid] = deputies
            contacts = []
            for ckey, cvalue in self.entries(fields.get("contacts"), _("contacts of '{id}'").format(id=pid)):
                channel = ckey.raw
                cfields = (self.mapping(cvalue, _("contact '{channel}' of '{party}'").format(channel=channel, party=pid), CONTACT_KEYS)
                           if not cvalue.is_null else {})
                self.contact_channel_nodes.append((channel, ckey))
                chours = self.string(cfields.get("hours"), "hours")
                if chours is not None and "hours" in cfields:
                    self.hours_nodes.append((chours, cfields["hours"]))
                address = cfields.get("address")
                if address is not None and address.kind != "scalar":
                    # the message must not quote it: an address is personal data
                    self.error(address, _("address of contact '{channel}' of '{party}' must be text (a number, a mail address), not {found}").format(channel=channel, party=pid, found=address.describe()))
                    address = None
                contacts.append(Contact(
                    party=pid, channel=channel,
                    address=None if address is None or address.is_null else address.raw,
                    depends_on=self.dependencies(cfields.get("depends_on"),
                                                 _("depends_on of contact '{channel}' of '{party}'").format(channel=channel, party=pid)),
                    hours=chours, location=ckey.location,
                    verified=self.day(cfields.get("verified"), "verified"),
                ))
                contact_nodes[(pid, channel)] = ckey
            out[pid] = Party(
                id=pid,
                label=self.string(fields.get("label"), "label", pid) or pid,
                org=self.string(fields.get("org"), "org"),
                lines=self.integer(fields.get("lines"), "lines", 1, minimum=1, maximum=MAX_LINES),
                hours=hours,
                deputies=tuple(d for d, _ in deputies),
                contacts=tuple(contacts),
                location=key.location,
                label_en=self.string(fields.get("label_en"), "label_en"),
            )
        return out, contact_nodes

    def groups(self, node: Node | None) -> tuple[dict[str, tuple[str, ...]], dict[str, Location]]:
        out: dict[str, tuple[str, ...]] = {}
        locations: dict[str, Location] = {}
        self.group_member_nodes: dict[str, list[tuple[str, Node]]] = {}
        for key, value in self.entries(node, "groups"):
            gid = key.raw
            members = self.string_list(value, _("group '{id}'").format(id=gid), allow_single=False)
            out[gid] = tuple(m for m, _ in members)
            locations[gid] = key.location
            self.group_member_nodes[gid] = members
        return out, locations

    def procedures(self, node: Node | None) -> dict[str, Procedure]:
        out: dict[str, Procedure] = {}
        self.step_nodes: list[tuple[str, Step, dict[str, Node]]] = []
        self.procedure_nodes: dict[str, dict[str, Node]] = {}
        for key, value in self.entries(node, "procedures"):
            pid = key.raw
            fields = self.mapping(value, _("procedure '{id}'").format(id=pid), PROCEDURE_KEYS, ("steps",))
            self.procedure_nodes[pid] = fields
            steps: list[Step] = []
            seen: dict[str, Node] = {}
            step_list = fields.get("steps")
            if step_list is not None and step_list.kind != "seq":
                self.error(step_list, _("steps of '{id}' must be a list, not {found}").format(id=pid, found=step_list.describe()))
                step_list = None
            for item in step_list.children if step_list is not None else []:
                sfields = self.mapping(item, _("a step of '{id}'").format(id=pid), STEP_KEYS, ("id", "from", "to", "via"))
                if item.kind != "map":
                    continue
                sid = self.identifier(sfields.get("id"), _("step id"))
                if sid is None:
                    continue
                if sid in seen:
                    self.error(sfields["id"], _("step id '{id}' is already used in procedure '{procedure}' (line {line}); step ids must be unique").format(id=sid, procedure=pid, line=seen[sid].location.line))
                    continue
                seen[sid] = sfields["id"]
                senders = tuple(f for f, _ in self.string_list(sfields.get("from"), "from"))
                if "from" in sfields and not senders and sfields["from"].kind == "seq":
                    self.error(sfields["from"], "from must name at least one party or group")
                to = tuple(t for t, _ in self.string_list(sfields.get("to"), "to"))
                via = tuple(v for v, _ in self.string_list(sfields.get("via"), "via"))
                if "via" in sfields and not via:
                    self.error(sfields["via"], _("via must name at least one channel"))
                if "to" in sfields and not to:
                    self.error(sfields["to"], _("to must name at least one party or group"))
                retry = None
                if "retry" in sfields:
                    rfields = self.mapping(sfields["retry"], "retry", RETRY_KEYS, ("every", "until"))
                    every = self.duration(rfields.get("every"), "every")
                    until = self.duration(rfields.get("until"), "until")
                    if every is not None and every <= 0:
                        self.error(rfields["every"], _("retry every must be longer than 0"))
                    elif every is not None and until is not None:
                        retry = Retry(every, until)
                step = Step(
                    id=sid, senders=senders or ("?",), to=to, via=via,
                    within=self.duration(sfields.get("within"), "within"),
                    delay=self.duration(sfields.get("delay"), "delay", 0.0) or 0.0,
                    retry=retry, label=self.string(sfields.get("label"), "label"),
                    label_en=self.string(sfields.get("label_en"), "label_en"),
                    location=item.location,
                )
                steps.append(step)
                self.step_nodes.append((pid, step, sfields))
            origins = None
            if "origins" in fields:
                origins = tuple(o for o, _ in self.string_list(fields["origins"], "origins"))
            out[pid] = Procedure(
                id=pid, steps=tuple(steps),
                assumes_down=tuple(a for a, _ in self.string_list(fields.get("assumes_down"), "assumes_down")),
                origins=origins, label=self.string(fields.get("label"), "label"),
                label_en=self.string(fields.get("label_en"), "label_en"),
                location=key.location,
            )
        return out

    # -- cross references --------------------------------------------------
    def check_references(self, calendars: dict[str, Calendar], components: dict[str, Component],
                         channels: dict[str, Channel], parties: dict[str, Party],
                         groups: dict[str, tuple[str, ...]], procedures: dict[str, Procedure]) -> None:
        calendar_ids = set(calendars) | {"always"}

        def need(ident: str, known: dict | set, what: str, where: Location | None) -> None:
            """Record an unknown reference at ``where`` (with a did-you-mean hint)."""
            if ident not in known:
                self.problems.append(_p(where, _("unknown {what} '{id}'{hint}").format(what=_(what), id=ident, hint=suggest(ident, known))))

        # components: dependencies and cycles
        graph = nx.DiGraph()
        graph.add_nodes_from(components)
        for comp in components.values():
            for dep in comp.depends_on:
                if dep.id in components:
                    graph.add_edge(comp.id, dep.id)
                elif dep.id in channels:
                    self.problems.append(_p(dep.location, _("'{id}' is a channel; a component can depend only on components").format(id=dep.id)))
                else:
                    need(dep.id, components, N_("component"), dep.location)
        component_cycles = _cycles(graph)
        for cycle in component_cycles:
            first = components[cycle[0]]
            self.problems.append(_p(first.location, _("dependency cycle among components: {cycle}; break the loop").format(cycle=" -> ".join(cycle + [cycle[0]]))))
        if not component_cycles and graph.number_of_edges():
            # every failure reason names the chain from the root; a generated
            # chain of thousands of components would make each reason huge
            chain = nx.dag_longest_path(graph)
            if len(chain) > MAX_DEPENDENCY_DEPTH:
                self.problems.append(_p(components[chain[0]].location, _(
                    "components depend on each other {depth} levels deep ({first} -> {second} -> ...); drill allows {limit}").format(
                        depth=len(chain), first=chain[0], second=chain[1], limit=MAX_DEPENDENCY_DEPTH)))
        for chan in channels.values():
            for dep in chan.depends_on:
                if dep.id in channels:
                    self.problems.append(_p(dep.location, _("'{id}' is a channel; a channel can depend only on components").format(id=dep.id)))
                else:
                    need(dep.id, components, N_("component"), dep.location)
        for hours, node in self.hours_nodes:
            need(hours, calendar_ids, N_("calendar"), node.location)
        for channel, node in self.contact_channel_nodes:
            need(channel, channels, N_("channel"), node.location)
        for party in parties.values():
            for contact in party.contacts:
                for dep in contact.depends_on:
                    if dep.id in channels:
                        self.problems.append(_p(dep.location, _("'{id}' is a channel; a contact already depends on its channel, list components here").format(id=dep.id)))
                    else:
                        need(dep.id, components, N_("component"), dep.location)
        for pid, deputies in self.deputy_nodes.items():
            for deputy, node in deputies:
                if deputy == pid:
                    self.error(node, _("party '{id}' cannot be its own deputy").format(id=pid))
                else:
                    need(deputy, parties, N_("party"), node.location)
        # groups: members and cycles
        ggraph = nx.DiGraph()
        ggraph.add_nodes_from(groups)
        for gid, members in self.group_member_nodes.items():
            for member, node in members:
                if member.startswith("@"):
                    if member[1:] in groups:
                        ggraph.add_edge(gid, member[1:])
                    else:
                        self.error(node, _("unknown group '{group}'{hint}").format(group=member, hint=suggest(member, ['@' + g for g in groups])))
                else:
                    need(member, parties, N_("party"), node.location)
        group_cycles = _cycles(ggraph)
        for cycle in group_cycles:
            self.problems.append(_p(self_loc(self.group_member_nodes, cycle[0]),
                                    _("groups nest in a cycle: {cycle}").format(cycle=" -> ".join("@" + c for c in cycle + [cycle[0]]))))
        if not group_cycles and ggraph.number_of_edges():
            # resolving groups recurses once per level; a generated chain of
            # thousands of nested groups must be refused here, with its place
            chain = nx.dag_longest_path(ggraph)
            if len(chain) > MAX_GROUP_NESTING:
                self.problems.append(_p(self_loc(self.group_member_nodes, chain[0]), _(
                    "groups nest {depth} levels deep (@{first} -> @{second} -> ...); drill allows {limit}").format(
                        depth=len(chain), first=chain[0], second=chain[1], limit=MAX_GROUP_NESTING)))
        # procedures
        failable = set(components) | set(channels)
        for fields in self.procedure_nodes.values():
            for ident, node in self.string_list(fields.get("assumes_down"), "assumes_down"):
                need(ident, failable, N_("component or channel"), node.location)
            for ident, node in self.string_list(fields.get("origins"), "origins"):
                self.party_or_group(ident, node, parties, groups, allow_origin=False)
        for _pid, _step, sfields in self.step_nodes:
            for ident, node in self.string_list(sfields.get("from"), "from"):
                self.party_or_group(ident, node, parties, groups, allow_origin=True)
            for ident, node in self.string_list(sfields.get("to"), "to"):
                self.party_or_group(ident, node, parties, groups, allow_origin=True)
            for ident, node in self.string_list(sfields.get("via"), "via"):
                need(ident, channels, N_("channel"), node.location)

    def party_or_group(self, ident: str, node: Node, parties: dict, groups: dict, allow_origin: bool) -> None:
        if ident == ORIGIN:
            if not allow_origin:
                self.error(node, _("$origin cannot be used here"))
            return
        if ident.startswith("@"):
            if ident[1:] not in groups:
                self.error(node, _("unknown group '{group}'{hint}").format(group=ident, hint=suggest(ident, ['@' + g for g in groups])))
            return
        if ident not in parties:
            self.error(node, _("unknown party '{id}'{hint} (write @name for a group)").format(id=ident, hint=suggest(ident, parties)))


def _known_timezone(name: str) -> bool:
    """Is ``name`` an IANA timezone?  Never raises, whatever the text."""
    if not name or len(name) > 100 or name.startswith(("/", ".")) or "\0" in name or ".." in name:
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Asia" is a folder
        return False
    return True


def _p(location: Location | None, message: str) -> Problem:
    return Problem(location or Location("?"), message)


#: Most lines (attempts at once) a party may have.
MAX_LINES = 10_000
#: Deepest nesting of groups in groups.
MAX_GROUP_NESTING = 64
#: Longest chain of components depending on components (power -> UPS -> PBX
#: is three).
MAX_DEPENDENCY_DEPTH = 64


def self_loc(members: dict[str, list[tuple[str, Node]]], gid: str) -> Location | None:
    items = members.get(gid) or []
    return items[0][1].location if items else None


def _cycles(graph: nx.DiGraph) -> list[list[str]]:
    """One cycle per strongly connected component that has one, deterministic."""
    out = []
    for scc in sorted((sorted(c) for c in nx.strongly_connected_components(graph)), key=lambda c: c[0]):
        if len(scc) == 1 and not graph.has_edge(scc[0], scc[0]):
            continue
        cycle = nx.find_cycle(graph.subgraph(scc), source=scc[0])
        out.append([edge[0] for edge in cycle])
    return out
