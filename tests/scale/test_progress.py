"""The progress bar shows only for sweeps longer than a second, and only when enabled."""

from __future__ import annotations

import pytest

from drill.scale import progress as progress_module
from drill.scale.progress import LazyProgress


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bar_appears_after_the_delay_and_only_when_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock()
    monkeypatch.setattr(progress_module.time, "monotonic", clock)
    quiet = LazyProgress("sweep", enabled=False)
    quiet.set_total(10)
    clock.now += 5
    quiet(3)
    assert quiet._bar is None and quiet.done == 3

    bar = LazyProgress("sweep", enabled=True)
    bar.set_total(10)
    bar(2)
    assert bar._bar is None  # under a second: nothing shown
    clock.now += 1.5
    bar(2)
    assert bar._bar is not None and bar.done == 4
    bar.close()
    assert bar._bar is None


def test_a_sweep_that_finishes_early_never_shows_a_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock()
    monkeypatch.setattr(progress_module.time, "monotonic", clock)
    with LazyProgress("sweep", enabled=True) as bar:
        bar.set_total(4)
        clock.now += 3
        bar(4)
        assert bar._bar is None
