"""``drill analyze --format json``: the shape of FORMAT.md section 4.

``plan``, ``order``, ``tasks``, ``parties`` and ``findings`` are the contract;
``summary``, ``ranking``, ``pairs``, each task's ``candidates`` and, with ``--baseline``,
``baseline`` are additions.  Contact addresses never appear.

The report of a national plan holds millions of cut sets (hundreds of
megabytes of JSON), so it is written as a stream of chunks
(:func:`iter_analysis_json`) rather than built as one structure: the text is
exactly ``json.dumps(analysis_to_dict(...), ensure_ascii=False, indent=2)``
plus a newline (the tests compare the two), but each cut set is rendered once
and reused by every entry that has it, and no chunk is larger than about
``CHUNK`` characters.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from drill.analysis.diff import CutKey, PlanDiff
from drill.analysis.results import Analysis, Finding
from drill.reports.analyze_risk import party_extra, tail_extra, task_extra, with_extra

if TYPE_CHECKING:
    from drill.analysis.weekly import WindowReport

CHUNK = 1 << 18
"""About how many characters :func:`iter_analysis_json` yields at a time."""


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {"rule": finding.rule, "severity": finding.severity, "message": finding.message,
            "where": finding.where}


def _cut_key_to_dict(key: CutKey) -> dict[str, Any]:
    kind, ident, cut = key
    if kind == "task":
        procedure, step, sender, recipient = ident
        return {"kind": "task", "procedure": procedure, "step": step, "from": sender,
                "to": recipient, "cut_set": list(cut)}
    procedure, origin, party = ident
    return {"kind": "party", "procedure": procedure, "origin": origin, "party": party,
            "cut_set": list(cut)}


def _summary(analysis: Analysis) -> dict[str, int]:
    return {
        "tasks": len(analysis.tasks),
        "parties": len(analysis.parties),
        "errors": analysis.count("error"),
        "warnings": analysis.count("warning"),
        "notes": analysis.count("note"),
    }


def _task_head(t: Any) -> dict[str, Any]:
    return {"procedure": t.procedure, "step": t.step, "from": t.sender, "to": t.recipient,
            "candidates": [{"to": party, "via": channel} for party, channel in t.candidates]}


def _party_head(p: Any) -> dict[str, Any]:
    return {"procedure": p.procedure, "origin": p.origin, "party": p.party}


def _tail(analysis: Analysis, diff: PlanDiff | None, *, lazy: bool = False) -> dict[str, Any]:
    """Everything after ``parties``: small enough to build as one structure (but ``windows``: see ``lazy``)."""
    data: dict[str, Any] = {
        "findings": [finding_to_dict(f) for f in analysis.findings],
        "ranking": [
            {"event": r.event, "kind": r.kind, "tasks_alone": r.tasks_alone,
             "parties_alone": r.parties_alone, "tasks_in_pairs": r.tasks_in_pairs,
             "parties_in_pairs": r.parties_in_pairs}
            for r in analysis.ranking
        ],
        "pairs": [
            {"events": list(r.events), "tasks": r.tasks, "parties": r.parties}
            for r in analysis.pairs
        ],
    }
    if diff is not None:
        data["baseline"] = {
            "plan": diff.old.plan.id,
            "path": diff.old.plan.path,
            "added": {"cut_sets": [_cut_key_to_dict(k) for k in diff.added_cut_sets],
                      "findings": [finding_to_dict(f) for f in diff.added_findings]},
            "removed": {"cut_sets": [_cut_key_to_dict(k) for k in diff.removed_cut_sets],
                        "findings": [finding_to_dict(f) for f in diff.removed_findings]},
        }
    data.update(tail_extra(analysis, lazy=lazy))
    return data


def analysis_to_dict(analysis: Analysis, diff: PlanDiff | None = None) -> dict[str, Any]:
    """The whole report as one structure (fine for plans of ordinary size)."""
    data: dict[str, Any] = {
        "plan": analysis.plan.id,
        "order": analysis.order,
        "summary": _summary(analysis),
        "tasks": [{**_task_head(t), "cut_sets": [list(c) for c in t.cut_sets], **task_extra(analysis, i)}
                  for i, t in enumerate(analysis.tasks)],
        "parties": [{**_party_head(p), "cut_sets": [list(c) for c in p.cut_sets], **party_extra(analysis, i)}
                    for i, p in enumerate(analysis.parties)],
    }
    data.update(_tail(analysis, diff))
    return data


def _dump(value: Any, level: int) -> str:
    """``json.dumps(value, indent=2)`` as it appears nested ``level`` levels deep."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * level) if level else text


