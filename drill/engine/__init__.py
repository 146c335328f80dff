"""The simulation of FORMAT.md section 3: deterministic, event by event."""

from drill.engine.clock import DrillClock
from drill.engine.events import (
    AttemptFailed,
    AttemptStarted,
    Delivered,
    Event,
    InjectApplied,
    PartyInformed,
    RetryScheduled,
    SimulationEnded,
    StateChanged,
    TaskFailed,
    TaskStarted,
    event_to_dict,
)
from drill.engine.outcome import ExpectationResult, RunResult, evaluate, result_of, simulate
from drill.engine.simulation import STATUSES, Attempt, Simulation, Task
from drill.engine.timeline import Cause, FailureTimeline

__all__ = [
    "STATUSES", "Attempt", "AttemptFailed", "AttemptStarted", "Cause", "Delivered", "DrillClock",
    "Event", "ExpectationResult", "FailureTimeline", "InjectApplied", "PartyInformed",
    "RetryScheduled", "RunResult", "SimulationEnded", "Simulation", "StateChanged", "Task",
    "TaskFailed", "TaskStarted", "evaluate", "event_to_dict", "result_of", "simulate",
]
