"""``drill analyze --format open-psa``: an Open-PSA MEF model, one fault tree per task.

The top event of a task's fault tree is "the task cannot get through": an AND
over its candidates, each candidate an OR over the events that kill it (its
support, :mod:`drill.analysis.closure`).  Its top gate is named
``task__<procedure>__<step>__<from>__<to>``; candidates are
``cand__<procedure>__<step>__<from>__<to>__<n>`` (n from 1, in candidate
order).  Basic events are the plan's component and channel ids, with the
probability from ``p_fail`` (else :data:`DEFAULT_P_FAIL`).  Tasks without a
candidate have no fault tree (they fail with nothing broken; the
``no-common-channel`` finding says so).

MEF names allow ASCII letters, digits, ``_`` and single ``-`` between them
(and cannot start with a digit or contain ``.``).  Ids that do not fit are
encoded reversibly by :func:`mef_name`: every character other than an ASCII
letter or digit, or a ``-`` between two of them, becomes ``_u<hex>x`` (its
code point in lower-case hex), and so does a leading digit; ``_`` itself is
always encoded.  Encoded names therefore never contain ``__`` and never end
with ``_``, so the ``__`` separators of gate names split back unambiguously
(:func:`parse_task_gate`).  Every element keeps the original id as its
``<label>``.  SCRAM 0.16 loads the result (``scram --limit-order 2 FILE``).
"""

from __future__ import annotations

import re
from typing import Any

from drill.analysis.diff import PlanDiff
from drill.analysis.probability import DEFAULT_P_FAIL
from drill.analysis.results import Analysis, TaskResult
from drill.reports.xml_chars import escape, quoteattr, xml_chars

_ESCAPE = re.compile(r"_u([0-9a-f]+)x")


def _plain(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def mef_name(ident: str) -> str:
    """Encode a drill id as a MEF name (identity for ids such as ``pref-power``)."""
    out = []
    for i, ch in enumerate(ident):
        keep = _plain(ch) and not (i == 0 and ch.isdigit())
        if ch == "-" and 0 < i < len(ident) - 1 and _plain(ident[i - 1]) and _plain(ident[i + 1]):
            keep = True
        out.append(ch if keep else f"_u{ord(ch):x}x")
    # "_ux" (an escape with no code point) cannot come from a non-empty id: "\x00" is "_u0x"
    return "".join(out) or "_ux"


def mef_unname(name: str) -> str:
    """Inverse of :func:`mef_name`."""
    if name == "_ux":
        return ""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), name)


def task_gate_name(task: TaskResult) -> str:
    return "__".join(["task"] + [mef_name(part) for part in
                                 (task.procedure, task.step, task.sender, task.recipient)])


def parse_task_gate(name: str) -> tuple[str, str, str, str]:
    """``task__p__s__f__t`` back to (procedure, step, from, to)."""
    parts = name.split("__")
    if len(parts) != 5 or parts[0] != "task":
        raise ValueError(f"not a drill task gate: {name}")
    procedure, step, sender, recipient = (mef_unname(p) for p in parts[1:])
    return procedure, step, sender, recipient


def _comment(text: str) -> str:
    """An XML comment; ``--`` is not allowed inside one."""
    while "--" in text:
        text = text.replace("--", "- -")
    if text.endswith("-"):
        text += " "
    return f"<!-- {xml_chars(text)} -->\n"


def _label(text: str, indent: str) -> str:
    return f"{indent}<label>{escape(text)}</label>\n"


def _ref(event: str) -> str:
    return f"<basic-event name={quoteattr(mef_name(event))}/>"


def render_analysis_openpsa(analysis: Analysis, diff: PlanDiff | None = None, **_: Any) -> str:
    plan = analysis.plan
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           _comment(f"drill analyze, Open-PSA format: plan {plan.id}; one fault tree per task, "
                    "top gate task__<procedure>__<step>__<from>__<to>"),
           f"<opsa-mef name={quoteattr(mef_name(plan.id))}>\n",
           _label(plan.id, "  ")]
    used: set[str] = set()
    order = {event: i for i, event in enumerate(list(plan.components) + list(plan.channels))}
    for task in analysis.tasks:
        if not task.candidates:
            continue
        top = task_gate_name(task)
        out.append(f"  <define-fault-tree name={quoteattr('ft' + top[4:])}>\n")
        out.append(_label(f"{task.procedure}/{task.step} {task.sender} -> {task.recipient}", "    "))
        args = []
        gates = []
        for n, ((party, channel), support) in enumerate(zip(task.candidates, task.supports, strict=True), 1):
            events = sorted(support, key=lambda e: (order.get(e, len(order)), e))
            used.update(events)
            if len(events) == 1:
                if _ref(events[0]) not in args:  # MEF forbids an argument twice (A and A is A)
                    args.append(_ref(events[0]))
                continue
            name = f"cand{top[4:]}__{n}"
            args.append(f"<gate name={quoteattr(name)}/>")
            body = "".join(f"        {_ref(e)}\n" for e in events)
            gates.append(f"    <define-gate name={quoteattr(name)}>\n"
                         + _label(f"{channel} to {party}", "      ")
                         + f"      <or>\n{body}      </or>\n    </define-gate>\n")
        out.append(f"    <define-gate name={quoteattr(top)}>\n")
        out.append(_label(f"{task.procedure}/{task.step}/{task.sender}/{task.recipient}", "      "))
        if len(args) == 1:
            out.append(f"      {args[0]}\n")
        else:
            out.append("      <and>\n" + "".join(f"        {a}\n" for a in args) + "      </and>\n")
        out.append("    </define-gate>\n")
        out.extend(gates)
        out.append("  </define-fault-tree>\n")
    out.append("  <model-data>\n")
    for event in sorted(used, key=lambda e: (order.get(e, len(order)), e)):
        item = plan.components.get(event) or plan.channels.get(event)
        p_fail = getattr(item, "p_fail", None)
        probability = DEFAULT_P_FAIL if p_fail is None else p_fail
        out.append(f"    <define-basic-event name={quoteattr(mef_name(event))}>\n")
        out.append(_label(event, "      "))
        out.append(f'      <float value="{probability!r}"/>\n    </define-basic-event>\n')
    out.append("  </model-data>\n</opsa-mef>\n")
    return "".join(out)
