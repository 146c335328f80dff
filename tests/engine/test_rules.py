"""FORMAT.md section 3, rule by rule, with hand-computed times.

Each test's docstring writes out the arithmetic.  The plan below is small on
purpose: ``a`` and ``b`` are always staffed unless a test says otherwise;
``phone`` has latency 3, fail_after 1 and (by default) busy = latency;
``mail`` has latency 5, fail_after 20, busy 2; the PBX rides on power with a
30-minute battery.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.helpers import attempts, run_case, task

PLAN = """\
plan: rules
timezone: Asia/Tokyo
calendars:
  office: {days: [mon, tue, wed, thu, fri], from: "08:30", to: "17:15"}
  night: {days: [mon, tue, wed, thu, fri, sat, sun], from: "22:00", to: "06:00"}
components:
  power: {kind: power}
  pbx: {kind: pbx, depends_on: [{id: power, grace: 30m}]}
  cable: {kind: cable}
  carrier: {kind: carrier}
channels:
  mail: {latency: 5m, fail_after: 20m, busy: 2m}
  phone: {depends_on: [carrier], latency: 3m, fail_after: 1m}
  radio: {latency: 10m}
parties:
  x: {lines: 1, contacts: {mail: {}, phone: {}}}
  a: {lines: 1, contacts: {mail: {}, phone: {}, radio: {}}}
  b: {contacts: {mail: {depends_on: [cable]}, phone: {depends_on: [pbx]}}}
  c: {contacts: {mail: {}, phone: {}}}
  d: {contacts: {mail: {}, phone: {}}}
  office-b: {hours: office, contacts: {phone: {}}}
  night-b: {hours: night, contacts: {phone: {}}}
  p: {deputies: [dep], contacts: {phone: {}, mail: {}}}
  dep: {contacts: {phone: {}}}
  y: {contacts: {mail: {}, phone: {}}}
  z: {contacts: {phone: {}}}
procedures:
{procedures}
"""


def plan(procedures: str) -> str:
    return PLAN.replace("{procedures}", procedures)


def scenario(origin: str = "a", start: str = "2025-08-20T10:00", injects: str = "", extra: str = "") -> str:
    text = f"""\
scenario: s
plan: plan.yaml
start: {start}
incident: {{type: inc, origin: {origin}}}
{extra}"""
    if injects:
        text += "injects:\n" + injects
    return text


def one_step(to: str, via: str = "[phone]", delay: str = "0m", more: str = "", sender: str = "$origin") -> str:
    return f"""\
  inc:
    steps:
      - {{id: s1, from: "{sender}", to: {to}, via: {via}, within: 30m, delay: {delay}{more}}}
