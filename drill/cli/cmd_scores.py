"""``drill scores``: the class view of many trainees' results (FORMAT.md 7.6)."""

from __future__ import annotations

import sys

import click

from drill.cli import EXIT_OK, cli, guarded
from drill.i18n import _


@cli.command()
@click.argument("results", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "markdown"]), default="text",
              show_default=True, help="Output format (csv: UTF-8 with BOM and CRLF, for Excel).")
@click.option("--out", metavar="FILE", help="Write to FILE instead of stdout.")
@guarded
def scores(results: tuple[str, ...], fmt: str, out: str | None) -> None:
    """Print the class: every trainee's score and time lost, questions and delivery times.

    RESULT files are what drill train --trainee NAME --out RESULT.json saved.
    Per trainee: the score, the minutes its deliveries came later than the
    plan's, the calls that failed and why; per question, how many answered
    right; per act step, the spread of delivery times.  Sorted by trainee.

    \b
      drill scores results/*.json
      drill scores results/*.json --format csv --out class.csv
    Exit 0; 2 for a bad result file (with its line and column).
    """
    from drill.loading.results import load_results
    from drill.reports.scores import SCORES_FORMATS
    from drill.training.classroom import class_view

    view = class_view(load_results(list(results)))
    text = SCORES_FORMATS[fmt](view)
    if out:
        from drill.loading.writing import write_atomic

        write_atomic(out, text.encode("utf-8"), inputs=list(results))
        click.echo(_("drill: wrote {path}").format(path=out), err=True)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    sys.exit(EXIT_OK)
