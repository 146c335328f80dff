"""Pictures of a plan and of a drill: who reaches whom, over what, through what.

Two graphs are drawn here.  The *plan graph* (``drill graph PLAN``) shows
parties, the channels they are reached on and the components those channels
and contacts depend on; a component that more than one channel rests on is
highlighted, because that is the council's worry — two networks that are
separate on paper but run in the same cable.  The *contact graph* of a drill
(in the after-action report) shows who tried to reach whom and over which
channel, with the failed links marked and the component that broke them named.

Both are one small :class:`Graph` that is written as Graphviz DOT, Mermaid, or
SVG.  SVG comes from Graphviz ``dot`` when it is installed (best layout) and
otherwise from a built-in layered layout, so a report never needs a tool the
user lacks.  Contact addresses appear only with ``show_contacts``.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from drill.analysis.closure import closure_of
from drill.i18n import _
from drill.i18n.words import status_word
from drill.model.errors import DrillError
from drill.model.plan import ORIGIN, Channel, Component, Party, Plan, display_label
from drill.reports.record import RunRecord

COLORS = {
    "ok": "#2e7d32", "failed": "#c62828", "blocked": "#8e24aa", "dep": "#78909c",
    "contact": "#546e7a", "step": "#1565c0", "late": "#ef6c00",
}
FILL = {"party": "#e3f2fd", "channel": "#f1f8e9", "component": "#eceff1", "shared": "#ffe0b2",
        "cause": "#ffcdd2", "origin": "#fff9c4"}


@dataclass
class GraphNode:
    id: str
    label: str
    kind: str
    """``party``, ``channel`` or ``component``."""
    highlight: str | None = None
    """``shared`` (component under several channels), ``cause`` (broke attempts) or ``origin``."""
    rank: int | None = None
    """Preferred column for the built-in layout."""


@dataclass
class GraphEdge:
    source: str
    target: str
    label: str
    style: str
    """``ok``, ``failed``, ``late``, ``blocked``, ``dep``, ``contact`` or ``step``."""


@dataclass
class Graph:
    title: str
    nodes: dict[str, GraphNode] = field(default_factory=dict)
    edges: list[GraphEdge] = field(default_factory=list)

    def add_node(self, node: GraphNode) -> GraphNode:
        return self.nodes.setdefault(node.id, node)

    def add_edge(self, edge: GraphEdge) -> None:
        for known in self.edges:
            if (known.source, known.target, known.label, known.style) == (edge.source, edge.target,
                                                                          edge.label, edge.style):
                return
        self.edges.append(edge)


# -- building -------------------------------------------------------------------
def shared_components(plan: Plan) -> dict[str, list[str]]:
    """Component -> the channels that rest on it (directly, transitively or via a contact); 2+ only."""
    closure = closure_of(plan)
    under: dict[str, set[str]] = {}
    for cid, channel in plan.channels.items():
        for comp in closure.requires(d.id for d in channel.depends_on):
            under.setdefault(comp, set()).add(cid)
    for party in plan.parties.values():
        for contact in party.contacts:
            for comp in closure.requires(d.id for d in contact.depends_on):
                under.setdefault(comp, set()).add(contact.channel)
    return {comp: sorted(chs) for comp, chs in under.items() if len(chs) > 1}


def plan_graph(plan: Plan, procedure: str | None = None, *, show_contacts: bool = False) -> Graph:
    """Parties, channels and components of a plan (or of one procedure)."""
    if procedure is not None and procedure not in plan.procedures:
        raise DrillError(_("plan {plan} has no procedure '{procedure}' (it has: {procedures})").format(
            plan=plan.id, procedure=procedure, procedures=", ".join(plan.procedures) or _("none")))
    shared = shared_components(plan)
    graph = Graph(title=f"{plan.title} — {procedure}" if procedure else plan.title)
    parties: list[str]
    channels: list[str]
    if procedure is not None:
        proc = plan.procedures[procedure]
        origins = plan.expand(proc.origins) if proc.origins is not None else []
        parties, channels = [], []
        for step in proc.steps:
            senders = _resolve(plan, step.senders, origins or [ORIGIN])
            recipients = plan.expand(step.to, None)
            if ORIGIN in step.to:
                recipients = recipients + (origins or [ORIGIN])
            for party in senders + recipients:
                if party not in parties:
                    parties.append(party)
                for deputy in plan.parties[party].deputies if party in plan.parties else ():
                    if deputy not in parties:
                        parties.append(deputy)
            channels.extend(c for c in step.via if c not in channels)
        depth = _step_depth(plan, procedure, origins)
        if ORIGIN in parties:
            graph.add_node(GraphNode(ORIGIN, _("origin (any party)"), "party", "origin", 0))
        for party in parties:
            if party == ORIGIN:
                continue
            graph.add_node(GraphNode(party, _party_label(plan, party), "party",
                                     "origin" if party in origins else None, depth.get(party)))
        for step in proc.steps:
            senders = _resolve(plan, step.senders, origins or [ORIGIN])
            recipients = plan.expand(step.to, None)
            if ORIGIN in step.to:
                recipients = recipients + (origins or [ORIGIN])
            for sender in senders:
                for recipient in recipients:
                    if recipient != sender:
                        graph.add_edge(GraphEdge(sender, recipient,
                                                 f"{step.id} ({', '.join(step.via)})", "step"))
    else:
        parties = list(plan.parties)
        channels = list(plan.channels)
        for party in parties:
            graph.add_node(GraphNode(party, _party_label(plan, party), "party", None, 0))
    for cid in channels:
        channel = plan.channels[cid]
        graph.add_node(GraphNode(f"ch:{cid}", _id_and_label(channel), "channel", None, None))
    max_party_rank = max([n.rank or 0 for n in graph.nodes.values() if n.kind == "party"] + [0])
    for node in graph.nodes.values():
        if node.kind == "channel":
            node.rank = max_party_rank + 1
    for party in parties:
        if party not in plan.parties:
            continue
        for contact in plan.parties[party].contacts:
            if contact.channel not in channels:
                continue
            label = contact.address if show_contacts and contact.address else ""
            graph.add_edge(GraphEdge(party, f"ch:{contact.channel}", label, "contact"))
            for dep in contact.depends_on:
                _add_component(graph, plan, dep.id, shared, max_party_rank)
                graph.add_edge(GraphEdge(party, dep.id, _grace(dep.grace, contact.channel), "dep"))
    for cid in channels:
        for dep in plan.channels[cid].depends_on:
            _add_component(graph, plan, dep.id, shared, max_party_rank)
            graph.add_edge(GraphEdge(f"ch:{cid}", dep.id, _grace(dep.grace), "dep"))
    return graph


def _grace(minutes: float | None, channel: str = "") -> str:
    """A dependency's edge label: ``after 30m`` (with its channel: ``landline after 30m``)."""
    if not minutes:
        return channel
    from drill.model.durations import format_duration

    after = _("after {grace}").format(grace=format_duration(minutes))
    return f"{channel} {after}" if channel else after


