"""What makes ``drill analyze`` fast on a national plan changes no result.

* party entries solved once per shape and shared between parties, origins and
  procedures equal the brute-force definition on a small generated national
  plan (every origin), and sharing does happen;
* the streamed JSON is exactly ``json.dumps`` of the whole structure, however
  it is cut into chunks, on every sample, with and without a baseline;
* ``--out`` streams to the file the same bytes as stdout, and a report that
  breaks half-way leaves the old file as it was;
* the heap-based best-case deliveries equal the straightforward version;
* the command gives the cyclic garbage collector back when it is done.
"""

from __future__ import annotations

import gc
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.analysis import analyze_plan, diff_analyses
from drill.analysis.closure import Closure, candidates
from drill.analysis.cutsets import procedure_origins
from drill.analysis.lint import earliest_deliveries
from drill.analysis.parties import ShapeMemo, party_cut_sets
from drill.analysis.results import Analysis
from drill.cli import cli
from drill.loading import load_plan
from drill.model.errors import DrillError
from drill.model.plan import Plan, Procedure
from drill.reports import analyze_formats, analyze_json
from drill.reports.analyze_json import analysis_to_dict, iter_analysis_json, render_analysis_json
from drill.scale.generator import generate_national
from tests.analysis import reference
from tests.analysis.test_cut_sets import small_plans
from tests.conftest import EXAMPLES, PLANS

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated national plan: 2 prefectures, 6 municipalities, 3 procedures."""
    out = tmp_path_factory.mktemp("national")
    generate_national(out, prefectures=2, municipalities=6)
    return out / "plan.yaml"


def _plans(national: Path) -> list[Path]:
    return [EXAMPLES / "plan.yaml", *sorted(PLANS.glob("*.yaml")), *sorted(DATA.glob("*.yaml")), national]


def test_shared_shapes_equal_brute_force_on_a_generated_national_plan(national: Path) -> None:
    plan = load_plan(str(national))
    analysis = analyze_plan(plan, 2)
    events = reference.relevant_events(plan)
    ours: dict[tuple[str, str], dict[str, list[tuple[str, ...]]]] = {}
    for entry in analysis.parties:
        ours.setdefault((entry.procedure, entry.origin), {})[entry.party] = list(entry.cut_sets)
    checked = 0
    for procedure in plan.procedures.values():
        for origin in procedure_origins(plan, procedure):
            theirs = reference.brute_party_cut_sets(plan, procedure, origin, 2, events)
            assert ours.get((procedure.id, origin), {}) == theirs, (procedure.id, origin)
            checked += len(theirs)
    assert checked == len(analysis.parties) > 50


def test_parties_of_every_origin_share_a_few_shapes(national: Path) -> None:
    plan = load_plan(str(national))
    closure = Closure(plan)
    shapes = ShapeMemo()
    entries = 0
    for procedure in plan.procedures.values():
        for origin in procedure_origins(plan, procedure):
            _, shared = party_cut_sets(plan, closure, procedure, origin, 2, shapes=shapes)
            _, alone = party_cut_sets(plan, closure, procedure, origin, 2)
            assert shared == alone, (procedure.id, origin)
            entries += len(shared)
    assert 0 < len(shapes.solved) * 4 < entries


def test_equal_cut_sets_are_one_object(national: Path) -> None:
    analysis = analyze_plan(load_plan(str(national)), 2)
    by_value: dict[tuple[str, ...], int] = {}
    for entry in list(analysis.tasks) + list(analysis.parties):
        for cut in entry.cut_sets:
            assert by_value.setdefault(cut, id(cut)) == id(cut), cut


def _old_json(analysis, diff=None) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(analysis_to_dict(analysis, diff), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("order", [1, 2, 3])
def test_streamed_json_is_exactly_json_dumps(national: Path, order: int) -> None:
    before = analyze_plan(load_plan(str(DATA / "plan-before.yaml")), order)
    for path in _plans(national):
        analysis = analyze_plan(load_plan(str(path)), order)
        assert render_analysis_json(analysis) == _old_json(analysis), path
        diff = diff_analyses(analysis, before)
        assert render_analysis_json(analysis, diff) == _old_json(analysis, diff), path


def test_chunks_do_not_change_the_text(national: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    analysis = analyze_plan(load_plan(str(national)), 2)
    whole = _old_json(analysis)
    monkeypatch.setattr(analyze_json, "CHUNK", 1000)
    chunks = list(iter_analysis_json(analysis))
    assert len(chunks) > 20
    assert "".join(chunks) == whole
    assert all(len(chunk) < 1000 + 20_000 for chunk in chunks[:-1])


def test_empty_lists_and_odd_ids_render_like_json_dumps() -> None:
    from drill.loading.plans import load_plan_text

    plan = load_plan_text("""\
plan: "odd \\"ids\\""
components: {"ケーブル\\t1": {}}
channels:
  phone: {depends_on: ["ケーブル\\t1"]}
parties:
  a: {contacts: {phone: {}}}
  b: {}
procedures:
  p:
    origins: [a]
    steps:
      - {id: s, from: a, to: b, via: [phone]}
