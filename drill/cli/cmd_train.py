"""``drill train``: walk a trainee through a scenario, on screen or from an answers file."""

from __future__ import annotations

import shutil
import sys

import click

from drill.cli import EXIT_INVALID, EXIT_OK, cli, emit, format_option, guarded
from drill.i18n import _


@cli.command()
@click.argument("scenario", required=False, type=click.Path(dir_okay=True))
@click.option("--answers", metavar="FILE", type=click.Path(dir_okay=True),
              help="Run headless: a YAML list of answers (- choice: N, - contact: {to: PARTY, via: CHANNEL}, "
                   "- give_up: true), consumed in order.")
@format_option("train", None, "Output format of a headless run (with --answers): text (default), or json "
                              "(the default with --trainee).")
@click.option("--out", metavar="FILE", help="Write the result to FILE instead of stdout (on screen: at the debrief).")
@click.option("--trainee", metavar="NAME", help="The trainee's name: the output becomes a result for drill scores.")
@click.option("--show-contacts", is_flag=True,
              help="In the TUI, show contact addresses (personal data) in the contact panel.")
@click.option("--color/--no-color", default=None, help="Colour the text result (default: when stdout is a terminal).")
@guarded
def train(scenario: str | None, answers: str | None, fmt: str | None, out: str | None, show_contacts: bool,
          color: bool | None, trainee: str | None) -> None:
    """Walk a trainee through SCENARIO's walkthrough, step by step.

    The trainee reads the situation, answers questions and makes the plan's
    calls by hand; each call gets through or fails by the engine's rules at
    that moment of the scenario.  The debrief sets the trainee's timeline
    beside the plan's.  Without SCENARIO the bundled default drill is used; a
    scenario without a walkthrough gets one act step per procedure step.

    \b
    With --answers FILE the walkthrough runs headless and prints the result:
      drill train scenarios/jlis-virus-drill.yaml --answers answers.yaml --format json
    Exit 0 when the walkthrough completed, 2 for bad input (including answers
    that do not fit the walkthrough, with the answer's line).

    \b
    A class: --trainee NAME --out RESULT.json saves the trainee's result (the
    JSON document plus "trainee"), headless or on screen (at the debrief);
    drill scores RESULT... prints the class.
    """
    from drill.loading import default_scenario_path, load_document
    from drill.loading.adhoc import UsageError
    from drill.model.plan import Plan

    path = scenario or str(default_scenario_path())
    loaded = load_document(path)
    if isinstance(loaded, Plan):
        raise UsageError(_("{path} is a contact plan; drill train needs a scenario (an incident on a clock), "
                           "for example scenarios/jlis-virus-drill.yaml").format(path=path))
    if trainee is not None and not trainee.strip():
        raise UsageError(_("--trainee needs a name"))
    if trainee is not None and fmt == "text":
        raise UsageError(_("a trainee's result is JSON: leave out --format text with --trainee"))
    if answers is None:
        if fmt is not None:
            raise UsageError(_("--format goes with --answers (a headless run)"))
        if out is not None and trainee is None:
            raise UsageError(_("on screen, --out saves a trainee's result: give --trainee NAME too "
                               "(or run headless with --answers)"))
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            click.echo(_("drill: the trainee walkthrough needs a terminal; to run it headless give "
                         "--answers FILE"), err=True)
            sys.exit(EXIT_INVALID)
        from drill.tui.train.app import make_train_app

        if out is not None:
            from drill.loading.writing import check_output_path

            check_output_path(out, [path, loaded.plan_path])
        make_train_app(loaded, show_contacts=show_contacts, trainee=trainee, out=out,
                       inputs=(path, loaded.plan_path)).run()
        sys.exit(EXIT_OK)

    from drill.loading.answers import load_answers
    from drill.reports.registry import RenderOptions, get
    from drill.training import run_walkthrough

    walk = run_walkthrough(loaded, load_answers(answers), answers_path=answers)
    use_color = color if color is not None else (out is None and sys.stdout.isatty())
    width = shutil.get_terminal_size((100, 40)).columns if out is None and sys.stdout.isatty() else 100
    chosen = fmt or ("json" if trainee is not None else "text")
    text = get("train", chosen).render(walk, RenderOptions(color=bool(use_color), width=max(width, 80),
                                                           trainee=trainee))
    emit(text, out, [path, loaded.plan_path, answers])
    sys.exit(EXIT_OK)
