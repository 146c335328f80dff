"""The drill's objectives: pending while it runs, met or not met once it has ended."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from drill.engine import Simulation, evaluate
from drill.i18n import _
from drill.i18n.words import objective_word, tasks_summary
from drill.reports.aar import describe_expectation


class ObjectivesPanel(Static):
    """One line per ``expect`` entry of the scenario, and the task summary."""

    def show(self, sim: Simulation) -> None:
        text = Text()
        counts = {"tasks": len(sim.tasks), "delivered": 0, "late": 0, "failed": 0, "blocked": 0}
        for task in sim.tasks:
            if task.done or sim.finished:
                counts[task.status] = counts.get(task.status, 0) + 1
        text.append(tasks_summary(counts) + "\n", style="bold")
        if not sim.scenario.expect:
            text.append(_("no objectives in this scenario"), style="dim")
        for expectation in sim.scenario.expect:
            words = describe_expectation(expectation.raw)
            if not sim.finished:
                text.append("  …   ", style="dim")
                text.append(words + "\n")
                continue
            result = evaluate(expectation, sim)
            text.append(objective_word(result.ok) + "  ", style="green" if result.ok else "bold red")
            text.append(words + "\n")
            if not result.ok:  # a passed objective needs no explanation; a failed one does
                text.append(f"      {result.detail}\n", style="dim")
        self.plain = text.plain
        """The panel as plain text (tests)."""
        self.update(text)
