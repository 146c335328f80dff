"""The infrastructure panel: components by kind, channels and parties, with what is down."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from drill.engine import Simulation
from drill.i18n import _
from drill.model.plan import display_label
from drill.tui.describe import item_state, one_line, party_state

Subject = tuple[str, str]
"""("component" | "channel" | "party", id)."""


class InfrastructurePanel(Tree[Subject]):
    """A tree built once from the plan; labels are updated in place as the drill runs."""

    @dataclass
    class ItemChosen(Message):
        """The organiser moved the cursor to a component, channel or party."""

        panel: InfrastructurePanel
        kind: str
        ident: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(_("infrastructure"), **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.guide_depth = 2
        self._item_nodes: dict[Subject, TreeNode[Subject]] = {}
        self.states: dict[str, str] = {}
        """Plain state of every item and party by id (tests)."""

    def process_label(self, label: str | Text) -> Text:  # type: ignore[override]
        """Labels are ids from the plan: plain text, never markup (``[/x]`` is a party)."""
        text = Text(label) if isinstance(label, str) else label
        return text.split()[0] if text.plain else text

    def _build_nodes(self, sim: Simulation) -> None:
        plan = sim.plan
        components = self.root.add(_("components"), expand=True)
        kinds: dict[str, list[str]] = {}
        for comp in plan.components.values():
            kinds.setdefault(comp.kind, []).append(comp.id)
        for kind in sorted(kinds):
            branch = components.add(kind, expand=True)
            for ident in kinds[kind]:
                self._item_nodes[("component", ident)] = branch.add_leaf(ident, data=("component", ident))
        channels = self.root.add(_("channels"), expand=True)
        for ident in plan.channels:
            self._item_nodes[("channel", ident)] = channels.add_leaf(ident, data=("channel", ident))
        parties = self.root.add(_("parties"), expand=True)
        for ident in plan.parties:
            self._item_nodes[("party", ident)] = parties.add_leaf(ident, data=("party", ident))

    def show(self, sim: Simulation) -> None:
        if not self._item_nodes:
            self._build_nodes(sim)
        plan = sim.plan
        for (kind, ident), node in self._item_nodes.items():
            if kind == "party":
                state, style = party_state(sim, ident)
                label = one_line(display_label(plan.parties[ident]))
            else:
                state, style = item_state(sim, ident)
                label = one_line(display_label(plan.components.get(ident) or plan.channels[ident]))
            self.states[ident] = state
            text = Text(ident, style="bold" if style.startswith("bold") else "")
            text.append("  ")
            text.append(state, style=style)
            if label and label != ident:
                text.append(f"  {label}", style="dim")
            if str(node.label) != text.plain or node.label != text:
                node.set_label(text)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Subject]) -> None:
        if event.node.data is not None:
            kind, ident = event.node.data
            self.post_message(self.ItemChosen(self, kind, ident))
