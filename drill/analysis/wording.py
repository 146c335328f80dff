"""The words of every lint finding, in one place (FORMAT.md 7.3).

A rule builds a :class:`~drill.analysis.results.Finding` from facts only: a
wording key and named values (ids with their labels, counts, minutes).  This
module turns them into a sentence twice:

- :func:`finding_text` for people, in the current language, each thing shown
  as its label with its id (``県庁 本館（建物）（pref-building）``);
- the same with ids only (``labels=False``) for the one-line summary, where a
  line cut at the screen's width must still name what to act on;
- :func:`canonical_text`, English with ids only, whatever the language: the
  finding's identity for ``--baseline`` and SARIF fingerprints, and its order.

The English words of both are the same message ids, so a plan without labels
reads exactly like its canonical text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from drill.i18n import N_, _, current_language, ngettext, pick_label
from drill.i18n.formats import duration_text, weekday
from drill.model.durations import format_duration
from drill.model.plan import WEEKDAYS

KIND_WORDS = {"component": N_("component"), "channel": N_("channel")}
"""The kind of an event (``component``, ``channel``: machine values in JSON) for people."""


def kind_word(kind: str) -> str:
    """``component`` → ``コンポーネント`` under ja."""
    return _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


@dataclass(frozen=True)
class Name:
    """A component, channel, party, calendar, procedure or step: its id and labels."""

    id: str
    label: str | None = None
    label_en: str | None = None


def name_of(thing: Any) -> Name:
    """The :class:`Name` of a model object (a label equal to the id counts as none)."""
    label = thing.label if thing.label and thing.label != thing.id else None
    return Name(thing.id, label, getattr(thing, "label_en", None))


Facts = tuple[tuple[str, Any], ...]


class Words:
    """How to say things: for people (current language, labels) or canonical (English, ids)."""

    def __init__(self, canonical: bool, labels: bool = True) -> None:
        self.canonical = canonical
        self.labels = labels and not canonical
        self.ja = not canonical and current_language() == "ja"

    def _(self, message: str) -> str:
        return message if self.canonical else _(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        if self.canonical:
            return singular if count == 1 else plural
        return ngettext(singular, plural, count)

    def name(self, item: Name | None) -> str:
        if item is None:
            return ""
        if not self.labels:
            return item.id
        shown = pick_label(item.label, item.label_en, item.id)
        return item.id if shown == item.id else _("{label} ({id})").format(label=shown, id=item.id)

    def join(self, items: Iterable[str]) -> str:
        return ("、" if self.ja else ", ").join(items)

    def names(self, items: Iterable[Name]) -> str:
        return self.join(self.name(i) for i in items)

    def listing(self, items: Sequence[Name], limit: int = 6) -> str:
        shown = [self.name(i) for i in items]
        if len(shown) <= limit:
            return self.join(shown)
        return self._("{listed} and {more} more").format(listed=self.join(shown[:limit]),
                                                         more=len(shown) - limit)

    def kind(self, kind: str) -> str:
        return self._(KIND_WORDS[kind])

    def duration(self, minutes: float) -> str:
        return duration_text(minutes) if self.ja else format_duration(minutes)

    def minute(self, minute: int) -> str:
        day, rest = divmod(minute % (7 * 1440), 1440)
        word = weekday(day) if self.ja else WEEKDAYS[day].capitalize()
        return f"{word} {rest // 60:02d}:{rest % 60:02d}"

    def routes(self, routes: Sequence[tuple[Name, Name]]) -> str:
        """'a → b, c' when the tasks share a sender, 'a, b → c' a recipient, else each."""
        senders = list(dict.fromkeys(s for s, _r in routes))
        recipients = list(dict.fromkeys(r for _s, r in routes))
        if len(senders) == 1:
            return f"{self.name(senders[0])} → {self.names(recipients)}"
        if len(recipients) == 1:
            return f"{self.names(senders)} → {self.name(recipients[0])}"
        return self.join(f"{self.name(s)} → {self.name(r)}" for s, r in routes)

    def task(self, procedure: Name, step: Name, sender: Name, recipient: Name) -> str:
        return f"{procedure.id}/{step.id} {self.name(sender)} → {self.name(recipient)}"


def finding_text(wording: str, facts: Facts, labels: bool = True) -> str:
    """The finding in the current language, labels with ids (ids only without ``labels``)."""
    words = Words(False, labels)
    text = _WORDINGS[wording](words, dict(facts))
    # Japanese: no space between a closing full-width parenthesis and the words after it
    return _AFTER_PAREN.sub("）", text) if words.ja else text


_AFTER_PAREN = re.compile(r"） +(?=[\u3040-\u30ff\u4e00-\u9fff（）。、])")


def canonical_text(wording: str, facts: Facts) -> str:
    """The finding in English with ids only (its identity; never shown translated)."""
    return _WORDINGS[wording](Words(True), dict(facts))


# -- self-dependent ------------------------------------------------------------------

def _because(w: Words, item: tuple[Name, Name | None]) -> str:
    channel, root = item
    if root is None:
        return w.name(channel)
    return w._("{channel} (needs {root})").format(channel=w.name(channel), root=w.name(root))


def _self_dependent_all(w: Words, f: dict) -> str:
    return w._("procedure {procedure} assumes {assumed} down, yet every channel of step {step} depends "
               "on it: {channels}; the step reports the outage over the failed network and cannot get "
               "through").format(procedure=w.name(f["procedure"]), assumed=w.names(f["assumed"]),
                                 step=w.name(f["step"]), channels=w.join(_because(w, c) for c in f["channels"]))


def _self_dependent_first(w: Words, f: dict) -> str:
    return w._("procedure {procedure} assumes {assumed} down, yet step {step} tries {channel} first: it "
               "reports the outage over the failed network and loses {delay} per attempt before the "
               "next channel").format(procedure=w.name(f["procedure"]), assumed=w.names(f["assumed"]),
                                      step=w.name(f["step"]), channel=_because(w, f["channel"]),
                                      delay=w.duration(f["delay"]))


# -- shared-risk ---------------------------------------------------------------------

def _shared_tail(w: Words, f: dict) -> str:
    return w._("; channels that look separate share it") if f["shared"] else ""


def _shared_task(w: Words, f: dict) -> str:
    n = f["tasks"]
    return w.ngettext("{kind} {event} alone silences task of step {step} in {procedure} ({routes}): it takes "
               "down every candidate ({channels})",
               "{kind} {event} alone silences {n} tasks of step {step} in {procedure} ({routes}): it "
               "takes down every candidate ({channels})", n).format(
        kind=w.kind(f["kind"]), event=w.name(f["event"]), n=n, step=w.name(f["step"]),
        procedure=w.name(f["procedure"]), routes=w.routes(f["routes"]),
        channels=w.names(f["channels"])) + _shared_tail(w, f)


def _shared_party(w: Words, f: dict) -> str:
    values = dict(kind=w.kind(f["kind"]), event=w.name(f["event"]), parties=w.names(f["parties"]),
                  procedure=w.name(f["procedure"]), channels=w.names(f["channels"]))
    if f["origins"] is None:
        text = w._("{kind} {event} alone keeps {parties} from being informed in {procedure} wherever the "
                   "incident starts: it takes down {channels} on the way").format(**values)
    else:
        text = w._("{kind} {event} alone keeps {parties} from being informed in {procedure} when the "
                   "incident starts at {origins}: it takes down {channels} on the way").format(
            origins=w.listing(f["origins"]), **values)
    return text + _shared_tail(w, f)


def _candidate(w: Words, item: tuple[Name, Name | None]) -> str:
    channel, party = item
    if party is None:
        return w.name(channel)
    return w._("{channel} to {party}").format(channel=w.name(channel), party=w.name(party))


def _separate_on_paper(w: Words, f: dict) -> str:
    n = f["tasks"]
    return w.ngettext("{kind} {event} takes down {channels} together for task of step {step} in {procedure} "
               "({routes}): channels that are separate on paper share it; only {left} would be left",
               "{kind} {event} takes down {channels} together for {n} tasks of step {step} in "
               "{procedure} ({routes}): channels that are separate on paper share it; only {left} would "
               "be left", n).format(
        kind=w.kind(f["kind"]), event=w.name(f["event"]), n=n,
        channels=w.join(_candidate(w, c) for c in f["channels"]), step=w.name(f["step"]),
        procedure=w.name(f["procedure"]), routes=w.routes(f["routes"]),
        left=w.join(_candidate(w, c) for c in f["left"]))


# -- shared-fate-deputy ----------------------------------------------------------------

def _deputy(w: Words, f: dict) -> str:
    values = dict(deputy=w.name(f["deputy"]), party=w.name(f["party"]), event=w.name(f["event"]))
    if f["channels"] is None:
        return w._("deputy {deputy} of {party} can be reached only through {event}; the same failure "
                   "silences {party} itself, so the deputy is cut off when it is needed").format(**values)
    return w._("deputy {deputy} of {party} can be reached only through {event}; {party} also depends on "
               "it ({channels}), so the deputy is cut off when it is needed").format(
        channels=w.names(f["channels"]), **values)


# -- off-hours-gap ------------------------------------------------------------------------

def _when(w: Words, f: dict) -> str:
    parts = []
    if f["weekday"] is not None:
        start, end = f["weekday"]
        parts.append(w._("on weekdays at times such as {start}–{end}").format(
            start=w.minute(start), end=w.minute(end)))
    if f["weekend"]:
        parts.append(w._("on weekends"))
    if f["holidays"]:
        parts.append(w._("on holidays"))
    return ("・" if w.ja else " and ").join(parts)


def _off_hours(w: Words, f: dict) -> str:
    who = [w.routes([r]) if isinstance(r, tuple) else w.name(r) for r in f["who"]]
    shown = w.join(who) if len(who) <= 6 else w._("{listed} and {more} more").format(
        listed=w.join(who[:6]), more=len(who) - 6)
    return w._("step {step} of {procedure} cannot reach {who} {when}: no contact on {via} of the recipient "
               "or its deputies is staffed then").format(
        step=w.name(f["step"]), procedure=w.name(f["procedure"]), who=shown, when=_when(w, f),
        via=w.names(f["via"]))


# -- deadline-infeasible, no-common-channel, unreachable --------------------------------------

def _deadline(w: Words, f: dict) -> str:
    values = dict(task=w.task(f["procedure"], f["step"], f["sender"], f["recipient"]),
                  at=w.duration(f["at"]), within=w.duration(f["within"]))
    if f["origin"] is None:
        return w._("task {task} cannot be delivered before {at} even with nothing failed and everyone "
                   "staffed, but within is {within}").format(**values)
    return w._("task {task} cannot be delivered before {at} (incident at {origin}) even with nothing "
               "failed and everyone staffed, but within is {within}").format(
        origin=w.name(f["origin"]), **values)


def _no_candidate(w: Words, f: dict) -> str:
    values = dict(task=w.task(f["procedure"], f["step"], f["sender"], f["recipient"]),
                  sender=w.name(f["sender"]), recipient=w.name(f["recipient"]), via=w.names(f["via"]))
    if not f["deputies"]:
        return w._("task {task} has no candidate: {sender} and {recipient} share no channel of via [{via}]; "
                   "it fails as soon as it starts").format(**values)
    return w._("task {task} has no candidate: {sender} and {recipient} or its deputies ({deputies}) share "
               "no channel of via [{via}]; it fails as soon as it starts").format(
        deputies=w.names(f["deputies"]), **values)


def _unreachable(w: Words, f: dict) -> str:
    values = dict(party=w.name(f["party"]), procedure=w.name(f["procedure"]))
    if f["origins"] is None:
        whence = w._("from any origin")
    else:
        whence = w._("from {origins}").format(origins=w.listing(f["origins"]))
    if f["deputies"]:
        return w._("{party} is never informed in {procedure} {whence}, even with nothing failed; only its "
                   "deputy {deputies} is reached").format(whence=whence, deputies=w.names(f["deputies"]),
                                                          **values)
    return w._("{party} is never informed in {procedure} {whence}, even with nothing failed: no step that "
               "runs reaches it, so its own steps are blocked").format(whence=whence, **values)


# -- unused, stale-contact ---------------------------------------------------------------------

_UNUSED = {
    "component": N_("component {id} is never used: nothing depends on it and no procedure assumes it down"),
    "channel": N_("channel {id} is never used: no step lists it in via"),
    "party": N_("party {id} is never used: no step, group, deputy list or origins names it"),
    "calendar": N_("calendar {id} is never used: no party or contact uses it as hours"),
    "group": N_("group {id} is never used: no step, group or origins names @{id}"),
}


def _unused(w: Words, f: dict) -> str:
    item = f["item"]
    return w._(_UNUSED[f["what"]]).format(id=item.id if f["what"] == "group" else w.name(item))


def _date(w: Words, iso: str) -> str:
    if not w.ja:
        return iso
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{year}年{month}月{day}日"


def _stale(w: Words, f: dict) -> str:
    values = dict(channel=w.name(f["channel"]), party=w.name(f["party"]))
    if f["verified"] is None:
        return w._("contact {channel} of {party} has no verified date; other contacts of the plan have "
                   "one").format(**values)
    return w._("contact {channel} of {party} was last confirmed on {verified}, {days} days before "
               "{as_of}").format(verified=_date(w, f["verified"]), days=f["days"],
                                 as_of=_date(w, f["as_of"]), **values)


_WORDINGS: dict[str, Callable[[Words, dict], str]] = {
    "self-dependent/every-channel": _self_dependent_all,
    "self-dependent/first-channel": _self_dependent_first,
    "shared-risk/task": _shared_task,
    "shared-risk/party": _shared_party,
    "shared-risk/separate-on-paper": _separate_on_paper,
    "shared-fate-deputy": _deputy,
    "off-hours-gap": _off_hours,
    "deadline-infeasible": _deadline,
    "no-common-channel": _no_candidate,
    "unreachable": _unreachable,
    "unused": _unused,
    "stale-contact": _stale,
}
