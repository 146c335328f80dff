"""One moment of the week (``--at``) and the week's staffing patterns (``--windows``).

FORMAT.md 7.4: at a local moment, a contact of a recipient or deputy whose
calendar (its own ``hours``, else its party's) does not cover the moment is
unusable; the sender's side is not calendar-checked (rule 3: a party that is
acting is on duty).  Holidays do not apply: a moment of the week has no date.

:class:`MomentClosure` offers only the candidates staffed at the moment, so
every cut set, finding, summary and probability built on it honours ``--at``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from drill.analysis.calendars import WEEK, week_mask
from drill.analysis.closure import Candidate, Closure
from drill.i18n import N_, _, current_language
from drill.i18n.formats import weekday
from drill.model.errors import DrillError
from drill.model.plan import WEEKDAYS, Plan

_AT = re.compile(r"^\s*([A-Za-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})\s*$")


def parse_at(text: str) -> int:
    """``"sat 22:00"`` -> minute of the week (Monday 00:00 = 0)."""
    match = _AT.match(text)
    day = match.group(1).lower() if match else ""
    if not match or day not in WEEKDAYS or int(match.group(2)) > 23 or int(match.group(3)) > 59:
        raise DrillError(f'--at takes "DAY HH:MM" with DAY one of {", ".join(WEEKDAYS)}, got {text!r}')
    return WEEKDAYS.index(day) * 1440 + int(match.group(2)) * 60 + int(match.group(3))


def minute_text(minute: int) -> str:
    """Minute of the week back to ``"sat 22:00"`` (machine form, also used in ids)."""
    day, rest = divmod(minute % WEEK, 1440)
    return f"{WEEKDAYS[day]} {rest // 60:02d}:{rest % 60:02d}"


def contact_mask(plan: Plan, party: str, channel: str) -> int:
    """The minutes of the week the contact (party, channel) is staffed."""
    owner = plan.parties[party]
    contact = owner.contact(channel)
    hours = contact.hours if contact is not None and contact.hours else owner.hours
    return week_mask(plan.calendar(hours))


class MomentClosure(Closure):
    """A :class:`Closure` whose candidates are only those staffed at ``minute``."""

    def __init__(self, plan: Plan, minute: int):
        super().__init__(plan)
        self.minute = minute
        self._staffed: dict[Candidate, bool] = {}
        self._moment_candidates: dict[tuple[str, str, tuple[str, ...]], list[Candidate]] = {}

    def staffed(self, candidate: Candidate) -> bool:
        found = self._staffed.get(candidate)
        if found is None:
            found = self._staffed[candidate] = bool(contact_mask(self.plan, *candidate) >> self.minute & 1)
        return found

    def candidates(self, actor: str, recipient: str, via: tuple[str, ...]) -> list[Candidate]:
        key = (actor, recipient, via)
        found = self._moment_candidates.get(key)
        if found is None:
            found = self._moment_candidates[key] = [
                c for c in super().candidates(actor, recipient, via) if self.staffed(c)]
        return found


@dataclass(frozen=True)
class Window:
    """A staffing pattern of the week: the spans [start, end) (minutes) where it holds."""

    spans: tuple[tuple[int, int], ...]
    staffed: frozenset[Candidate]

    @property
    def moment(self) -> int:
        """A representative minute: the start of its first span."""
        return self.spans[0][0] % WEEK

    @property
    def name(self) -> str:
        return window_name(self.spans)


def windows(plan: Plan) -> list[Window]:
    """The distinct staffing patterns of the week, in order of their first minute."""
    masks = {(party.id, contact.channel): contact_mask(plan, party.id, contact.channel)
             for party in plan.parties.values() for contact in party.contacts}
    cuts = {0}
    for mask in set(masks.values()):
        previous = mask >> (WEEK - 1) & 1
        for minute in range(WEEK):
            bit = mask >> minute & 1
            if bit != previous:
                cuts.add(minute)
            previous = bit
    bounds = sorted(cuts)
    by_pattern: dict[frozenset[Candidate], list[tuple[int, int]]] = {}
    for i, start in enumerate(bounds):
        end = bounds[i + 1] if i + 1 < len(bounds) else WEEK
        pattern = frozenset(c for c, m in masks.items() if m >> start & 1)
        spans = by_pattern.setdefault(pattern, [])
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    out = []
    for pattern, spans in by_pattern.items():
        if len(spans) > 1 and spans[0][0] == 0 and spans[-1][1] == WEEK:
            # the span that runs past Sunday midnight into Monday is one span
            first = spans.pop(0)
            last = spans.pop()
            spans.append((last[0], WEEK + first[1]))
            spans.sort()
        out.append(Window(tuple(spans), pattern))
    return sorted(out, key=lambda w: w.spans[0][0])


def _clock(minute: int) -> str:
    rest = minute % 1440
    return f"{rest // 60:02d}:{rest % 60:02d}"


def window_name(spans: tuple[tuple[int, int], ...], human: bool = False) -> str:
    """Words for the times a window covers, e.g. ``"weekdays 08:30–17:15"``.

    Spans with the same clock times within one day (or overnight into the
    next) are written once with their days (``mon–fri`` reads "weekdays",
    ``sat,sun`` "weekends"); a span of a day or more names its first and last
    day, e.g. ``fri 17:15–mon 08:30``.  Without ``human`` the name is the
    machine form of the JSON, the same in every language; with it, the words
    of the current language (``平日 08:30–17:15``, ``金 17:15–月 08:30``).
    """
    ja = human and current_language() == "ja"
    day = weekday if ja else WEEKDAYS.__getitem__
    groups: dict[tuple[int, int], list[int]] = {}
    parts: list[tuple[int, str]] = []
    for start, end in spans:
        if end - start >= 1440 or (end - start == 1440 and start % 1440):
            closing = f"{day((end // 1440) % 7)} {_clock(end)}" if end % 1440 else f"{day(((end // 1440) - 1) % 7)} 24:00"
            parts.append((start, f"{day((start // 1440) % 7)} {_clock(start)}–{closing}"))
            continue
        groups.setdefault((start % 1440, end % 1440), []).append((start // 1440) % 7)
    for (start, end), days in groups.items():
        days = sorted(days)
        parts.append((days[0] * 1440 + start,
                      f"{_days_text(days, day, human)} {_clock(start)}–{_clock(end) if end else '24:00'}"))
    separator = "、" if ja else ", "
    return separator.join(text for _, text in sorted(parts))


def moment_words(text: str) -> str:
    """A machine moment (``"sat 22:00"``) as people read it in the current language (``土 22:00``)."""
    if current_language() != "ja":
        return text
    day, rest = divmod(parse_at(text), 1440)
    return f"{weekday(day)} {_clock(rest)}"


def window_spans(spans: list[list[str]]) -> tuple[tuple[int, int], ...]:
    """The spans of a window as :func:`window_name` takes them, from their JSON form."""
    out = []
    for first, last in spans:
        start, end = parse_at(first), parse_at(last)
        out.append((start, end if end > start else end + WEEK))
    return tuple(out)


def _days_text(days: list[int], day: Callable[[int], str], human: bool) -> str:
    words = _ if human else (lambda text: text)
    if days == [0, 1, 2, 3, 4]:
        return words(N_("weekdays"))
    if days == [5, 6]:
        return words(N_("weekends"))
    if days == [0, 1, 2, 3, 4, 5, 6]:
        return words(N_("every day"))
    if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        return f"{day(days[0])}–{day(days[-1])}"
    return ",".join(day(d) for d in days)

