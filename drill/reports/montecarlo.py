"""``drill sweep --random N`` as JSON and as text (the study itself: :mod:`drill.scale.montecarlo`)."""

from __future__ import annotations

from typing import Any

from drill.i18n import _, ngettext
from drill.i18n.words import status_word
from drill.reports.run_text import objective_text
from drill.scale.context import STATUSES
from drill.scale.montecarlo import MonteCarloResult, wilson


def _share(count: int, runs: int) -> dict[str, Any]:
    low, high = wilson(count, runs)
    return {"count": int(count), "p": round(count / runs, 6), "ci95": [round(low, 6), round(high, 6)]}


def monte_carlo_to_dict(result: MonteCarloResult) -> dict[str, Any]:
    context, tally, runs = result.context, result.tally, result.runs
    scenario = context.scenario
    base = context.baseline
    return {
        "scenario": scenario.id,
        "plan": scenario.plan.id,
        "runs": runs,
        "seed": result.seed,
        "p": result.default_p,
        "simulated": tally.simulated,
        "baseline": base.summary(),
        "all_objectives_met": _share(tally.all_met, runs),
        "expectations": [
            {"expect": expectation.raw, **_share(int(tally.holds[i]), runs)}
            for i, expectation in enumerate(scenario.expect)
        ],
        "tasks": [
            {"step": step, "from": sender, "to": recipient, "baseline": STATUSES[base.statuses[i]],
             "status": {name: _share(int(tally.statuses[i, code]), runs)
                        for code, name in enumerate(STATUSES)}}
            for i, (step, sender, recipient) in enumerate(context.tasks)
        ],
    }


def _pct(count: int, runs: int) -> str:
    low, high = wilson(count, runs)
    return f"{100 * count / runs:6.2f}%  [{100 * low:6.2f}%, {100 * high:6.2f}%]"


def _head(result: MonteCarloResult) -> str:
    scenario = result.context.scenario
    if result.default_p is not None:
        p_text = _("p_fail of each item, else {p}").format(p=result.default_p)
    else:
        p_text = _("p_fail of each item")
    return ngettext(
        "Monte Carlo of {scenario} (plan {plan}): {runs} run, seed {seed}, {p}; "
        "{simulated} runs needed simulating, the rest were provably the baseline",
        "Monte Carlo of {scenario} (plan {plan}): {runs} runs, seed {seed}, {p}; "
        "{simulated} runs needed simulating, the rest were provably the baseline", result.runs).format(
        scenario=scenario.id, plan=scenario.plan.id, runs=result.runs, seed=result.seed, p=p_text,
        simulated=result.tally.simulated)


def render_monte_carlo_text(result: MonteCarloResult, limit: int = 20) -> str:
    context, tally, runs = result.context, result.tally, result.runs
    lines = [_head(result), _("all objectives met   {share}").format(share=_pct(tally.all_met, runs))]
    for i, expectation in enumerate(context.scenario.expect):
        lines.append(_("objective {number}: {share}  {objective}").format(
            number=i + 1, share=_pct(int(tally.holds[i]), runs), objective=objective_text(expectation)))
    delivered = tally.statuses[:, 0]
    weakest = sorted(range(len(context.tasks)), key=lambda i: (int(delivered[i]), i))
    weakest = [i for i in weakest if delivered[i] < runs][:limit]
    if not weakest:
        lines.append(_("every task was delivered in time in every run"))
        return "\n".join(lines) + "\n"
    lines.append(_("tasks least often delivered in time (of {n}):").format(n=len(context.tasks)))
    for i in weakest:
        step, sender, recipient = context.tasks[i]
        spread = _(", ").join(_("{status} {share}").format(
            status=status_word(name), share=f"{100 * tally.statuses[i, code] / runs:.1f}%")
            for code, name in enumerate(STATUSES) if tally.statuses[i, code])
        lines.append(_("  {task}: delivered {share}  ({spread})").format(
            task=f"{step} {sender}→{recipient}", share=_pct(int(delivered[i]), runs), spread=spread))
    return "\n".join(lines) + "\n"
