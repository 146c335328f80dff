"""``drill generate national``: a valid, deterministic, realistic synthetic plan."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from drill.loading import load_plan, load_scenario
from drill.scale.generator import (
    PREFECTURES,
    GeneratorError,
    apportion,
    generate_national,
    national_layout,
)
from tests.conftest import drill_cmd


def test_full_size_is_japan() -> None:
    counts = apportion(1741, 47)
    assert counts == [size for _, _, size, _ in PREFECTURES]
    layout = national_layout()
    assert len(layout) == 47 and sum(len(p.municipalities) for p in layout) == 1741


@pytest.mark.parametrize(("prefectures", "municipalities"), [(1, 19), (3, 3), (5, 100), (50, 60)])
def test_apportion_gives_every_prefecture_one_and_the_exact_total(prefectures: int, municipalities: int) -> None:
    counts = apportion(municipalities, prefectures)
    assert len(counts) == prefectures and sum(counts) == municipalities and min(counts) >= 1


def test_fewer_municipalities_than_prefectures_is_refused() -> None:
    with pytest.raises(GeneratorError):
        apportion(3, 5)


def test_small_plan_loads_and_has_the_expected_shape(small_national: Path) -> None:
    plan = load_plan(str(small_national / "plan.yaml"))
    municipalities = plan.expand(["@municipalities"])
    assert len(municipalities) == 9 and len(plan.expand(["@prefectures"])) == 2
    town = municipalities[0]
    # Juki-net and LGWAN share the office's one cable; the PBX has a battery
    juki = plan.parties[town].contact("juki-net")
    mail = plan.parties[town].contact("lgwan-mail")
    assert juki is not None and mail is not None
    assert f"{town}-cable" in {d.id for d in juki.depends_on} & {d.id for d in mail.depends_on}
    assert plan.components[f"{town}-pbx"].depends_on[0].grace > 0
    assert plan.parties[town].deputies == (f"{town}-duty",)
    assert all(c.p_fail for c in plan.components.values())
    for path in (small_national / "scenarios").glob("*.yaml"):
        assert load_scenario(str(path)).plan.id == "national-juki"


def test_same_seed_same_bytes_other_seed_other_details(tmp_path: Path) -> None:
    one = [p.read_bytes() for p in generate_national(tmp_path / "a", 2, 9, seed=5)]
    two = [p.read_bytes() for p in generate_national(tmp_path / "b", 2, 9, seed=5)]
    three = generate_national(tmp_path / "c", 2, 9, seed=6)[0].read_bytes()
    assert one == two
    assert three != one[0]


def test_cli_generates_a_prefecture_sized_plan_that_validates(tmp_path: Path) -> None:
    out = tmp_path / "pref"
    made = subprocess.run([*drill_cmd(), "generate", "national", "--out", str(out), "--prefectures", "1",
                           "--municipalities", "19"], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    files = made.stdout.split()
    assert str(out / "plan.yaml") in files and len(files) == 4
    checked = subprocess.run([*drill_cmd(), "validate", *files], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr
    assert len(load_plan(str(out / "plan.yaml")).expand(["@municipalities"])) == 19


def test_cli_refuses_impossible_sizes_with_exit_2(tmp_path: Path) -> None:
    made = subprocess.run([*drill_cmd(), "generate", "national", "--out", str(tmp_path / "x"),
                           "--prefectures", "5", "--municipalities", "3"], capture_output=True, text=True, timeout=60)
    assert made.returncode == 2
    assert "municipalities" in made.stderr and "Traceback" not in made.stderr
