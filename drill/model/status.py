"""The statuses of a task, one list for the whole program (FORMAT.md section 4).

``pending`` only exists while a drill runs (the sender was informed, the task
is not finished); a finished run has only the four final statuses.
"""

from __future__ import annotations

from typing import Literal

Status = Literal["pending", "delivered", "late", "failed", "blocked"]
FinalStatus = Literal["delivered", "late", "failed", "blocked"]

STATUSES: tuple[FinalStatus, ...] = ("delivered", "late", "failed", "blocked")
"""The final statuses, in the order reports count them."""

OK_STATUSES: tuple[FinalStatus, ...] = ("delivered",)
"""The statuses that keep a run OK (a late delivery fails the run)."""


def is_final(status: str) -> bool:
    return status in STATUSES
