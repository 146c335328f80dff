"""``drill run --format json``: the shape of FORMAT.md section 4.

Every field of the contract is present; ``within``, ``start`` and ``reason``
on tasks, ``cause`` on attempts, ``detail`` on expectations and the top-level
``title``, ``incident``, ``origin``, ``start``, ``timezone``, ``horizon``,
``end``, ``injects`` and ``files`` are additions, as are ``cause_kind`` on
attempts and ``reason_kind`` on tasks (FORMAT.md 7.2) (optional for readers), so
that ``drill report RUN.json`` can write an after-action report from the
JSON alone.  An expectation is echoed as the
scenario file wrote it.  Contact addresses never appear here.  The shape
itself lives in :mod:`drill.reports.record`.
"""

from __future__ import annotations

import json
from typing import Any

from drill.engine.outcome import RunResult
from drill.engine.simulation import Task
from drill.reports.record import RunRecord, TaskRecord, inject_to_dict

__all__ = ["dumps", "inject_to_dict", "render_run_json", "run_to_dict", "task_to_dict"]


def task_to_dict(task: Task) -> dict[str, Any]:
    return TaskRecord.from_task(task).to_dict()


def run_to_dict(result: RunResult) -> dict[str, Any]:
    return RunRecord.from_result(result).to_dict()


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_run_json(result: RunResult) -> str:
    return dumps(run_to_dict(result))