""", "odd.yaml")
    analysis = analyze_plan(plan, 2)
    assert analysis.tasks and not analysis.parties
    assert render_analysis_json(analysis) == _old_json(analysis)


def test_out_file_gets_the_same_bytes_as_stdout(national: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["analyze", str(national), "--format", "json", "--fail-on", "never"])
    assert shown.exit_code == 0, shown.output
    target = tmp_path / "report.json"
    written = runner.invoke(cli, ["analyze", str(national), "--format", "json", "--fail-on", "never",
                                  "--out", str(target)])
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert json.loads(shown.stdout)["summary"]["parties"] > 50


def test_a_report_that_breaks_half_way_leaves_the_old_file(national: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(analysis, diff=None, **_):  # type: ignore[no-untyped-def]
        yield "{\n"
        raise DrillError("the report broke half-way")

    monkeypatch.setitem(analyze_formats.ANALYZE_STREAMS, "json", broken)
    target = tmp_path / "report.json"
    target.write_text("old report\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(national), "--format", "json", "--out", str(target)])
    assert result.exit_code == 2
    assert "broke half-way" in result.output
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_the_collector_is_given_back(national: Path) -> None:
    assert gc.isenabled()
    result = CliRunner().invoke(cli, ["analyze", str(national), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0
    assert gc.isenabled()
    result = CliRunner().invoke(cli, ["analyze", str(national.parent / "missing.yaml")])
    assert result.exit_code == 2
    assert gc.isenabled()


def _straightforward_deliveries(plan: Plan, procedure: Procedure, origin: str) -> dict:
    """The O(n^2) reading: take the earliest (time, party) not done, again and again."""
    informed: dict[str, tuple[float, str]] = {origin: (0.0, origin)}
    done: set[str] = set()
    delivered: dict[tuple[str, str, str], float] = {}
    while True:
        pending = [(t, p) for p, (t, _) in informed.items() if p not in done]
        if not pending:
            return delivered
        t, principal = min(pending)
        done.add(principal)
        actor = informed[principal][1]
        for step in procedure.steps:
            if principal not in plan.senders_for(step, origin):
                continue
            for recipient in plan.expand(step.to, origin):
                if recipient == principal:
                    continue
                cands = candidates(plan, actor, recipient, step.via)
                if not cands:
                    continue
                party, channel = cands[0]
                at = t + step.delay + plan.channels[channel].latency
                delivered[(step.id, principal, recipient)] = at
                for principal_of, actor_of in ((recipient, party), (party, party)):
                    if principal_of not in done and at < informed.get(principal_of, (math.inf, ""))[0]:
                        informed[principal_of] = (at, actor_of)


def test_best_case_deliveries_equal_the_straightforward_reading(national: Path) -> None:
    for path in _plans(national):
        plan = load_plan(str(path))
        closure = Closure(plan)
        for procedure in plan.procedures.values():
            for origin in procedure_origins(plan, procedure):
                expected = _straightforward_deliveries(plan, procedure, origin)
                assert earliest_deliveries(plan, procedure, origin) == expected
                assert earliest_deliveries(plan, procedure, origin, closure) == expected


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=small_plans(), order=st.integers(1, 3))
def test_shapes_shared_between_origins_equal_brute_force_on_random_plans(plan: Plan, order: int) -> None:
    analysis = analyze_plan(plan, order)
    events = reference.relevant_events(plan)
    ours: dict[tuple[str, str], dict[str, list[tuple[str, ...]]]] = {}
    for entry in analysis.parties:
        ours.setdefault((entry.procedure, entry.origin), {})[entry.party] = list(entry.cut_sets)
    for procedure in plan.procedures.values():
        for origin in procedure_origins(plan, procedure):
            theirs = reference.brute_party_cut_sets(plan, procedure, origin, order, events)
            assert ours.get((procedure.id, origin), {}) == theirs, origin


def test_baseline_diff_equals_the_set_definition(national: Path) -> None:
    """Added and removed cut sets, compared entry by entry, are the set difference of all keys."""
    def cut_keys(analysis: Analysis) -> list[tuple]:
        return ([("task", (t.procedure, t.step, t.sender, t.recipient), cut) for t in analysis.tasks
                 for cut in t.cut_sets]
                + [("party", (p.procedure, p.origin, p.party), cut) for p in analysis.parties for cut in p.cut_sets])

    pairs = [(DATA / "plan-before.yaml", EXAMPLES / "plan.yaml"), (EXAMPLES / "plan.yaml", DATA / "plan-before.yaml"),
             (national, PLANS / "yamaguchi.yaml"), (national, national)]
    for new_path, old_path in pairs:
        new, old = analyze_plan(load_plan(str(new_path)), 2), analyze_plan(load_plan(str(old_path)), 2)
        diff = diff_analyses(new, old)
        new_keys, old_keys = cut_keys(new), cut_keys(old)
        new_set, old_set = set(new_keys), set(old_keys)
        assert diff.added_cut_sets == tuple(k for k in new_keys if k not in old_set)
        assert diff.removed_cut_sets == tuple(k for k in old_keys if k not in new_set)
        if new_path == old_path:
            assert diff.added_cut_sets == diff.removed_cut_sets == ()
        else:
            assert diff.added_cut_sets and diff.removed_cut_sets