def _id_and_label(thing: Channel | Component | Party) -> str:
    """``id`` and, on a second line, its label in the current language (when it has one)."""
    shown = display_label(thing)
    return thing.id if shown == thing.id else f"{thing.id}\n{shown}"


def _add_component(graph: Graph, plan: Plan, cid: str, shared: dict[str, list[str]], base: int) -> None:
    if cid in graph.nodes:
        return
    component = plan.components[cid]
    label = _id_and_label(component)
    if cid in shared:
        label += "\n" + _("shared by {channels}").format(channels=", ".join(shared[cid]))
    graph.add_node(GraphNode(cid, label, "component", "shared" if cid in shared else None, base + 2))
    for dep in component.depends_on:
        _add_component(graph, plan, dep.id, shared, base)
        node = graph.nodes[dep.id]
        node.rank = max(node.rank or 0, (graph.nodes[cid].rank or 0) + 1)
        graph.add_edge(GraphEdge(cid, dep.id, _grace(dep.grace), "dep"))


def _party_label(plan: Plan, party: str) -> str:
    return _id_and_label(plan.parties[party]) if party in plan.parties else party


def _resolve(plan: Plan, refs: tuple[str, ...], origins: list[str]) -> list[str]:
    """``refs`` resolved without an origin, ``$origin`` standing for ``origins`` (each party once)."""
    out = plan.expand(refs, None)
    if ORIGIN in refs:
        out += [o for o in origins if o not in out]
    return out


def _step_depth(plan: Plan, procedure: str, origins: list[str]) -> dict[str, int]:
    """Column of each party in a procedure: how many steps from the origin."""
    proc = plan.procedures[procedure]
    depth: dict[str, int] = {o: 0 for o in origins}
    depth[ORIGIN] = 0
    for _round in range(len(proc.steps) + 1):
        for step in proc.steps:
            senders = _resolve(plan, step.senders, [*origins, ORIGIN])
            base = min([depth[s] for s in senders if s in depth], default=None)
            if base is None:
                continue
            for recipient in plan.expand(step.to, None):
                if recipient not in depth or depth[recipient] > base + 1:
                    if recipient not in origins:
                        depth[recipient] = base + 1
    return depth