"""


# -- rule 1: components, grace, restore --------------------------------------

def test_grace_expiring_exactly_at_attempt_start_means_down(tmp_path: Path) -> None:
    """power fails at 0; pbx has 30m grace, so pbx is down from 0 + 30 = 30.
    The attempt starts at delay 30 -> b's phone contact (needs pbx) is down:
    fails, learned at 30 + fail_after 1 = 31."""
    result = run_case(tmp_path, plan(one_step("b", delay="30m")),
                      scenario(injects="  - {at: 0m, fail: [power]}\n"))
    t = task(result, "s1", "b")
    assert attempts(t) == [("b", "phone", 30.0, 31.0, False)]
    assert t.status == "failed"
    assert t.attempts[0].reason == "power down since 0m, so pbx down since 30m (phone at b)"


def test_attempt_one_minute_before_grace_expires_works(tmp_path: Path) -> None:
    """Same as above with delay 29: 29 < 30, the PBX is still on battery:
    delivered at 29 + latency 3 = 32 (after within 30 -> late)."""
    result = run_case(tmp_path, plan(one_step("b", delay="29m")),
                      scenario(injects="  - {at: 0m, fail: [power]}\n"))
    t = task(result, "s1", "b")
    assert attempts(t) == [("b", "phone", 29.0, 32.0, True)]
    assert (t.status, t.at) == ("late", 32.0)


def test_restore_before_grace_runs_out_keeps_dependant_up(tmp_path: Path) -> None:
    """power down 0-20 (restored before the 30m battery is empty), down again from 25.
    At 50 power has been down continuously only 50 - 25 = 25 < 30: the PBX is up,
    delivered at 50 + 3 = 53."""
    injects = ("  - {at: 0m, fail: [power]}\n  - {at: 20m, restore: [power]}\n"
               "  - {at: 25m, fail: [power]}\n")
    result = run_case(tmp_path, plan(one_step("b", delay="50m")), scenario(injects=injects))
    assert attempts(task(result, "s1", "b")) == [("b", "phone", 50.0, 53.0, True)]


def test_second_outage_outlasting_grace_takes_dependant_down(tmp_path: Path) -> None:
    """As above, attempt at 55: power down since 25, 55 - 25 = 30 >= 30 -> PBX down."""
    injects = ("  - {at: 0m, fail: [power]}\n  - {at: 20m, restore: [power]}\n"
               "  - {at: 25m, fail: [power]}\n")
    result = run_case(tmp_path, plan(one_step("b", delay="55m")), scenario(injects=injects))
    t = task(result, "s1", "b")
    assert attempts(t) == [("b", "phone", 55.0, 56.0, False)]
    assert "power down since 25m" in t.attempts[0].reason


def test_channel_down_through_its_component(tmp_path: Path) -> None:
    """carrier fails at 0; phone depends on carrier -> every phone attempt fails,
    and the reason names the carrier and the channel."""
    result = run_case(tmp_path, plan(one_step("c")), scenario(injects="  - {at: 0m, fail: [carrier]}\n"))
    t = task(result, "s1", "c")
    assert attempts(t) == [("c", "phone", 0.0, 1.0, False)]
    assert t.attempts[0].reason == "carrier down since 0m (phone)"


def test_restore_of_a_failed_channel(tmp_path: Path) -> None:
    """phone itself failed at 0 and restored at 2; attempt at 0 fails (learned 1),
    with retry every 5m the next round at 1 + 5 = 6 works: delivered 9."""
    result = run_case(tmp_path, plan(one_step("c", more=", retry: {every: 5m, until: 1h}")),
                      scenario(injects="  - {at: 0m, fail: [phone]}\n  - {at: 2m, restore: [phone]}\n"))
    t = task(result, "s1", "c")
    assert attempts(t) == [("c", "phone", 0.0, 1.0, False), ("c", "phone", 6.0, 9.0, True)]
    assert t.attempts[0].reason == "phone down since 0m"


# -- rule 2: calendars and absence --------------------------------------------

@pytest.mark.parametrize(("start", "delay", "ok"), [
    ("2025-08-20T08:00", "30m", True),    # 08:30 is `from`: staffed
    ("2025-08-20T08:00", "29m", False),   # 08:29: not yet
    ("2025-08-20T17:00", "14m", True),    # 17:14: still staffed
    ("2025-08-20T17:00", "15m", False),   # 17:15 is `to`: closed
    ("2025-08-23T10:00", "0m", False),    # Saturday: not a listed day
])
def test_calendar_edges(tmp_path: Path, start: str, delay: str, ok: bool) -> None:
    """A calendar covers [from, to) on its days, local time in the plan's zone."""
    result = run_case(tmp_path, plan(one_step("office-b", delay=delay)), scenario(start=start))
    t = task(result, "s1", "office-b")
    assert t.attempts[0].ok is ok
    if not ok:
        assert t.attempts[0].reason.startswith("office-b not staffed")


@pytest.mark.parametrize(("start", "delay", "ok"), [
    ("2025-08-20T21:59", "0m", False),
    ("2025-08-20T21:59", "1m", True),     # 22:00
    ("2025-08-21T05:00", "59m", True),    # 05:59, in the span that began the day before
    ("2025-08-21T05:00", "60m", False),   # 06:00: closed
])
def test_calendar_running_past_midnight(tmp_path: Path, start: str, delay: str, ok: bool) -> None:
    result = run_case(tmp_path, plan(one_step("night-b", delay=delay)), scenario(start=start))
    assert task(result, "s1", "night-b").attempts[0].ok is ok


