"""The error types of drill.

Every problem a user can cause is a :class:`DrillError`; bad input files raise
:class:`PlanError`, which carries *every* problem found, each with the place in
the file it is about, so that a user fixes them all in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file (1-based line and column)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


#: Longest problem message; past it the message is cut (docs/security.md).
MAX_MESSAGE = 400


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    location: Location
    message: str

    def __post_init__(self) -> None:
        # a message quotes words of the file: a 5 MiB id must not be echoed in full
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", self.message[:MAX_MESSAGE] + "…")

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class DrillError(Exception):
    """Root of every error drill reports to a user (exit code 2 on the CLI)."""


class PlanError(DrillError):
    """An input file (plan, scenario, answers) is invalid.

    ``problems`` lists every problem found, sorted by place.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.location, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))