def run_graph(run: RunRecord | dict[str, Any], plan: Plan | None = None) -> Graph:
    """Who tried to reach whom in a drill; failed links marked with what broke them."""
    record = run if isinstance(run, RunRecord) else RunRecord.from_dict(run)
    graph = Graph(title=record.title or record.scenario or _("drill"))
    origin = record.origin
    informed = record.informed
    rank: dict[str, int] = {}
    if origin:
        rank[origin] = 0

    def party(pid: str) -> None:
        label = _party_label(plan, pid) if plan is not None else pid
        if pid in informed and informed[pid] is None:
            label += "\n" + _("never informed")
        graph.add_node(GraphNode(pid, label, "party", "origin" if pid == origin else None, None))

    for task in sorted(record.tasks, key=lambda t: (t.start is None, t.start or 0.0)):
        sender = task.actor
        party(sender)
        rank.setdefault(sender, 0)
        if task.status == "blocked":
            party(task.to)
            rank.setdefault(task.to, rank.get(sender, 0) + 1)
            graph.add_edge(GraphEdge(task.sender_plan, task.to, f"{task.step}: {status_word('blocked')}", "blocked"))
            continue
        for attempt in task.attempts:
            party(attempt.to)
            rank.setdefault(attempt.to, rank.get(sender, 0) + 1)
            if attempt.ok:
                style = "late" if task.status == "late" else "ok"
                graph.add_edge(GraphEdge(sender, attempt.to, f"{task.step}: {attempt.via}", style))
            else:
                cause = attempt.cause or attempt.cause_kind or "?"
                graph.add_edge(GraphEdge(sender, attempt.to, f"{task.step}: {attempt.via} ✗ {cause}", "failed"))
        if not task.attempts and task.status == "failed":
            party(task.to)
            graph.add_edge(GraphEdge(sender, task.to, _("{step}: no channel").format(step=task.step), "failed"))
    for pid, node in graph.nodes.items():
        node.rank = rank.get(pid, 0)
    return graph


