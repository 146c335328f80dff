"""Order-1 cut sets of a plan with any subset of a set of changes applied, without re-analysing it.

``drill analyze --suggest`` (FORMAT.md 7.4) must check, for every chosen
change, that leaving it out brings back an order-1 cut set.  Re-analysing the
whole plan once per change is hopeless on a national plan (thousands of
changes, 200,000 party entries), so this module builds the plan *with every
chosen change* once and labels each thing that can carry a message with the
changes it *needs*:

* a task's candidate (party, channel) needs the contact of the sender and of
  the party on the channel, the channel in the step's ``via`` and, for a
  deputy, the deputy in the recipient's list — each one that the plan itself
  lacks is one change;
* an edge of a step graph (:class:`drill.analysis.parties.StepGraph`) needs
  the same for the candidate it stands for.

The three kinds of change only *add* contacts, channels to ``via`` and
deputies, so the plan with a subset ``S`` of the changes has exactly the
candidates and edges whose needs are in ``S``; supports do not change (a
suggested contact has no ``depends_on`` of its own).  Leaving out a change
``c`` can therefore alter only the tasks with a candidate that needs ``c`` and
the party entries downstream of an edge that needs it: only those are checked
again, each on its own ancestors in the step graph.  The answers are the same
as :func:`drill.analysis.suggest.order1_pairs` on the changed plan (a test
compares them).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator

from drill.analysis.closure import Closure
from drill.analysis.cutsets import procedure_origins, procedure_tasks
from drill.model.plan import Plan, Procedure, Step

Entry = tuple[str, ...]
Change = tuple[str, ...]
NONE: frozenset[Change] = frozenset()


class _Unit:
    """The step graph of one (procedure, origin) with the chosen changes, edges labelled with their needs."""

    def __init__(self, model: Model, procedure: Procedure, origin: str):
        self.procedure = procedure.id
        self.origin = origin
        plan, closure = model.plan, model.closure
        by_sender: dict[str, list[Step]] = {}
        for step in procedure.steps:
            for sender in plan.senders_for(step, origin):
                by_sender.setdefault(sender, []).append(step)
        start = (origin, origin)
        self.nodes: list[tuple[str, str]] = [start]
        index = {start: 0}
        self.edges: list[tuple[int, int]] = []
        self.supports: list[frozenset[str]] = []
        self.needs: list[frozenset[Change]] = []
        seen: set[tuple[int, int, str, frozenset[Change]]] = set()
        queue = deque([start])

        def edge(src: int, node: tuple[str, str], channel: str, support: frozenset[str],
                 needs: frozenset[Change]) -> None:
            if node not in index:
                index[node] = len(self.nodes)
                self.nodes.append(node)
                queue.append(node)
            key = (src, index[node], channel, needs)
            if key not in seen:
                seen.add(key)
                self.edges.append((src, index[node]))
                self.supports.append(support)
                self.needs.append(needs)

        while queue:
            actor, principal = queue.popleft()
            src = index[(actor, principal)]
            for step in by_sender.get(principal, ()):
                for recipient in closure.expand(step.to, origin):
                    if recipient == principal:
                        continue
                    for party, channel, support, needs in model.labelled(procedure.id, step, actor, recipient):
                        edge(src, (party, recipient), channel, support, needs)
                        if party != recipient:  # rule 6: a deputy informed for its principal acts for itself
                            edge(index[(party, recipient)], (party, party), "", frozenset(), NONE)
        self.into: list[list[int]] = [[] for _ in self.nodes]
        self.out: list[list[int]] = [[] for _ in self.nodes]
        for e, (src, dst) in enumerate(self.edges):
            self.out[src].append(e)
            self.into[dst].append(e)
        self.nodes_of: dict[str, list[int]] = {}
        for i, (actor, _) in enumerate(self.nodes):
            self.nodes_of.setdefault(actor, []).append(i)

    def downstream(self, edges: Iterable[int]) -> list[str]:
        """The parties (the origin aside) with a node at or after the target of one of ``edges``."""
        seen = {self.edges[e][1] for e in edges}
        stack = list(seen)
        while stack:
            for e in self.out[stack.pop()]:
                dst = self.edges[e][1]
                if dst not in seen:
                    seen.add(dst)
                    stack.append(dst)
        return sorted({self.nodes[n][0] for n in seen} - {self.origin})

    def order1(self, party: str, have: Collection[Change]) -> list[str] | None:
        """The party's order-1 cut events with the changes ``have``; None when it is not informed at all."""
        targets = set(self.nodes_of[party])
        relevant = self._ancestor_edges(targets, have)
        path = self._path(relevant, targets, None)
        if path is None:
            return None
        events = set().union(*(self.supports[e] for e in path))
        return sorted(e for e in events if self._path(relevant, targets, e) is None)

    def _ancestor_edges(self, targets: set[int], have: Collection[Change]) -> dict[int, list[tuple[int, int]]]:
        """Usable edges (needs all in ``have``) of the part of the graph that can reach ``targets``, by source."""
        out: dict[int, list[tuple[int, int]]] = {}
        seen = set(targets)
        stack = list(targets)
        while stack:
            node = stack.pop()
            for e in self.into[node]:
                needs = self.needs[e]
                if needs and not all(c in have for c in needs):
                    continue
                src = self.edges[e][0]
                out.setdefault(src, []).append((e, node))
                if src not in seen:
                    seen.add(src)
                    stack.append(src)
        return out

    def _path(self, relevant: dict[int, list[tuple[int, int]]], targets: set[int],
              failed: str | None) -> list[int] | None:
        """Edges of one path from the start to a target avoiding ``failed``, or None."""
        if 0 in targets:
            return []
        parent: dict[int, int] = {0: -1}
        queue = deque([0])
        while queue:
            node = queue.popleft()
            for e, dst in relevant.get(node, ()):
                if dst in parent or (failed is not None and failed in self.supports[e]):
                    continue
                parent[dst] = e
                if dst in targets:
                    path = []
                    while parent[dst] >= 0:
                        path.append(parent[dst])
                        dst = self.edges[parent[dst]][0]
                    return path
                queue.append(dst)
        return None


