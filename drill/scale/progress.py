"""A Rich progress bar on stderr that appears only when a sweep takes more than a second.

Short sweeps stay silent (and CI logs clean); long ones show how far they are
and how long is left.  Results never go through here: stdout stays the result.
"""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class LazyProgress:
    """Call with the number of units just finished; shows a bar once a second has passed."""

    def __init__(self, description: str, enabled: bool, delay: float = 1.0):
        self.description = description
        self.enabled = enabled
        self.delay = delay
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self._bar: Progress | None = None
        self._task: Any = None

    def set_total(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()

    def __call__(self, advance: int) -> None:
        self.done += advance
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self.started < self.delay or self.done >= self.total:
                return
            self._bar = Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.description, total=self.total, completed=self.done)
        else:
            self._bar.update(self._task, completed=self.done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> LazyProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