# -- text formats ------------------------------------------------------------------
def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: Graph) -> str:
    lines = [f"digraph {_dot_quote(graph.title)} {{",
             "  graph [rankdir=LR, fontname=\"sans-serif\", nodesep=0.25, ranksep=0.9];",
             "  node [fontname=\"sans-serif\", fontsize=10, style=filled];",
             "  edge [fontname=\"sans-serif\", fontsize=9];"]
    shapes = {"party": "box", "channel": "ellipse", "component": "hexagon"}
    for node in graph.nodes.values():
        fill = FILL.get(node.highlight or node.kind, "#ffffff")
        extra = ", penwidth=2, color=\"#e65100\"" if node.highlight == "shared" else ""
        lines.append(f"  {_dot_quote(node.id)} [label={_dot_quote(node.label)}, shape={shapes[node.kind]}, "
                     f"fillcolor=\"{fill}\"{extra}];")
    for edge in graph.edges:
        color = COLORS[edge.style]
        attrs = [f"label={_dot_quote(edge.label)}" if edge.label else "", f"color=\"{color}\"",
                 f"fontcolor=\"{color}\""]
        if edge.style in ("failed", "blocked", "dep"):
            attrs.append("style=dashed")
        if edge.style in ("failed",):
            attrs.append("penwidth=2")
        if edge.style in ("dep", "contact"):
            attrs.append("arrowhead=none" if edge.style == "contact" else "arrowhead=vee")
        lines.append(f"  {_dot_quote(edge.source)} -> {_dot_quote(edge.target)} "
                     f"[{', '.join(a for a in attrs if a)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label (Mermaid's own #name; entity codes)."""
    cleaned = text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    return cleaned.replace("\n", "<br/>")


def to_mermaid(graph: Graph, *, fenced: bool = False) -> str:
    ids = {nid: f"n{i}" for i, nid in enumerate(graph.nodes)}
    lines = ["flowchart LR"]
    for nid, node in graph.nodes.items():
        label = f"\"{_mermaid_text(node.label)}\""
        shape = {"party": f"[{label}]", "channel": f"([{label}])", "component": f"{{{{{label}}}}}"}[node.kind]
        lines.append(f"  {ids[nid]}{shape}")
    for index, edge in enumerate(graph.edges):
        arrow = {"ok": "-->", "late": "-->", "step": "-->", "failed": "-.->", "blocked": "-.->",
                 "dep": "-.->", "contact": "---"}[edge.style]
        label = f"|\"{_mermaid_text(edge.label)}\"|" if edge.label else ""
        lines.append(f"  {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
        del index
    lines.append("  classDef party fill:#e3f2fd,stroke:#1565c0,color:#000")
    lines.append("  classDef channel fill:#f1f8e9,stroke:#558b2f,color:#000")
    lines.append("  classDef component fill:#eceff1,stroke:#607d8b,color:#000")
    lines.append("  classDef shared fill:#ffe0b2,stroke:#e65100,stroke-width:3px,color:#000")
    lines.append("  classDef origin fill:#fff9c4,stroke:#f9a825,color:#000")
    lines.append("  classDef cause fill:#ffcdd2,stroke:#c62828,stroke-width:3px,color:#000")
    for kind in ("party", "channel", "component"):
        members = [ids[n.id] for n in graph.nodes.values() if n.kind == kind and not n.highlight]
        if members:
            lines.append(f"  class {','.join(members)} {kind}")
    for highlight in ("shared", "origin", "cause"):
        members = [ids[n.id] for n in graph.nodes.values() if n.highlight == highlight]
        if members:
            lines.append(f"  class {','.join(members)} {highlight}")
    for style in ("ok", "late", "failed", "blocked", "dep", "step", "contact"):
        indexes = [str(i) for i, e in enumerate(graph.edges) if e.style == style]
        if indexes:
            width = "3px" if style == "failed" else "1.5px"
            lines.append(f"  linkStyle {','.join(indexes)} stroke:{COLORS[style]},stroke-width:{width}")
    text = "\n".join(lines) + "\n"
    return f"```mermaid\n{text}```\n" if fenced else text


# -- SVG --------------------------------------------------------------------------------
def dot_available() -> bool:
    return shutil.which("dot") is not None


def run_dot(dot_text: str, fmt: str) -> bytes:
    """Lay out with Graphviz ``dot``; raise DrillError when it is missing or fails."""
    exe = shutil.which("dot")
    if exe is None:
        raise DrillError(_("--format {format} needs Graphviz 'dot' (apt-get install graphviz; "
                           "brew install graphviz); --format svg works without it").format(format=fmt))
    try:
        proc = subprocess.run([exe, f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True,
                              timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DrillError(_("Graphviz dot failed: {reason}").format(reason=exc)) from None
    if proc.returncode != 0:
        raise DrillError(_("Graphviz dot failed: {reason}").format(
            reason=proc.stderr.decode("utf-8", "replace").strip()))
    return proc.stdout


def to_svg(graph: Graph, *, layout: str = "auto") -> str:
    """An SVG picture: laid out by Graphviz when available (``auto``/``dot``), else built in."""
    if layout == "dot" or (layout == "auto" and dot_available()):
        svg = run_dot(to_dot(graph), "svg").decode("utf-8")
        svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
        svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg, flags=re.S)
        svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
        return svg.replace("<svg ", '<svg class="drill-graph" data-layout="dot" ', 1)
    return builtin_svg(graph)


def text_width(text: str, size: float = 11.0) -> float:
    """Rough rendered width: wide (CJK) characters count double."""
    units = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
    return units * size * 0.6


def builtin_svg(graph: Graph) -> str:
    """A layered left-to-right layout: columns by rank, rows in order of first mention."""
    columns: dict[int, list[GraphNode]] = {}
    for node in graph.nodes.values():
        columns.setdefault(node.rank or 0, []).append(node)
    sizes: dict[str, tuple[float, float]] = {}
    for node in graph.nodes.values():
        rows = node.label.split("\n")
        width = max(text_width(r) for r in rows) + 24
        sizes[node.id] = (max(width, 60.0), 16.0 * len(rows) + 12)
    # order each column by the mean row of its predecessors (one barycentre pass)
    position: dict[str, float] = {}
    for rank in sorted(columns):
        nodes = columns[rank]
        if rank != min(columns):
            def weight(node: GraphNode, original: int) -> tuple[float, int]:
                preds = [position[e.source] for e in graph.edges if e.target == node.id and e.source in position]
                return (sum(preds) / len(preds) if preds else 1e9, original)
            nodes = [n for _, n in sorted(((weight(n, i), n) for i, n in enumerate(nodes)),
                                          key=lambda pair: pair[0])]
            columns[rank] = nodes
        for index, node in enumerate(nodes):
            position[node.id] = index
    gap_x, gap_y, margin = 90.0, 18.0, 20.0
    coords: dict[str, tuple[float, float]] = {}
    x = margin
    height = 0.0
    for rank in sorted(columns):
        col_width = max(sizes[n.id][0] for n in columns[rank])
        y = margin + 24
        for node in columns[rank]:
            w, h = sizes[node.id]
            coords[node.id] = (x + (col_width - w) / 2, y)
            y += h + gap_y
        height = max(height, y)
        x += col_width + gap_x
    width = x - gap_x + margin
    height += margin
    out = [f'<svg class="drill-graph" data-layout="builtin" xmlns="http://www.w3.org/2000/svg" '
           f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
           'font-family="sans-serif" font-size="11">',
           f'<title>{html.escape(graph.title)}</title>',
           '<defs>']
    for style, color in COLORS.items():
        out.append(f'<marker id="arrow-{style}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
                   f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
                   f'fill="{color}"/></marker>')
    out.append('</defs>')
    out.append(f'<text x="{margin}" y="{margin + 4}" font-size="13" font-weight="bold">'
               f'{html.escape(graph.title)}</text>')
    for index, edge in enumerate(graph.edges):
        if edge.source not in coords or edge.target not in coords:
            continue
        sx, sy = coords[edge.source]
        sw, sh = sizes[edge.source]
        tx, ty = coords[edge.target]
        tw, th = sizes[edge.target]
        x1, y1 = sx + sw, sy + sh / 2
        x2, y2 = tx, ty + th / 2
        if tx <= sx:  # same column or backwards: loop around on the right
            x1, x2 = sx + sw, tx + tw
            bend = 40 + 10 * (index % 4)
            d = f"M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 + bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
            lx, ly = max(x1, x2) + bend * 0.75, (y1 + y2) / 2
        else:
            mid = (x1 + x2) / 2
            d = f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
            lx, ly = mid, (y1 + y2) / 2
        color = COLORS[edge.style]
        dash = ' stroke-dasharray="6 4"' if edge.style in ("failed", "blocked", "dep") else ""
        stroke = 2.5 if edge.style == "failed" else 1.3
        marker = "" if edge.style == "contact" else f' marker-end="url(#arrow-{edge.style})"'
        out.append(f'<path class="edge edge-{edge.style}" d="{d}" fill="none" stroke="{color}" '
                   f'stroke-width="{stroke}"{dash}{marker}><title>{html.escape(edge.source)} → '
                   f'{html.escape(edge.target)} {html.escape(edge.label)}</title></path>')
        if edge.label:
            out.append(f'<text class="edge-label" x="{lx:.1f}" y="{ly - 3:.1f}" text-anchor="middle" '
                       f'font-size="9" fill="{color}" paint-order="stroke" stroke="#fff" stroke-width="3">'
                       f'{html.escape(edge.label)}</text>')
    for node in graph.nodes.values():
        nx_, ny = coords[node.id]
        w, h = sizes[node.id]
        fill = FILL.get(node.highlight or node.kind, "#fff")
        outline = {"shared": "#e65100", "cause": "#c62828", "origin": "#f9a825"}.get(node.highlight or "", "#455a64")
        width_px = 2.5 if node.highlight in ("shared", "cause") else 1
        cls = f"node node-{node.kind}" + (f" node-{node.highlight}" if node.highlight else "")
        out.append(f'<g class="{cls}">')
        if node.kind == "party":
            out.append(f'<rect x="{nx_:.1f}" y="{ny:.1f}" width="{w:.1f}" height="{h:.1f}" rx="3" '
                       f'fill="{fill}" stroke="{outline}" stroke-width="{width_px}"/>')
        elif node.kind == "channel":
            out.append(f'<rect x="{nx_:.1f}" y="{ny:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{h / 2:.1f}" '
                       f'fill="{fill}" stroke="{outline}" stroke-width="{width_px}"/>')
        else:
            k = 8.0
            points = [(nx_ + k, ny), (nx_ + w - k, ny), (nx_ + w, ny + h / 2), (nx_ + w - k, ny + h),
                      (nx_ + k, ny + h), (nx_, ny + h / 2)]
            out.append('<polygon points="' + " ".join(f"{a:.1f},{b:.1f}" for a, b in points)
                       + f'" fill="{fill}" stroke="{outline}" stroke-width="{width_px}"/>')
        for row, text in enumerate(node.label.split("\n")):
            bold = ' font-weight="bold"' if row == 0 else ""
            out.append(f'<text x="{nx_ + w / 2:.1f}" y="{ny + 18 + 16 * row:.1f}" text-anchor="middle"'
                       f'{bold}>{html.escape(text)}</text>')
        out.append('</g>')
    out.append('</svg>')
    return "\n".join(out) + "\n"
