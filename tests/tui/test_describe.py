"""The control room's wording: states, failure chains and blast radius, without Textual."""

from __future__ import annotations

from pathlib import Path

from drill.engine.journal import LiveDrill
from drill.loading import load_scenario
from drill.tui.describe import blast_radius, failure_chain, item_state, live_status, party_state
from tests.tui.helpers import cable_cut, task_of

JP = Path(__file__).parent / "data" / "jp-scenario.yaml"


def test_a_component_on_battery_shows_the_time_left_then_goes_down() -> None:
    drill = LiveDrill.start(load_scenario(str(JP)))
    sim = drill.sim
    sim.advance_to(20.0)
    assert item_state(sim, "本庁舎電源") == ("FAILED since T+00:01", "bold red")
    assert item_state(sim, "交換機") == ("on battery, 11 min left", "bold yellow")
    assert item_state(sim, "固定電話")[0] == "up"
    sim.advance_to(31.0)
    assert item_state(sim, "交換機")[0] == "DOWN since T+00:31"
    assert item_state(sim, "固定電話")[0] == "DOWN since T+00:31"


def test_failure_chain_walks_from_the_contact_to_the_root() -> None:
    drill = LiveDrill.start(load_scenario(str(JP)))
    drill.run_to_end()
    sim = drill.sim
    task = sim.tasks[task_of(sim, "市町へ連絡", "萩市")]
    chains = [failure_chain(sim, task, a) for a in task.attempts]
    assert chains == [["LGWANメール", "引込ケーブル", "failed at T+00:00"],
                      ["固定電話", "交換機", "本庁舎電源", "failed at T+00:01"]]


def test_failure_chain_names_a_contact_dependency_at_its_party() -> None:
    drill = LiveDrill.start(cable_cut())
    drill.run_to_end()
    sim = drill.sim
    task = sim.tasks[task_of(sim, "alert", "town-x")]
    assert failure_chain(sim, task, task.attempts[0]) == ["lgwan-mail at pref", "pref-cable", "failed at T+00:08"]
    assert failure_chain(sim, task, task.attempts[-1]) == []  # it worked


def test_failure_chain_of_an_absent_party_is_the_reason() -> None:
    drill = LiveDrill.start(cable_cut())
    drill.absent("pref")
    drill.run_to_end()
    sim = drill.sim
    task = sim.tasks[task_of(sim, "report", "pref")]
    assert failure_chain(sim, task, task.attempts[0]) == ["pref absent since 0m"]
    assert party_state(sim, "pref") == ("not informed, ABSENT", "bold red")
    assert party_state(sim, "pref-duty")[0] == "informed T+00:26, acting for pref"


def test_blast_radius_follows_dependencies_to_contacts_and_tasks() -> None:
    sim = LiveDrill.start(cable_cut()).sim
    power = blast_radius(sim, "pref-power")
    assert power.components == ("pref-pbx",)
    assert power.channels == ()
    assert ("pref", "juki-net") in power.contacts and ("pref-duty", "landline") in power.contacts
    assert power.parties == ("pref", "pref-duty")
    assert len(power.tasks) == 4
    carrier = blast_radius(sim, "carrier-fixed")
    assert carrier.channels == ("landline", "fax")
    # town-x's mail rides its own cable both when it reports and when it is alerted
    assert blast_radius(sim, "town-x-cable").tasks == (task_of(sim, "report", "pref"), task_of(sim, "alert", "town-x"))
    assert blast_radius(sim, "mobile").tasks == ()


def test_live_status_follows_a_task_through_the_drill() -> None:
    drill = LiveDrill.start(cable_cut())
    sim = drill.sim
    report = sim.tasks[task_of(sim, "report", "pref")]
    assert live_status(report) == "not started"
    drill.next()
    assert live_status(report) == "trying"
    drill.next()
    assert live_status(report) == "delivered"


def test_a_party_no_contact_of_which_is_staffed_shows_off_duty() -> None:
    """Saturday 22:00: pref and the towns keep office hours, the duty officer is always on."""
    from drill.engine import Simulation
    from tests.conftest import EXAMPLES

    sim = Simulation(load_scenario(str(EXAMPLES / "saturday-night.yaml")))
    assert party_state(sim, "pref") == ("not informed, off duty (office hours)", "yellow")
    assert party_state(sim, "pref-duty") == ("not informed", "dim")
    assert party_state(sim, "town-y")[0] == "not informed, off duty (office hours)"
    weekday = LiveDrill.start(cable_cut()).sim
    assert party_state(weekday, "pref") == ("not informed", "dim")