def test_holiday_closes_office_calendar(tmp_path: Path) -> None:
    """A date in the plan's `holidays` closes every calendar but `always` (extension)."""
    text = plan(one_step("office-b")).replace("timezone: Asia/Tokyo\n",
                                               "timezone: Asia/Tokyo\nholidays: [2025-11-03]\n")
    result = run_case(tmp_path, text, scenario(start="2025-11-03T10:00"))  # a Monday
    assert task(result, "s1", "office-b").attempts[0].ok is False


def test_absent_then_back(tmp_path: Path) -> None:
    """c absent 0-10: attempt at 0 fails (learned 1); retry every 10m: next at 11 works -> 14."""
    result = run_case(tmp_path, plan(one_step("c", more=", retry: {every: 10m, until: 1h}")),
                      scenario(injects="  - {at: 0m, absent: [c]}\n  - {at: 10m, back: [c]}\n"))
    t = task(result, "s1", "c")
    assert attempts(t) == [("c", "phone", 0.0, 1.0, False), ("c", "phone", 11.0, 14.0, True)]
    assert t.attempts[0].reason == "c absent since 0m"


# -- rule 3: attempts, fail_after, busy ---------------------------------------

def test_fail_after_versus_busy_on_one_line(tmp_path: Path) -> None:
    """a has 1 line; mail: latency 5, fail_after 20, busy 2.  b's mail needs the cable
    (cut at 0).  t=0: mail to b starts (fails, learned 20) and holds the line 0-2;
    t=2: mail to c starts -> delivered 7.  b has phone too: phone at 20 -> pbx fine,
    delivered 23."""
    result = run_case(tmp_path, plan(one_step("[b, c]", via="[mail, phone]")),
                      scenario(injects="  - {at: 0m, fail: [cable]}\n"))
    assert attempts(task(result, "s1", "b")) == [("b", "mail", 0.0, 20.0, False), ("b", "phone", 20.0, 23.0, True)]
    assert attempts(task(result, "s1", "c")) == [("c", "mail", 2.0, 7.0, True)]


def test_busy_never_outlasts_the_outcome(tmp_path: Path) -> None:
    """phone: busy defaults to latency 3 but fail_after is 1: a failed call frees the
    line at 1, so the call to c starts at 1 -> 4."""
    result = run_case(tmp_path, plan(one_step("[b, c]")), scenario(injects="  - {at: 0m, fail: [pbx]}\n"))
    assert attempts(task(result, "s1", "b")) == [("b", "phone", 0.0, 1.0, False)]
    assert attempts(task(result, "s1", "c")) == [("c", "phone", 1.0, 4.0, True)]


def test_sender_calendar_is_not_checked_but_its_components_are(tmp_path: Path) -> None:
    """office-b sends on a Saturday (it is acting, so on duty): works, 0 -> 3."""
    steps = one_step("c", sender="office-b")
    result = run_case(tmp_path, plan(steps), scenario(origin="office-b", start="2025-08-23T22:00"))
    assert attempts(task(result, "s1", "c")) == [("c", "phone", 0.0, 3.0, True)]


def test_sender_contact_component_down(tmp_path: Path) -> None:
    """b sends by phone; its phone contact needs the PBX, failed at 0 -> fails at the sender."""
    result = run_case(tmp_path, plan(one_step("c", sender="b")),
                      scenario(origin="b", injects="  - {at: 0m, fail: [pbx]}\n"))
    t = task(result, "s1", "c")
    assert t.attempts[0].reason == "pbx down since 0m (phone at b)"


# -- rule 4: candidates, retry ---------------------------------------------------

def test_task_with_no_candidate_fails_at_start(tmp_path: Path) -> None:
    """via [radio]: c has no radio contact -> no candidate; the task starts at delay 5
    and fails at once with a reason that says so."""
    result = run_case(tmp_path, plan(one_step("c", via="[radio]", delay="5m")), scenario())
    t = task(result, "s1", "c")
    assert t.status == "failed" and t.attempts == []
    assert t.reason.startswith("no candidate")
    assert result.exit_code == 1


