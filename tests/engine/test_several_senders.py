"""FORMAT.md 7.1: a step whose ``from`` names several senders, with hand-computed times.

``phone`` has latency 3 and fail_after 1, ``mail`` latency 5 and busy 2.  The
origin ``o`` has two lines, everyone else one.  ``@munis`` is ``[m2, m1, m2]``:
m2 is named twice and counts once, at its first place, so the senders of
``confirm`` are m2 then m1 (resolution order).
"""

from __future__ import annotations

from pathlib import Path

from drill.engine import AttemptStarted
from tests.engine.helpers import attempts, run_case, task

PLAN = """\
plan: senders
timezone: Asia/Tokyo
channels:
  phone: {latency: 3m, fail_after: 1m}
  mail: {latency: 5m, busy: 2m}
parties:
  o: {lines: 2, contacts: {phone: {}, mail: {}}}
  m1: {deputies: [m1d], contacts: {phone: {}, mail: {}}}
  m1d: {contacts: {phone: {}}}
  m2: {contacts: {phone: {}, mail: {}}}
  hq: {contacts: {phone: {}, mail: {}}}
groups:
  munis: [m2, m1, "@again"]
  again: [m2]
procedures:
  inc:
    steps:
      - {id: alert, from: $origin, to: [m1, m2], via: [phone], within: 30m}
      - {id: confirm, from: "@munis", to: hq, via: [phone], within: 30m}
      - {id: relay, from: [hq, m1, hq], to: o, via: [mail], within: 30m}
"""


def scenario(injects: str = "") -> str:
    text = """\
scenario: s
plan: plan.yaml
start: 2025-08-20T10:00
incident: {type: inc, origin: o}
"""
    return text + ("injects:\n" + injects if injects else "")


def confirm_tasks(result) -> list[tuple[str, str]]:
    return [(t.sender_plan, t.recipient) for t in sorted(result.tasks, key=lambda t: (t.key, t.index))
            if t.step.id == "confirm"]


def test_each_resolved_sender_sends_its_own_task_once(tmp_path: Path) -> None:
    """alert: o has 2 lines, o→m1 and o→m2 both 0→3.  confirm: m2 and m1 are informed
    at 3, each sends its own task to hq: 3→6 each (their own lines).  m2 named twice
    in @munis: one task.  relay from [hq, m1, hq]: m1's task starts at 3 but m1's one
    line holds the confirm call until 6 (rule 5): mail 6→11; hq's starts at 6 when hq
    is informed: 6→11; hq named twice: one task."""
    result = run_case(tmp_path, PLAN, scenario())
    assert confirm_tasks(result) == [("m2", "hq"), ("m1", "hq")]
    for sender in ("m1", "m2"):
        t = next(t for t in result.tasks if t.step.id == "confirm" and t.sender_plan == sender)
        assert attempts(t) == [("hq", "phone", 3.0, 6.0, True)]
    relay = {t.sender_plan: t for t in result.tasks if t.step.id == "relay"}
    assert sorted(relay) == ["hq", "m1"]
    assert relay["m1"].start == 3.0
    assert attempts(relay["m1"]) == [("o", "mail", 6.0, 11.0, True)]
    assert attempts(relay["hq"]) == [("o", "mail", 6.0, 11.0, True)]
    assert result.informed["hq"] == 6.0
    assert result.summary["tasks"] == 6


def test_sender_order_is_resolution_order(tmp_path: Path) -> None:
    """Both confirm tasks start at 3 in the same step: rule 6 orders them by sender
    order, m2 (first in @munis) before m1, although m1 comes first in the plan."""
    result = run_case(tmp_path, PLAN, scenario())
    starts = [e.sender for e in result.events if isinstance(e, AttemptStarted) and e.t == 3.0
              and result.tasks[e.task].step.id == "confirm"]
    assert starts == ["m2", "m1"]


def test_a_deputy_acting_for_a_sender_sends_its_tasks(tmp_path: Path) -> None:
    """m1 absent: o→m1 phone 0→1 fails, then deputy m1d 1→4, informed for m1.  m1's
    confirm starts at 4 with m1d as sender: m1d→hq phone 4→7.  m1's relay needs mail,
    which m1d lacks: no candidate, it fails at 4.  m2 is unaffected: 3→6."""
    result = run_case(tmp_path, PLAN, scenario("  - {at: 0m, absent: [m1]}\n"))
    assert attempts(task(result, "alert", "m1")) == [("m1", "phone", 0.0, 1.0, False),
                                                      ("m1d", "phone", 1.0, 4.0, True)]
    m1 = next(t for t in result.tasks if t.step.id == "confirm" and t.sender_plan == "m1")
    assert (m1.sender, attempts(m1)) == ("m1d", [("hq", "phone", 4.0, 7.0, True)])
    relay_m1 = next(t for t in result.tasks if t.step.id == "relay" and t.sender_plan == "m1")
    assert (relay_m1.status, relay_m1.attempts) == ("failed", [])
    m2 = next(t for t in result.tasks if t.step.id == "confirm" and t.sender_plan == "m2")
    assert attempts(m2) == [("hq", "phone", 3.0, 6.0, True)]


def test_a_sender_never_informed_blocks_only_its_own_tasks(tmp_path: Path) -> None:
    """m2 absent with no deputy: o→m2 phone 0→1 fails, nothing else: m2's confirm is
    blocked, m1's is delivered at 6."""
    result = run_case(tmp_path, PLAN, scenario("  - {at: 0m, absent: [m2]}\n"))
    by_sender = {t.sender_plan: t for t in result.tasks if t.step.id == "confirm"}
    assert by_sender["m2"].status == "blocked" and by_sender["m2"].sender is None
    assert (by_sender["m1"].status, by_sender["m1"].at) == ("delivered", 6.0)