class _CutSetText:
    """The indented JSON of cut sets inside an entry of ``tasks`` or ``parties``, memoised."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.cuts: dict[tuple[str, ...], str] = {}

    def cut(self, cut: tuple[str, ...]) -> str:
        text = self.cuts.get(cut)
        if text is None:
            ids = self.ids
            quoted = []
            for event in cut:
                q = ids.get(event)
                if q is None:
                    q = ids[event] = json.dumps(event, ensure_ascii=False)
                quoted.append(q)
            # list items at 8 spaces, their ids at 10 (entry keys are at 6)
            text = self.cuts[cut] = ("        [\n          " + ",\n          ".join(quoted)
                                     + "\n        ]") if quoted else "        []"
        return text

    def quote(self, ident: str) -> str:
        q = self.ids.get(ident)
        if q is None:
            q = self.ids[ident] = json.dumps(ident, ensure_ascii=False)
        return q

    def party(self, entry: Any) -> str:
        """A ``parties`` entry, written directly (there are hundreds of thousands)."""
        quote = self.quote
        return ('{\n      "procedure": ' + quote(entry.procedure) + ',\n      "origin": '
                + quote(entry.origin) + ',\n      "party": ' + quote(entry.party)
                + ',\n      "cut_sets": ' + self.cut_sets(entry.cut_sets) + "\n    }")

    def task(self, entry: Any) -> str:
        return _entry(_task_head(entry), entry.cut_sets, self)

    def cut_sets(self, cut_sets: tuple[tuple[str, ...], ...]) -> str:
        if not cut_sets:
            return "[]"
        cut = self.cut
        return "[\n" + ",\n".join([cut(c) for c in cut_sets]) + "\n      ]"


def _entry(head: dict[str, Any], cut_sets: tuple[tuple[str, ...], ...], text: _CutSetText) -> str:
    """One entry of ``tasks`` or ``parties`` (at 4 spaces), ``cut_sets`` its last key."""
    opening = _dump(head, 2)  # '{\n      "k": v,\n ... \n    }'
    if head:
        return opening[:-6] + ',\n      "cut_sets": ' + text.cut_sets(cut_sets) + "\n    }"
    return '{\n      "cut_sets": ' + text.cut_sets(cut_sets) + "\n    }"


def iter_analysis_json(analysis: Analysis, diff: PlanDiff | None = None, *,
                       extra: dict[str, Any] | None = None, **_: Any) -> Iterator[str]:
    """The JSON report in chunks; ``"".join`` of them is :func:`render_analysis_json`."""
    text = _CutSetText()
    buffer: list[str] = []
    size = 0
    buffer.append("{\n")
    for key, value in (("plan", analysis.plan.id), ("order", analysis.order),
                       ("summary", _summary(analysis))):
        buffer.append(f"  {json.dumps(key)}: {_dump(value, 1)},\n")
    for key, entries, render, more in (("tasks", analysis.tasks, text.task, task_extra),
                                        ("parties", analysis.parties, text.party, party_extra)):
        if not entries:
            buffer.append(f'  "{key}": [],\n')
            continue
        buffer.append(f'  "{key}": [\n    ')
        for i, entry in enumerate(entries):
            piece = render(entry) if analysis.risk is None else with_extra(render(entry), more(analysis, i))
            buffer.append(piece if i == 0 else ",\n    " + piece)
            size += len(piece)
            if size >= CHUNK:
                yield "".join(buffer)
                buffer.clear()
                size = 0
        buffer.append("\n  ],\n")
    tail = {**_tail(analysis, diff, lazy=True), **(extra or {})}  # extra: --suggest's keys (FORMAT.md 7.4)
    last = len(tail) - 1
    for i, (key, value) in enumerate(tail.items()):
        if key == "windows" and isinstance(value, tuple):  # --windows, left lazy by _tail
            buffer.append(f"  {json.dumps(key)}: ")
            for piece in iter_windows_json(value):
                buffer.append(piece)
                size += len(piece)
                if size >= CHUNK:
                    yield "".join(buffer)
                    buffer.clear()
                    size = 0
            buffer.append(",\n" if i < last else "\n")
            continue
        buffer.append(f"  {json.dumps(key)}: {_dump(value, 1)}" + (",\n" if i < last else "\n"))
    buffer.append("}\n")
    yield "".join(buffer)


def iter_windows_json(windows: tuple[WindowReport, ...]) -> Iterator[str]:
    """``_dump([w.to_dict() for w in windows], 1)`` in pieces: millions of ``only_here`` items on a national plan.

    Each entry's ``kind``, ``entry`` and ``what`` are rendered once per window and each cut set once,
    without ``json.dumps(indent=...)`` (its encoder is a cycle of closures: garbage the paused collector
    would keep, per call).
    """
    cut_text: dict[tuple[str, ...], str] = {}
    for number, window in enumerate(windows):
        head = _dump({"name": window.name, "moment": window.moment, "spans": window.spans,
                      "spofs": window.spofs, "only_here": []}, 2)
        yield ("[\n    " if number == 0 else ",\n    ")
        if not window.entries:
            yield head
            continue
        yield head[:-len("[]\n    }")] + "[\n        "
        first = True
        for kid, cuts in window.entries:
            (kind, *entry), label = window.keys[kid]
            opening = ("{\n          \"kind\": " + _quote(kind) + ',\n          "entry": ' + _ids(entry)
                       + ',\n          "what": ' + _quote(label) + ',\n          "cut_set": ')
            pieces = []
            for cut in cuts:
                text = cut_text.get(cut)
                if text is None:
                    text = cut_text[cut] = _ids(cut)
                pieces.append(opening + text + "\n        }")
            yield ("" if first else ",\n        ") + ",\n        ".join(pieces)
            first = False
        yield "\n      ]\n    }"
    yield "\n  ]"


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _ids(ids: list[str] | tuple[str, ...]) -> str:
    """A list of ids as ``_dump`` writes it at 5 levels (a key of an ``only_here`` item)."""
    if not ids:
        return "[]"
    return "[\n            " + ",\n            ".join(_quote(i) for i in ids) + "\n          ]"


def render_analysis_json(analysis: Analysis, diff: PlanDiff | None = None, *,
                         extra: dict[str, Any] | None = None, **_: Any) -> str:
    return "".join(iter_analysis_json(analysis, diff, extra=extra))
