"""Plans and scenarios whose ids are Rich/Textual markup (shared by the hostile-text tests)."""

from __future__ import annotations

from pathlib import Path

#: ids that Rich or Textual would read as markup if they were not passed as plain text
MARKUP_IDS = {
    "pref": "[/x]",
    "duty": "[/]",
    "town": "[link=https://example.invalid/]town[/link]",
    "fax": "[bold red]fax",
}

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def markup_plan_text() -> str:
    """base-plan.yaml with every party id and a channel id replaced by markup."""
    text = (BAD / "base-plan.yaml").read_text(encoding="utf-8")
    import re

    for old, new in MARKUP_IDS.items():
        text = re.sub(rf"(?<![\w@-]){old}(?![\w-])", _quote(new), text)
    return text


def write_markup_drill(folder: Path) -> tuple[Path, Path]:
    """Write the markup plan and a scenario on it into ``folder``; return (plan, scenario)."""
    import re

    plan = folder / "markup-plan.yaml"
    plan.write_text(markup_plan_text(), encoding="utf-8")
    scenario = (BAD / "base-scenario.yaml").read_text(encoding="utf-8").replace("base-plan.yaml", plan.name)
    for old, new in MARKUP_IDS.items():
        scenario = re.sub(rf"(?<![\w@-]){old}(?![\w-])", _quote(new), scenario)
    path = folder / "markup-drill.yaml"
    path.write_text(scenario, encoding="utf-8")
    return plan, path