class Model:
    """The plan with the changes ``union`` applied, every candidate and edge labelled with its needs."""

    def __init__(self, plan: Plan, changed: Plan, union: Iterable[Change]):
        self.base = plan
        self.plan = changed
        self.closure = Closure(changed)
        self.union = set(union)
        self.tasks: dict[Entry, list[tuple[frozenset[str], frozenset[Change]]]] = {}
        self.units: list[_Unit] = []
        self.task_index: dict[Change, list[Entry]] = {}
        self.edge_index: dict[Change, dict[int, list[int]]] = {}
        self._by_key: dict[tuple[str, str], _Unit] = {}
        self._labelled: dict[tuple[str, str, str, str], list[tuple[str, str, frozenset[str], frozenset[Change]]]] = {}
        self._contacts = {(p.id, c.channel) for p in plan.parties.values() for c in p.contacts}
        self._via = {(x.id, s.id, ch) for x in plan.procedures.values() for s in x.steps for ch in s.via}
        self._deputies = {(p.id, d) for p in plan.parties.values() for d in p.deputies}
        if not self.union:
            return
        for procedure in changed.procedures.values():
            self._add_tasks(procedure)
            for origin in procedure_origins(changed, procedure):
                unit = _Unit(self, procedure, origin)
                needy = [e for e, needs in enumerate(unit.needs) if needs]
                if not needy:
                    continue
                self.units.append(unit)
                for e in needy:
                    for change in unit.needs[e]:
                        self.edge_index.setdefault(change, {}).setdefault(len(self.units) - 1, []).append(e)
        self._by_key = {(u.procedure, u.origin): u for u in self.units}

    def labelled(self, procedure: str, step: Step, actor: str, recipient: str
                 ) -> list[tuple[str, str, frozenset[str], frozenset[Change]]]:
        """The candidates of ``actor`` -> ``recipient`` in a step with their supports and needs (memoised)."""
        key = (procedure, step.id, actor, recipient)
        found = self._labelled.get(key)
        if found is None:
            closure = self.closure
            found = self._labelled[key] = [
                (party, channel, closure.support(actor, (party, channel)),
                 self.needs(procedure, step.id, actor, recipient, party, channel))
                for party, channel in closure.candidates(actor, recipient, step.via)]
        return found

    def needs(self, procedure: str, step: str, actor: str, recipient: str, party: str,
              channel: str) -> frozenset[Change]:
        """The changes the candidate (party, channel) of ``actor`` -> ``recipient`` in a step needs."""
        out: list[Change] = []
        for who in (actor, party):
            if (who, channel) not in self._contacts:
                out.append(("add-contact", who, channel))
        if (procedure, step, channel) not in self._via:
            out.append(("add-via", procedure, step, channel))
        if party != recipient and (recipient, party) not in self._deputies:
            out.append(("add-deputy", recipient, party))
        return frozenset(out) if out else NONE

    def _add_tasks(self, procedure: Procedure) -> None:
        for ref in procedure_tasks(self.plan, procedure):
            cands = [(support, needs) for _, _, support, needs
                     in self.labelled(procedure.id, ref.step, ref.sender, ref.recipient)]
            if any(needs for _, needs in cands):
                entry = ("task", procedure.id, ref.step.id, ref.sender, ref.recipient)
                self.tasks[entry] = cands
                for change in set().union(*(needs for _, needs in cands)):
                    self.task_index.setdefault(change, []).append(entry)

    def affected(self, change: Change) -> Iterator[Entry]:
        """The tasks and party entries whose cut sets can depend on ``change``, in a fixed order."""
        yield from self.task_index.get(change, ())
        for ui, edges in self.edge_index.get(change, {}).items():
            unit = self.units[ui]
            for party in unit.downstream(edges):
                yield ("party", unit.procedure, unit.origin, party)

    def refresh(self, pairs: dict[Entry, list[str]], added: Iterable[Change]) -> dict[Entry, list[str]]:
        """The pairs with every change of ``union``, from ``pairs`` (those without the changes ``added``)."""
        out = dict(pairs)
        done: set[Entry] = set()
        for change in added:
            for entry in self.affected(change):
                if entry in done:
                    continue
                done.add(entry)
                events = self.order1(entry, self.union)
                if events:
                    out[entry] = events
                else:
                    out.pop(entry, None)
        return out

    def order1(self, entry: Entry, have: Collection[Change]) -> list[str]:
        """The entry's order-1 cut events with the changes ``have`` (of ``union``); [] when it has none."""
        if entry[0] == "task":
            alive = [support for support, needs in self.tasks[entry] if all(c in have for c in needs)]
            return sorted(frozenset.intersection(*alive)) if alive else []
        return self._by_key[(entry[1], entry[2])].order1(entry[3], have) or []
