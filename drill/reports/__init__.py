"""Turn results into text, JSON and other formats.  No simulation logic here."""

from drill.reports.run_json import render_run_json, run_to_dict, task_to_dict
from drill.reports.run_text import render_run_text

__all__ = ["render_run_json", "render_run_text", "run_to_dict", "task_to_dict"]

#: ``drill run --format`` choices -> renderer(result, color=..., width=...).
#: Other report modules add their formats here.
RUN_FORMATS: dict[str, object] = {
    "text": render_run_text,
    "json": lambda result, **_: render_run_json(result),
}


def _render_markdown(result: object, *, show_contacts: bool = False, **_: object) -> str:
    from drill.reports.aar_markdown import render_record_markdown

    return render_record_markdown(run_to_dict(result), result.scenario.plan,  # type: ignore[attr-defined,arg-type]
                                  show_contacts=show_contacts)


def _render_html(result: object, *, show_contacts: bool = False, **_: object) -> str:
    from drill.reports.aar_html import render_record_html

    return render_record_html(run_to_dict(result), result.scenario.plan,  # type: ignore[attr-defined,arg-type]
                              show_contacts=show_contacts)


def _render_junit(result: object, *, show_contacts: bool = False, **_: object) -> str:
    from drill.reports.junit import render_junit

    return render_junit([result], show_contacts=show_contacts)  # type: ignore[list-item]


# after-action reports and JUnit (drill/reports/aar_*.py, junit.py)
RUN_FORMATS.update({"markdown": _render_markdown, "html": _render_html, "junit": _render_junit})
