"""Turn results into text, JSON and other formats.  No simulation logic here."""

from drill.reports.run_json import render_run_json, run_to_dict, task_to_dict
from drill.reports.run_text import render_run_text

__all__ = ["render_run_json", "render_run_text", "run_to_dict", "task_to_dict"]

#: ``drill run --format`` choices -> renderer(result, color=..., width=...).
#: Other report modules add their formats here.
RUN_FORMATS: dict[str, object] = {
    "text": render_run_text,
    "json": lambda result, **_: render_run_json(result),
}
