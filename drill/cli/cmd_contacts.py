"""``drill contacts import`` and ``drill contacts export``: contact sheets in Excel or CSV (FORMAT.md 7.5).

Every problem of the map, the plan or the sheet is printed with its place
(``map.yaml:3:5``, ``sheet.xlsx:緊急連絡網!D5``, ``sheet.csv:12:4``) and
exits 2 with nothing written.  Addresses are printed only with
``--show-contacts``.
"""

from __future__ import annotations

import click

from drill.cli import cli, guarded
from drill.i18n import _


@cli.group()
def contacts() -> None:
    """Contact sheets: bring the office's 緊急連絡網 (Excel or CSV) in and out of a plan."""


@contacts.command("import")
@click.argument("sheet", type=click.Path(dir_okay=False))
@click.option("--map", "map_path", required=True, metavar="MAP",
              help="YAML map: which column holds the party id, label, deputies, dates, contacts.")
@click.option("--into", "plan", required=True, metavar="PLAN", help="The plan the contacts go into.")
@click.option("--out", metavar="NEW", help="Write the new plan here (never over an input).")
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print what changed.")
@click.option("--show-contacts", is_flag=True, help="Print addresses (personal data) in what changed.")
@guarded
def import_(sheet: str, map_path: str, plan: str, out: str | None, dry_run: bool, fmt: str,
            show_contacts: bool) -> None:
    """Read SHEET (.xlsx or .csv) through MAP and write PLAN with its contacts as NEW.

    \b
    Examples:
      drill contacts import contact_sheets/yamaguchi.xlsx --map contact_sheets/yamaguchi-map.yaml \\
          --into contact_plans/yamaguchi.yaml --out yamaguchi-2027.yaml
      drill contacts import list.csv --map map.yaml --into plan.yaml --dry-run --format json
    """
    from drill.contacts.changes import render_json, render_text
    from drill.contacts.importer import import_sheet
    from drill.loading.adhoc import UsageError
    from drill.loading.writing import check_output_path, write_atomic

    inputs = [sheet, map_path, plan]
    if not out and not dry_run:
        raise UsageError(_("give --out NEW (or --dry-run to only see what would change)"))
    if out:
        check_output_path(out, inputs)
    result = import_sheet(sheet, map_path, plan, out, dry_run)
    if result.report.encoding:
        click.echo(_("drill: read {sheet} as {encoding}").format(sheet=sheet, encoding=result.report.encoding),
                   err=True)
    render = render_json if fmt == "json" else render_text
    click.echo(render(result.report, show_contacts), nl=False)
    if out and not dry_run:
        write_atomic(out, result.text, inputs=inputs)
        click.echo(_("drill: wrote {path}").format(path=out), err=True)


@contacts.command("export")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("--map", "map_path", required=True, metavar="MAP", help="YAML map of the sheet's columns.")
@click.option("--out", required=True, metavar="SHEET", help="The sheet to write: .xlsx or .csv.")
@guarded
def export(plan: str, map_path: str, out: str) -> None:
    """Write PLAN's contacts as a sheet (one row per party) for review in Excel.

    \b
    Examples:
      drill contacts export contact_plans/yamaguchi.yaml --map contact_sheets/yamaguchi-map.yaml \\
          --out review.xlsx
    """
    from drill.contacts.export import export_csv, export_xlsx
    from drill.contacts.sheetmap import load_map
    from drill.loading import load_plan
    from drill.loading.adhoc import UsageError
    from drill.loading.writing import check_output_path, write_atomic

    inputs = [plan, map_path]
    lower = out.lower()
    if not lower.endswith((".xlsx", ".csv")):
        raise UsageError(_("--out must end in .xlsx or .csv"))
    check_output_path(out, inputs)
    document = load_plan(plan)
    smap = load_map(map_path, document)
    data = export_xlsx(document, smap) if lower.endswith(".xlsx") else export_csv(document, smap)
    write_atomic(out, data, inputs=inputs)
    click.echo(_("drill: wrote {path}").format(path=out), err=True)
