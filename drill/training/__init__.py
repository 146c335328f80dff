"""Trainee walkthroughs (FORMAT.md section 5): the clock, ask/say/act steps, scoring.

The core of ``drill train``.  It sits above the engine (it asks the engine's
own rules whether each of the trainee's attempts gets through) and below the
front ends: the headless runner and the trainee TUI drive the same
:class:`Walkthrough`.  No Textual here.
"""

from drill.training.debrief import Score, lessons, render_debrief, score
from drill.training.headless import run_walkthrough
from drill.training.output import render_walkthrough_json, walkthrough_to_dict
from drill.training.session import (
    Option,
    StepRecord,
    TraineeAttempt,
    TraineeTask,
    TrainingError,
    Walkthrough,
    default_walkthrough,
)

__all__ = [
    "Option", "Score", "StepRecord", "TraineeAttempt", "TraineeTask", "TrainingError",
    "Walkthrough", "default_walkthrough", "lessons", "render_debrief", "render_walkthrough_json",
    "run_walkthrough", "score", "walkthrough_to_dict",
]
