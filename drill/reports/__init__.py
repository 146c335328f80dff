"""Turn results into text, JSON and other formats.  No simulation logic here.

Every output format of every command is a row of :mod:`drill.reports.registry`.
"""

from drill.reports.run_json import render_run_json, run_to_dict, task_to_dict
from drill.reports.run_text import render_run_text

__all__ = ["render_run_json", "render_run_text", "run_to_dict", "task_to_dict"]
