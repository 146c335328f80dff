"""What ``drill analyze`` finds: cut sets, findings and the riskiest components.

Plain frozen data, so every renderer (text, JSON, Markdown, SARIF, Open-PSA)
and the baseline diff read the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drill.analysis.closure import Candidate
from drill.analysis.cutsets import CutSet
from drill.analysis.rules import RULE_ORDER, SEVERITIES
from drill.analysis.wording import canonical_text, finding_text
from drill.model.errors import Location
from drill.model.plan import Plan


@dataclass(frozen=True)
class Finding:
    """One lint result, about one YAML node: facts, worded by :mod:`drill.analysis.wording`."""

    rule: str
    severity: str
    wording: str
    """Which sentence of :mod:`drill.analysis.wording` says it (``shared-risk/task``)."""
    facts: tuple[tuple[str, Any], ...]
    """Its named values: :class:`~drill.analysis.wording.Name` s, counts, minutes (no words)."""
    location: Location | None
    facet: str | None = field(default=None, compare=False)
    """A machine tag of what kind of finding of its rule this is (``separate-on-paper``), or None."""
    canonical: str = field(default="", compare=False, repr=False)
    """English with ids only, whatever the language: the finding's identity and order."""

    def __post_init__(self) -> None:
        if not self.canonical:
            object.__setattr__(self, "canonical", canonical_text(self.wording, self.facts))

    @property
    def message(self) -> str:
        """What people read, in the current language (labels with ids)."""
        return finding_text(self.wording, self.facts)

    @property
    def brief(self) -> str:
        """The message with ids only, in the current language (one line of the summary)."""
        return finding_text(self.wording, self.facts, labels=False)

    @property
    def where(self) -> str:
        return str(self.location) if self.location is not None else ""

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity across plan versions and languages: the place may move, the facts do not."""
        return (self.rule, self.severity, self.canonical)

    def sort_key(self) -> tuple:
        loc = self.location
        return (RULE_ORDER.get(self.rule, 99), SEVERITIES.index(self.severity),
                (loc.path, loc.line, loc.column) if loc else ("", 0, 0), self.canonical)


@dataclass(frozen=True)
class TaskResult:
    """A task (step, from, to) of a procedure and its minimal cut sets."""

    procedure: str
    step: str
    sender: str
    recipient: str
    candidates: tuple[Candidate, ...]
    supports: tuple[frozenset[str], ...]
    """Events that kill each candidate (same order)."""
    cut_sets: tuple[CutSet, ...]
    location: Location | None = None

    @property
    def label(self) -> str:
        return f"{self.procedure}/{self.step} {self.sender} → {self.recipient}"


@dataclass(frozen=True)
class PartyResult:
    """A party informed from an origin with nothing failed, and its end-to-end cut sets."""

    procedure: str
    origin: str
    party: str
    cut_sets: tuple[CutSet, ...]


@dataclass(frozen=True)
class RiskRow:
    """How much one event silences: tasks and party entries, alone and in pairs."""

    event: str
    kind: str
    """``component`` or ``channel``."""
    tasks_alone: int
    parties_alone: int
    tasks_in_pairs: int
    parties_in_pairs: int

    @property
    def score(self) -> tuple[int, int, str]:
        return (-(self.tasks_alone + self.parties_alone),
                -(self.tasks_in_pairs + self.parties_in_pairs), self.event)


@dataclass(frozen=True)
class RiskPair:
    """Two events that together silence tasks and party entries (an order-2 cut set)."""

    events: tuple[str, str]
    tasks: int
    parties: int


@dataclass(frozen=True)
class Analysis:
    """Everything ``drill analyze`` says about one plan."""

    plan: Plan
    order: int
    tasks: tuple[TaskResult, ...]
    parties: tuple[PartyResult, ...]
    findings: tuple[Finding, ...]
    ranking: tuple[RiskRow, ...] = field(default=())
    pairs: tuple[RiskPair, ...] = field(default=())
    """Order-2 cut sets by how much they silence, most first."""
    graphs: dict = field(default_factory=dict, compare=False, repr=False)
    """(procedure, origin) -> StepGraph, for the probability analysis."""
    risk: Any = field(default=None, compare=False, repr=False)
    """Probabilities, importance, moment (drill.analysis.risk.Risk), when asked for."""

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)
