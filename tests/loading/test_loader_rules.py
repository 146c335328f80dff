"""Every loader rule of FORMAT.md sections 1 and 2, and every kind of hostile input.

Each file under ``tests/data/bad/`` breaks exactly one rule (its first line
says which).  ``drill validate`` must name the exact ``file:line:column`` of
the problem with a message a planner can act on, exit 2 and never print a
traceback.  ``base-plan.yaml`` and ``base-scenario.yaml`` are the valid files
the others were derived from, so each bad file fails for its own reason only.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import cli

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"

#: (file, file the problem is in, line, column, start of the message)
CASES = [
    ('address-not-text.yaml', 'address-not-text.yaml', 20, 27,
     "address of contact 'landline' of 'town' must be text (a number, a mail address), not a list"),
    ('chains-too-deep.yaml', 'chains-too-deep.yaml', 3003, 3,
     'components depend on each other 3000 levels deep (c2999 -> c2998 -> ...); drill allows 64'),
    ('calendar-bad-day.yaml', 'calendar-bad-day.yaml', 7, 24, "'tues' is not a day; use mon, tue, wed, thu, fri, sat, sun"),
    ('channel-in-component-depends.yaml', 'channel-in-component-depends.yaml', 12, 18, "'fax' is a channel; a component can depend only on"),
    ('clock-hour-25.yaml', 'clock-hour-25.yaml', 7, 64, "to: '25:00' is not a valid clock time (00:00 to 24:00)"),
    ('clock-words.yaml', 'clock-words.yaml', 7, 51, "from: 'half past eight' is not a clock time: write HH:MM,"),
    ('component-cycle.yaml', 'component-cycle.yaml', 10, 3, 'dependency cycle among components: cable -> power -> cable;'),
    ('component-self-cycle.yaml', 'component-self-cycle.yaml', 9, 3, 'dependency cycle among components: power -> power; break'),
    ('control-characters.yaml', 'control-characters.yaml', 2, 7, 'text contains the control character U+001B; remove it (it'),
    ('duplicate-key.yaml', 'duplicate-key.yaml', 19, 5, "duplicate key 'hours' (first at line 18); remove one of them"),
    ('duplicate-party.yaml', 'duplicate-party.yaml', 31, 3, "duplicate key 'pref' (first at line 22); remove one of them"),
    ('duration-infinite.yaml', 'duration-infinite.yaml', 15, 18, 'latency: a duration must be a finite number of minutes'),
    ('duration-nan.yaml', 'duration-nan.yaml', 15, 18, 'latency: a duration must be a finite number of minutes'),
    ('duration-negative-number.yaml', 'duration-negative-number.yaml', 15, 18, 'latency: a duration cannot be negative (got -5)'),
    ('duration-negative.yaml', 'duration-negative.yaml', 42, 17, 'within: a duration cannot be negative (got -30m)'),
    ('duration-too-long.yaml', 'duration-too-long.yaml', 47, 17, 'within: a duration longer than 366 days is not supported'),
    ('duration-words.yaml', 'duration-words.yaml', 47, 17, "within: 'soon' is not a duration: write 90s, 15m, 2h, 1h30m"),
    ('file-binary.yaml', 'file-binary.yaml', 3, 1, 'file contains a NUL byte: it looks binary, not a YAML text'),
    ('file-empty.yaml', 'file-empty.yaml', 1, 1, 'file is empty; expected a mapping'),
    ('file-latin1.yaml', 'file-latin1.yaml', 2, 10, 'file is not valid UTF-8 text; save it as UTF-8'),
    ('file-only-comments.yaml', 'file-only-comments.yaml', 1, 1, 'file is empty; expected a mapping'),
    ('file-top-level-list.yaml', 'file-top-level-list.yaml', 2, 1, 'expected a plan or a scenario (a mapping), not a list'),
    ('file-top-level-scalar.yaml', 'file-top-level-scalar.yaml', 1, 1, "expected a plan or a scenario (a mapping), not 'just some"),
    ('file-two-documents.yaml', 'file-two-documents.yaml', 2, 1, 'YAML syntax error: expected a single document in the'),
    ('file-utf16.yaml', 'file-utf16.yaml', 1, 1, 'file is UTF-16 (or UTF-32) text; save it as UTF-8'),
    ('grace-negative.yaml', 'grace-negative.yaml', 12, 37, 'grace: a duration cannot be negative (got -10m)'),
    ('group-cycle.yaml', 'group-cycle.yaml', 33, 14, 'groups nest in a cycle: @everyone -> @towns -> @everyone'),
    ('holiday-bad-date.yaml', 'holiday-bad-date.yaml', 5, 12, "'2025-13-01' is not a date; write YYYY-MM-DD"),
    ('id-channel-reuses-component.yaml', 'id-channel-reuses-component.yaml', 16, 3, "id 'power' is already used by the component at line 9; ids"),
    ('id-party-reuses-channel.yaml', 'id-party-reuses-channel.yaml', 28, 3, "id 'fax' is already used by the channel at line 15; ids"),
    ('key-not-scalar.yaml', 'key-not-scalar.yaml', 3, 3, 'a mapping key must be a plain name'),
    ('lines-fraction.yaml', 'lines-fraction.yaml', 23, 12, 'lines must be a whole number, not the number 1.5'),
    ('lines-huge.yaml', 'lines-huge.yaml', 3, 14, 'lines must be at most 10000 (got'),
    ('lines-zero.yaml', 'lines-zero.yaml', 23, 12, 'lines must be at least 1 (got 0)'),
    ('list-where-mapping.yaml', 'list-where-mapping.yaml', 15, 8, "channel 'fax' must be a mapping (key: value), not a list"),
    ('merge-key.yaml', 'merge-key.yaml', 15, 9, 'merge keys (<<) are not supported; write the keys out'),
    ('missing-via.yaml', 'missing-via.yaml', 43, 9, "a step of 'virus' is missing the required key 'via'"),
    ('nul-in-string.yaml', 'nul-in-string.yaml', 3, 11, 'text contains the control character U+0000; remove it (it'),
    ('own-deputy.yaml', 'own-deputy.yaml', 24, 16, "party 'pref' cannot be its own deputy"),
    ('scalar-where-mapping.yaml', 'scalar-where-mapping.yaml', 19, 15, "contacts of 'town' must be a mapping of id: definition, not"),
    ('scenario-expect-unknown-group.yaml', 'scenario-expect-unknown-group.yaml', 19, 15, "unknown group '@cities'"),
    ('scenario-expect-unknown-step.yaml', 'scenario-expect-unknown-step.yaml', 17, 11, "procedure 'virus' has no step 'reprot'; did you mean"),
    ('scenario-horizon-infinite.yaml', 'scenario-horizon-infinite.yaml', 7, 10, 'horizon: a duration must be a finite number of minutes'),
    ('scenario-incident-list.yaml', 'scenario-incident-list.yaml', 6, 11, 'incident must be a mapping (key: value), not a list'),
    ('scenario-inject-negative-time.yaml', 'scenario-inject-negative-time.yaml', 9, 9, 'at: a duration cannot be negative (got -8m)'),
    ('scenario-inject-restore-unknown.yaml', 'scenario-inject-restore-unknown.yaml', 14, 15, "unknown component or channel 'power-line'; did you mean"),
    ('scenario-inject-unknown-component.yaml', 'scenario-inject-unknown-component.yaml', 10, 12, "unknown component or channel 'cabel'; did you mean 'cable'?"),
    ('scenario-inject-unknown-party.yaml', 'scenario-inject-unknown-party.yaml', 12, 14, "unknown party 'prefecture'"),
    ('scenario-no-plan.yaml', 'scenario-no-plan.yaml', 2, 1, "the scenario is missing the required key 'plan'"),
    ('scenario-origin-not-allowed.yaml', 'scenario-origin-not-allowed.yaml', 6, 33, "'pref' cannot raise 'virus': the procedure's origins are"),
    ('scenario-plan-device.yaml', 'scenario-plan-device.yaml', 4, 7, "plan file '/dev/zero' is not a regular file (a device, pipe"),
    ('scenario-plan-directory.yaml', 'scenario-plan-directory.yaml', 4, 7, "plan '../bad' is a directory; name the plan's YAML file"),
    ('scenario-plan-invalid.yaml', 'lines-zero.yaml', 23, 12, 'lines must be at least 1 (got 0)'),
    ('scenario-plan-missing.yaml', 'scenario-plan-missing.yaml', 4, 7, "plan file 'no-such-plan.yaml' not found (looked for"),
    ('scenario-plan-self.yaml', 'scenario-plan-self.yaml', 4, 7, "plan names this scenario file itself; name the plan's YAML"),
    ('scenario-start-bad-date.yaml', 'scenario-start-bad-date.yaml', 5, 8, "'2025-02-30T10:00' is not a date and time; write"),
    ('scenario-start-words.yaml', 'scenario-start-words.yaml', 5, 8, "'tomorrow morning' is not a date and time; write"),
    ('scenario-unknown-key.yaml', 'scenario-unknown-key.yaml', 8, 1, "unknown key 'injets' in the scenario; did you mean"),
    ('scenario-unknown-origin.yaml', 'scenario-unknown-origin.yaml', 6, 33, "unknown origin party 'village'"),
    ('scenario-unknown-type.yaml', 'scenario-unknown-type.yaml', 6, 18, "unknown incident type 'virsu'; did you mean 'virus'? (the"),
    ('step-id-twice.yaml', 'step-id-twice.yaml', 43, 13, "step id 'report' is already used in procedure 'virus' (line"),
    ('syntax-error.yaml', 'syntax-error.yaml', 42, 15, 'YAML syntax error: while parsing a flow sequence: did not'),
    ('tab-indent.yaml', 'tab-indent.yaml', 15, 1, 'YAML syntax error: while scanning for the next token: found'),
    ('tag-custom.yaml', 'tag-custom.yaml', 9, 10, 'tag !component is not allowed; drill reads plain YAML only'),
    ('tag-python-object.yaml', 'tag-python-object.yaml', 3, 8, 'tag tag:yaml.org,2002:python/object/apply:os.system is not'),
    ('timezone-folder.yaml', 'timezone-folder.yaml', 4, 11, "unknown timezone 'Asia'; use an IANA name such as Asia/Tokyo"),
    ('timezone-path.yaml', 'timezone-path.yaml', 4, 11, "unknown timezone '../../../etc/passwd'; use an IANA name"),
    ('timezone-unknown.yaml', 'timezone-unknown.yaml', 4, 11, "unknown timezone 'Asia/Tokio'; use an IANA name such as"),
    ('unknown-calendar-contact.yaml', 'unknown-calendar-contact.yaml', 27, 20, "unknown calendar 'nights'"),
    ('unknown-calendar-party.yaml', 'unknown-calendar-party.yaml', 18, 12, "unknown calendar 'offce'; did you mean 'office'?"),
    ('unknown-channel-in-contact.yaml', 'unknown-channel-in-contact.yaml', 21, 7, "unknown channel 'telex'"),
    ('unknown-channel-in-via.yaml', 'unknown-channel-in-via.yaml', 46, 15, "unknown channel 'faxx'; did you mean 'fax'?"),
    ('unknown-component-assumes-down.yaml', 'unknown-component-assumes-down.yaml', 37, 20, "unknown component or channel 'juki'"),
    ('unknown-component-in-channel.yaml', 'unknown-component-in-channel.yaml', 14, 27, "unknown component 'cabel'; did you mean 'cable'?"),
    ('unknown-component-in-component.yaml', 'unknown-component-in-component.yaml', 12, 18, "unknown component 'powr'; did you mean 'power'?"),
    ('unknown-component-in-contact.yaml', 'unknown-component-in-contact.yaml', 26, 31, "unknown component 'pbx'"),
    ('unknown-deputy.yaml', 'unknown-deputy.yaml', 24, 16, "unknown party 'duty-officer'"),
    ('unknown-group-in-to.yaml', 'unknown-group-in-to.yaml', 45, 13, "unknown group '@cities'"),
    ('unknown-key-channel.yaml', 'unknown-key-channel.yaml', 14, 48, "unknown key 'fail-after' in channel 'landline'; did you"),
    ('unknown-key-contact.yaml', 'unknown-key-contact.yaml', 20, 18, "unknown key 'adress' in contact 'landline' of 'town'; did"),
    ('unknown-key-step.yaml', 'unknown-key-step.yaml', 47, 9, "unknown key 'wihtin' in a step of 'virus'; did you mean"),
    ('unknown-key-top.yaml', 'unknown-key-top.yaml', 31, 1, "unknown key 'grups' in the plan; did you mean 'groups'?"),
    ('unknown-nested-group.yaml', 'unknown-nested-group.yaml', 33, 14, "unknown group '@town'; did you mean '@towns'?"),
    ('unknown-origin-in-procedure.yaml', 'unknown-origin-in-procedure.yaml', 36, 15, "unknown party 'city' (write @name for a group)"),
    ('unknown-party-in-from.yaml', 'unknown-party-in-from.yaml', 44, 15, "unknown party 'prf'; did you mean 'pref'?"),
    ('unknown-party-in-group.yaml', 'unknown-party-in-group.yaml', 32, 17, "unknown party 'village'"),
    ('unknown-party-in-to.yaml', 'unknown-party-in-to.yaml', 40, 13, "unknown party 'prefecture' (write @name for a group)"),
    ('yaml-alias-bomb.yaml', 'yaml-alias-bomb.yaml', 8, 4, 'document has more than 500000 nodes once its aliases are'),
    ('yaml-deep-block.yaml', 'yaml-deep-block.yaml', 516, 515, 'nesting is deeper than 64 levels; a plan never needs that'),
    ('yaml-deep-flow.yaml', 'yaml-deep-flow.yaml', 3, 265, 'nesting is deeper than 64 levels; a plan never needs that'),
    ('yaml-deep-moderate.yaml', 'yaml-deep-moderate.yaml', 3, 73, 'nesting is deeper than 64 levels'),
    ('yaml-self-alias.yaml', 'yaml-self-alias.yaml', 3, 9, 'an alias refers to a node that contains it; drill cannot'),
]

#: Files that break one rule and therefore report exactly one problem.
SEVERAL_PROBLEMS = {"unknown-key-top.yaml", "control-characters.yaml", "chains-too-deep.yaml"}


def test_every_bad_file_has_a_case() -> None:
    named = {case[0] for case in CASES}
    on_disk = {p.name for p in BAD.glob("*.yaml")} - {"base-plan.yaml", "base-scenario.yaml"}
    assert on_disk == named


@pytest.mark.parametrize("name", ["base-plan.yaml", "base-scenario.yaml"])
def test_base_files_are_valid(name: str) -> None:
    result = CliRunner().invoke(cli, ["validate", str(BAD / name)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{BAD / name}: ok")


@pytest.mark.parametrize(("name", "where", "line", "column", "message"), CASES,
                         ids=[case[0] for case in CASES])
def test_bad_file_is_refused_at_its_place(name: str, where: str, line: int, column: int,
                                          message: str) -> None:
    result = CliRunner().invoke(cli, ["validate", str(BAD / name)])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    problems = [row for row in result.stderr.splitlines() if not row.startswith("drill: ")]
    assert f"{BAD / where}:{line}:{column}: {message}" in problems[0]
    if name not in SEVERAL_PROBLEMS:
        assert len(problems) == 1, problems
    assert "Traceback" not in result.stderr


def test_deep_group_nesting_is_refused_at_the_deepest_group() -> None:
    result = CliRunner().invoke(cli, ["validate", str(BAD / "chains-too-deep.yaml")])
    assert (f"{BAD / 'chains-too-deep.yaml'}:6009:11: groups nest 3000 levels deep "
            "(@g2999 -> @g2998 -> ...); drill allows 64") in result.stderr


def test_validate_in_a_subprocess_reports_every_file_with_its_place() -> None:
    """The real command line, all bad files at once: one line per problem, exit 2."""
    names = [case[0] for case in CASES]
    proc = subprocess.run([sys.executable, "-m", "drill", "validate", *names], cwd=BAD,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stdout == ""
    for _name, where, line, column, message in CASES:
        assert f"{where}:{line}:{column}: {message}" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.rstrip().endswith(f"drill: {len(names)} of {len(names)} files invalid")


def test_contact_verified_is_a_date() -> None:
    from datetime import date

    from drill.loading import load_plan_text
    from drill.model.errors import PlanError

    text = "plan: v\nchannels: {c: {}}\nparties:\n  a: {contacts: {c: {verified: 2026-04-01}}}\n"
    assert load_plan_text(text).parties["a"].contacts[0].verified == date(2026, 4, 1)
    try:
        load_plan_text(text.replace("2026-04-01", "last April"), "p.yaml")
    except PlanError as error:
        assert str(error.problems[0]) == "p.yaml:4:32: verified must be a date written YYYY-MM-DD, not 'last April'"
    else:
        raise AssertionError("a bad verified date must be refused")