def test_recipient_equal_to_sender_makes_no_task(tmp_path: Path) -> None:
    """to: [a, c] from $origin = a: only the task to c exists."""
    result = run_case(tmp_path, plan(one_step("[a, c]")), scenario())
    assert [(t.sender_plan, t.recipient) for t in result.tasks] == [("a", "c")]


def test_retry_until(tmp_path: Path) -> None:
    """carrier down 0-40.  Round 1 at 0 fails (learned 1); retry every 15m while the new
    start <= until 45: 16 (fails, 17), 32 (fails, 33); 33 + 15 = 48 > 45 -> failed at 33."""
    steps = one_step("c", more=", retry: {every: 15m, until: 45m}")
    result = run_case(tmp_path, plan(steps),
                      scenario(injects="  - {at: 0m, fail: [carrier]}\n  - {at: 40m, restore: [carrier]}\n"))
    t = task(result, "s1", "c")
    assert [(a.start, a.end, a.ok) for a in t.attempts] == [(0.0, 1.0, False), (16.0, 17.0, False), (32.0, 33.0, False)]
    assert t.status == "failed"


def test_retry_that_gets_through_late(tmp_path: Path) -> None:
    """Same with until 50: the round at 48 finds the carrier back (restored at 40):
    delivered 48 + 3 = 51 > within 30 -> late."""
    steps = one_step("c", more=", retry: {every: 15m, until: 50m}")
    result = run_case(tmp_path, plan(steps),
                      scenario(injects="  - {at: 0m, fail: [carrier]}\n  - {at: 40m, restore: [carrier]}\n"))
    t = task(result, "s1", "c")
    assert (t.status, t.at, len(t.attempts)) == ("late", 51.0, 4)


# -- rule 6: informed, deputies acting for the principal ---------------------------

DEPUTY_STEPS = """\
  inc:
    steps:
      - {id: report, from: $origin, to: p, via: [phone], within: 30m}
      - {id: relay, from: p, to: y, via: [mail, phone], within: 30m}
"""


def test_deputy_receives_then_acts_for_principal_with_own_contacts(tmp_path: Path) -> None:
    """p absent: x calls p at 0 (fails, learned 1), then p's deputy dep at 1 -> 4.
    dep is informed at 4 and acts for p: relay starts at 4; dep has no mail, so its only
    candidate is (y, phone): 4 -> 7.  p itself is never informed."""
    result = run_case(tmp_path, plan(DEPUTY_STEPS),
                      scenario(origin="x", injects="  - {at: 0m, absent: [p]}\n"))
    report, relay = task(result, "report", "p"), task(result, "relay", "y")
    assert attempts(report) == [("p", "phone", 0.0, 1.0, False), ("dep", "phone", 1.0, 4.0, True)]
    assert report.by == "dep"
    assert (relay.sender_plan, relay.sender) == ("p", "dep")
    assert attempts(relay) == [("y", "phone", 4.0, 7.0, True)]
    assert result.informed["dep"] == 4.0 and result.informed["p"] is None and result.informed["y"] == 7.0


def test_principal_steps_start_only_once(tmp_path: Path) -> None:
    """Without absence p is reached directly at 3 and sends relay by mail: 3 -> 8; one task."""
    result = run_case(tmp_path, plan(DEPUTY_STEPS), scenario(origin="x"))
    relay = task(result, "relay", "y")
    assert relay.sender == "p"
    assert attempts(relay) == [("y", "mail", 3.0, 8.0, True)]


def test_blocked_chain(tmp_path: Path) -> None:
    """The carrier is down and p has no other way: report fails; p never informed, so
    relay (from p) is blocked and never starts; y's own step is blocked too."""
    steps = DEPUTY_STEPS + "      - {id: onward, from: y, to: z, via: [phone], within: 1h}\n"
    result = run_case(tmp_path, plan(steps), scenario(origin="x", injects="  - {at: 0m, fail: [carrier]}\n"))
    assert task(result, "report", "p").status == "failed"
    for step, to in (("relay", "y"), ("onward", "z")):
        t = task(result, step, to)
        assert (t.status, t.sender, t.attempts) == ("blocked", None, [])
    assert result.summary == {"tasks": 3, "delivered": 0, "late": 0, "failed": 1, "blocked": 2}


