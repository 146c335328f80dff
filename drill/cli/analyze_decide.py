"""``drill analyze``'s decision options: --details, the filters, --suggest and --fix-out (FORMAT.md 7.4).

Kept apart from ``cmd_analyze`` so the command stays a thin front end: this
module parses the options, checks their ids against the plan and picks the
renderer; the work is in ``drill.analysis.summary`` / ``drill.analysis.suggest``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

from drill.analysis.results import Analysis
from drill.analysis.suggest import Suggestions
from drill.i18n import N_, _, ngettext

OPTIONS = (
    click.option("--details", is_flag=True,
                 help="Print the full report (every finding, task and party) instead of the summary."),
    click.option("--procedure", "only_procedure", metavar="ID", help="Only this procedure (every format)."),
    click.option("--rule", "only_rule", metavar="ID", help="Only findings of this rule (every format)."),
    click.option("--party", "only_party", metavar="ID",
                 help="Only tasks, party entries and findings about this party (every format)."),
    click.option("--suggest", is_flag=True,
                 help="Propose plan changes that remove every fixable single point of failure."),
    click.option("--fix-out", metavar="FILE", type=click.Path(dir_okay=False),
                 help="Write the plan with the suggested changes applied (implies --suggest)."),
)


def decision_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(OPTIONS):
        func = option(func)
    return func


@dataclass
class Decisions:
    details: bool = False
    only_procedure: str | None = None
    only_rule: str | None = None
    only_party: str | None = None
    suggest: bool = False
    fix_out: str | None = None

    def filtered(self, analysis: Analysis) -> Analysis:
        from drill.analysis.rules import RULE_ORDER
        from drill.analysis.summary import filter_analysis

        plan = analysis.plan
        for value, known, option, what in ((self.only_procedure, plan.procedures, "procedure", N_("procedure")),
                                           (self.only_party, plan.parties, "party", N_("party")),
                                           (self.only_rule, RULE_ORDER, "rule", N_("rule"))):
            if value is not None and value not in known:
                from drill.loading.adhoc import UsageError

                raise UsageError(_("--{option} {value}: no such {what} (known: {known})").format(
                    option=option, value=value, what=_(what), known=", ".join(sorted(known))))
        return filter_analysis(analysis, self.only_procedure, self.only_rule, self.only_party)

    def suggestions(self, plan: Any, path: str, analysis: Analysis | None = None) -> Suggestions | None:
        """``--suggest`` / ``--fix-out``; ``analysis``: the plan's whole static analysis, to reuse its cut sets."""
        if not (self.suggest or self.fix_out):
            return None
        from drill.analysis.suggest import pairs_of, suggest

        found = suggest(plan, None if analysis is None else pairs_of(analysis))
        if self.fix_out:
            from drill.loading.fixout import fixed_plan_text
            from drill.loading.writing import write_atomic

            write_atomic(self.fix_out, [fixed_plan_text(path, found.changes)], inputs=[path])
            contacts = sum(1 for c in found.changes if c[0] == "add-contact")
            changes = ngettext("{n} change", "{n} changes", len(found.changes)).format(n=len(found.changes))
            fill = ngettext("fill in the address of {n} new contact", "fill in the addresses of {n} new contacts",
                            contacts).format(n=contacts)
            click.echo(_("drill: wrote {path} ({changes}; {fill})").format(path=self.fix_out, changes=changes,
                                                                           fill=fill), err=True)
        return found
