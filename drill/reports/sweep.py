"""``drill sweep --order 1|2`` as JSON and as text (the sweep itself: :mod:`drill.scale.sweep`).

The JSON keeps machine values (statuses, ids); the text is in the current
language and lists the failure sets that hurt most, worst first.
"""

from __future__ import annotations

from typing import Any

from drill.i18n import _, ngettext
from drill.i18n.formats import listing
from drill.i18n.words import status_word, tasks_summary
from drill.scale.context import STATUSES, Outcome
from drill.scale.sweep import SweepResult, SweepRow


def _severity(result: SweepResult, row: SweepRow) -> tuple[int, ...]:
    worse = result.worse(row.outcome)
    summary = row.outcome.summary()
    return (len(worse), summary["failed"] + summary["blocked"], summary["late"], len(row.outcome.unmet))


def sweep_to_dict(result: SweepResult) -> dict[str, Any]:
    context = result.context
    scenario = context.scenario
    tasks = context.tasks
    base = result.baseline

    def worse(outcome: Outcome) -> list[dict[str, Any]]:
        return [{"step": tasks[i][0], "from": tasks[i][1], "to": tasks[i][2],
                 "status": STATUSES[outcome.statuses[i]], "baseline": STATUSES[base.statuses[i]]}
                for i in result.worse(outcome)]

    return {
        "scenario": scenario.id,
        "plan": scenario.plan.id,
        "order": result.order,
        "baseline": base.summary(),
        "baseline_unmet": list(base.unmet),
        "expectations": [e.raw for e in scenario.expect],
        "sets": len(result.rows),
        "simulated": sum(1 for row in result.rows if row.simulated),
        "skipped_pairs": result.skipped_pairs,
        "scenarios": [
            {"fail": list(row.fail), "summary": row.outcome.summary(), "unmet": list(row.outcome.unmet),
             "worse": worse(row.outcome)}
            for row in result.rows
        ],
    }


def _head(result: SweepResult) -> list[str]:
    scenario = result.context.scenario
    simulated = sum(1 for r in result.rows if r.simulated)
    first = ngettext("sweep of {scenario} (plan {plan}), order {order}: {n} failure set, {simulated} simulated, "
                     "the rest provably as the baseline",
                     "sweep of {scenario} (plan {plan}), order {order}: {n} failure sets, {simulated} simulated, "
                     "the rest provably as the baseline", len(result.rows)).format(
        scenario=scenario.id, plan=scenario.plan.id, order=result.order, n=len(result.rows), simulated=simulated)
    if result.order == 2:
        first += ngettext("; {n} pair skipped (a member no task could use)",
                          "; {n} pairs skipped (a member no task could use)",
                          result.skipped_pairs).format(n=result.skipped_pairs)
    base = _("baseline: {summary}").format(summary=tasks_summary(result.baseline.summary()))
    unmet = len(result.baseline.unmet)
    if unmet:
        base += ngettext("; {n} objective unmet", "; {n} objectives unmet", unmet).format(n=unmet)
    return [first, base]


def _row_line(result: SweepResult, row: SweepRow, width: int) -> str:
    context = result.context
    worse = result.worse(row.outcome)
    newly_unmet = sorted(set(row.outcome.unmet) - set(result.baseline.unmet))
    shown = listing([_("{task} {status}").format(
        task=f"{context.tasks[i][0]} {context.tasks[i][1]}→{context.tasks[i][2]}",
        status=status_word(STATUSES[row.outcome.statuses[i]])) for i in worse], 3)
    objectives = ""
    if newly_unmet:
        numbers = ", ".join(str(i + 1) for i in newly_unmet)
        objectives = ngettext("objective {numbers} unmet", "objectives {numbers} unmet",
                              len(newly_unmet)).format(numbers=numbers)
        if shown:
            objectives = _("; {objectives}").format(objectives=objectives)
        else:
            objectives = _("{objectives} (every task keeps its status, but later)").format(objectives=objectives)
    fail = " + ".join(row.fail)
    return _("  {fail}  {count} worse  {tasks}").format(
        fail=fail + " " * (width - len(fail)), count=f"{len(worse):>4}", tasks=shown + objectives)


def render_sweep_text(result: SweepResult, limit: int = 30) -> str:
    lines = _head(result)
    harmful = [row for row in result.rows if result.worse(row.outcome) or
               set(row.outcome.unmet) - set(result.baseline.unmet)]
    # worst first; at equal harm a single failure before a pair (it is the weaker point)
    harmful.sort(key=lambda row: (*(-x for x in _severity(result, row)), len(row.fail), row.fail))
    if not harmful:
        lines.append(_("no failure set makes any task worse or any objective fail"))
        return "\n".join(lines) + "\n"
    lines.append(ngettext("{n} failure set makes things worse:", "{n} failure sets make things worse; worst first:",
                          len(harmful)).format(n=len(harmful)))
    width = max(len(" + ".join(row.fail)) for row in harmful[:limit])
    lines += [_row_line(result, row, width) for row in harmful[:limit]]
    if len(harmful) > limit:
        lines.append(_("  ... and {n} more (use --format json for all)").format(n=len(harmful) - limit))
    return "\n".join(lines) + "\n"