# -- rules 5 and 8: lines and same-time order ------------------------------------------

def test_two_lines(tmp_path: Path) -> None:
    """a with 2 lines calls c, d and y by phone (busy 3): c and d at 0 -> 3; y at 3 -> 6."""
    text = plan(one_step("[c, d, y]")).replace("a: {lines: 1,", "a: {lines: 2,")
    result = run_case(tmp_path, text, scenario())
    assert [(t.recipient, t.attempts[0].start, t.at) for t in result.tasks] == [
        ("c", 0.0, 3.0), ("d", 0.0, 3.0), ("y", 3.0, 6.0)]


def test_inject_at_same_time_as_attempt_start_applies_first(tmp_path: Path) -> None:
    """The carrier fails at 5 and the call starts at 5 (delay): injects come first -> fails."""
    result = run_case(tmp_path, plan(one_step("c", delay="5m")),
                      scenario(injects="  - {at: 5m, fail: [carrier]}\n"))
    assert task(result, "s1", "c").attempts[0].ok is False


def test_ready_ties_go_to_the_task_created_first(tmp_path: Path) -> None:
    """Two steps of a, both ready at 0, one line: step order decides (s1 to d, then s2 to c):
    d at 0 -> 3, c at 3 -> 6."""
    steps = """\
  inc:
    steps:
      - {id: s1, from: $origin, to: d, via: [phone], within: 30m}
      - {id: s2, from: $origin, to: c, via: [phone], within: 30m}
"""
    result = run_case(tmp_path, plan(steps), scenario())
    assert [(t.step.id, t.attempts[0].start) for t in result.tasks] == [("s1", 0.0), ("s2", 3.0)]


def test_earliest_ready_goes_first_over_creation_order(tmp_path: Path) -> None:
    """s1 (delay 2) to d and s2 (delay 0) to c on one line: s2 is ready at 0 and goes first
    (0 -> 3); s1 was ready at 2 and waits for the line: 3 -> 6."""
    steps = """\
  inc:
    steps:
      - {id: s1, from: $origin, to: d, via: [phone], within: 30m, delay: 2m}
      - {id: s2, from: $origin, to: c, via: [phone], within: 30m}
"""
    result = run_case(tmp_path, plan(steps), scenario())
    assert attempts(task(result, "s2", "c")) == [("c", "phone", 0.0, 3.0, True)]
    assert attempts(task(result, "s1", "d")) == [("d", "phone", 3.0, 6.0, True)]
    # creation order is by start time: s2 (0) before s1 (2)
    assert [t.step.id for t in result.tasks] == ["s2", "s1"]


def test_delivery_informs_before_an_attempt_start_at_the_same_time(tmp_path: Path) -> None:
    """x -> c at 0 -> 3 by phone; c relays at 3 (no delay) to d: 3 -> 6."""
    steps = """\
  inc:
    steps:
      - {id: s1, from: $origin, to: c, via: [phone], within: 30m}
      - {id: s2, from: c, to: d, via: [phone], within: 30m}
"""
    result = run_case(tmp_path, plan(steps), scenario(origin="x"))
    assert attempts(task(result, "s2", "d")) == [("d", "phone", 3.0, 6.0, True)]


def test_horizon_stops_the_drill(tmp_path: Path) -> None:
    """Mail 0 -> 5 but the horizon is 4m: the task fails (the horizon came first)."""
    result = run_case(tmp_path, plan(one_step("c", via="[mail]")), scenario(extra="horizon: 4m\n"))
    t = task(result, "s1", "c")
    assert t.status == "failed" and t.at is None
    assert "horizon" in t.reason
    assert attempts(t) == [("c", "mail", 0.0, 4.0, False)]  # in flight: ends with the drill


def test_same_input_same_journal(tmp_path: Path) -> None:
    """Determinism: two runs give identical event lists."""
    from drill.engine import event_to_dict
    runs = [run_case(tmp_path, plan(DEPUTY_STEPS), scenario(origin="x", injects="  - {at: 0m, absent: [p]}\n"))
            for _ in range(2)]
    assert [event_to_dict(e) for e in runs[0].events] == [event_to_dict(e) for e in runs[1].events]
