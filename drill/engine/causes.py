"""Why an attempt or a task failed, as facts, and the one place that words them.

FORMAT.md 7.2: every failed attempt carries a ``cause`` (an id) and a
``cause_kind``; a task that fails or is blocked without any attempt carries a
``reason_kind``.  The engine records those facts (:class:`AttemptCause`,
:class:`TaskCause`); :func:`attempt_reason` and :func:`task_reason` are the
only functions that turn them into sentences for people.  Reports classify
failures by kind and id, never by reading the sentences, so the wording can
change (or be translated) without changing any report's structure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from drill.i18n import _, current_language
from drill.i18n.formats import duration_text, weekday
from drill.model.durations import format_duration

CauseKind = Literal["down", "not-staffed", "absent", "horizon"]
"""Why an attempt failed: ``down`` (``cause`` is the injected root), ``not-staffed``
and ``absent`` (``cause`` is the party), ``horizon`` (``cause`` is None)."""

ReasonKind = Literal["no-candidate", "blocked", "horizon"]
"""Why a task failed without any attempt; ``horizon``: its sender was informed
but the drill ended before its first attempt."""

CAUSE_KINDS: tuple[CauseKind, ...] = ("down", "not-staffed", "absent", "horizon")
REASON_KINDS: tuple[ReasonKind, ...] = ("no-candidate", "blocked", "horizon")


@dataclass(frozen=True)
class DownChain:
    """The root whose failure by an inject made something down, and the chain to it."""

    root: str
    since: float
    chain: tuple[tuple[str, float], ...] = ()
    """(id, down since) from the root's dependant up to the item asked about."""


@dataclass(frozen=True)
class AttemptCause:
    """The facts behind one failed attempt."""

    kind: CauseKind
    cause: str | None
    """The root (``down``), the party (``not-staffed``, ``absent``) or None (``horizon``)."""
    channel: str = ""
    down: DownChain | None = None
    at_party: str | None = None
    """``down`` through a dependency of this party's contact (not the channel itself)."""
    since: float = 0.0
    """``absent``: since when."""
    moment: datetime | None = None
    """``not-staffed``: the local wall time of the attempt."""
    calendar: str = ""
    horizon: float = math.inf


@dataclass(frozen=True)
class TaskCause:
    """The facts behind a failed or blocked task."""

    kind: ReasonKind | Literal["exhausted", "unfinished"]
    """``exhausted``: every candidate failed; ``unfinished``: the horizon came while
    attempts were still going on.  Only the first three go to ``reason_kind``."""
    sender: str = ""
    recipient: str = ""
    via: tuple[str, ...] = ()
    retries: bool = False
    horizon: float = math.inf

    @property
    def reason_kind(self) -> ReasonKind | None:
        return self.kind if self.kind in REASON_KINDS else None  # type: ignore[return-value]


def _since(minutes: float) -> str:
    """A moment of the drill inside a reason: ``8m`` in English (the run JSON's form), ``8分`` in Japanese."""
    return duration_text(minutes) if current_language() == "ja" else format_duration(minutes)


def _horizon_text(horizon: float) -> str:
    return _since(horizon) if horizon != math.inf else _("the end")


def down_text(down: DownChain, *, named_after: bool = False) -> str:
    """``root down since T, so X down since T2``; with ``named_after`` the last link
    is left out because the caller names it itself."""
    text = _("{item} down since {since}").format(item=down.root, since=_since(down.since))
    chain = down.chain[:-1] if named_after else down.chain
    for ident, since in chain:
        text += _(", so {item} down since {since}").format(item=ident, since=_since(since))
    return text


def attempt_reason(cause: AttemptCause) -> str:
    """The words for people that say why an attempt failed."""
    if cause.kind == "down":
        assert cause.down is not None
        if cause.at_party is not None:
            return _("{chain} ({channel} at {party})").format(
                chain=down_text(cause.down), channel=cause.channel, party=cause.at_party)
        text = down_text(cause.down, named_after=True)
        if cause.down.root != cause.channel:
            text += _(" ({channel})").format(channel=cause.channel)
        return text
    if cause.kind == "absent":
        return _("{party} absent since {since}").format(party=cause.cause, since=_since(cause.since))
    if cause.kind == "not-staffed":
        moment = "?" if cause.moment is None else f"{weekday(cause.moment.weekday())} {cause.moment:%H:%M}"
        return _("{party} not staffed ({moment}, {calendar} hours)").format(
            party=cause.cause, moment=moment, calendar=cause.calendar)
    return _("no outcome before the horizon ({horizon})").format(horizon=_horizon_text(cause.horizon))


def task_reason(cause: TaskCause) -> str:
    """The words for people that say why a task failed or was blocked."""
    if cause.kind == "no-candidate":
        return _("no candidate: {sender} shares none of {channels} with {recipient} or its deputies").format(
            sender=cause.sender, channels=", ".join(cause.via), recipient=cause.recipient)
    if cause.kind == "blocked":
        return _("{sender} was never informed").format(sender=cause.sender)
    if cause.kind == "exhausted":
        return _("every candidate failed (retries exhausted)") if cause.retries else _("every candidate failed")
    return _("not delivered before the horizon ({horizon})").format(horizon=_horizon_text(cause.horizon))
