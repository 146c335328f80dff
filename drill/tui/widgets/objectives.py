"""The drill's objectives: pending while it runs, PASS or FAIL once it has ended."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from drill.engine import Simulation, evaluate


class ObjectivesPanel(Static):
    """One line per ``expect`` entry of the scenario, and the task summary."""

    def show(self, sim: Simulation) -> None:
        text = Text()
        counts = {"delivered": 0, "late": 0, "failed": 0, "blocked": 0}
        for task in sim.tasks:
            if task.done or sim.finished:
                counts[task.status] = counts.get(task.status, 0) + 1
        text.append(f"{len(sim.tasks)} tasks: {counts['delivered']} delivered, {counts['late']} late, "
                    f"{counts['failed']} failed, {counts['blocked']} blocked\n", style="bold")
        if not sim.scenario.expect:
            text.append("no objectives in this scenario", style="dim")
        for expectation in sim.scenario.expect:
            raw = ", ".join(f"{k}: {v}" for k, v in expectation.raw.items())
            if not sim.finished:
                text.append("  …   ", style="dim")
                text.append(raw + "\n")
                continue
            result = evaluate(expectation, sim)
            text.append("PASS  " if result.ok else "FAIL  ", style="green" if result.ok else "bold red")
            text.append(raw + "\n")
            if not result.ok:  # a passed objective needs no explanation; a failed one does
                text.append(f"      {result.detail}\n", style="dim")
        self.plain = text.plain
        """The panel as plain text (tests)."""
        self.update(text)
