"""JUnit XML, so a planner's CI shows every notification as a test case.

One ``<testsuite>`` per scenario; one ``<testcase>`` per task, named
``step: from -> to``, and one per objective.  Late, failed and blocked tasks
and unmet objectives are ``<failure>`` elements whose message is the reason,
so a CI page says *why* in its summary line.  ``time`` is 0: drill minutes
are not seconds of test run time, and the drill times go in properties and
``system-out`` instead.  Nothing depends on the clock or the host, so the same
run gives the same file byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drill.engine.outcome import RunResult
from drill.reports.aar import describe_expectation, fmt_t
from drill.reports.run_json import run_to_dict
from drill.reports.xml_chars import escape, quoteattr, xml_chars


def _attr(value: object) -> str:
    return quoteattr(_clean(str(value)))


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry."""
    return xml_chars(text)


def _task_message(task: dict[str, Any]) -> str:
    status = task.get("status")
    if status == "late":
        return (f"late: delivered at {fmt_t(task.get('at'))} to {task.get('by')} via {task.get('via')}, "
                f"due within {fmt_t(task.get('within'))}")
    if status == "blocked":
        return f"blocked: {task.get('reason') or 'the sender was never informed'}"
    reasons = [str(a.get("reason")) for a in task.get("attempts") or [] if not a.get("ok") and a.get("reason")]
    last = f" (last attempt: {reasons[-1]})" if reasons else ""
    return f"failed: {task.get('reason') or 'every candidate failed'}{last}"


def _attempt_log(task: dict[str, Any], addresses: dict[tuple[str, str], str]) -> str:
    lines = []
    for attempt in task.get("attempts") or []:
        address = addresses.get((str(attempt.get("to")), str(attempt.get("via"))))
        where = f" <{address}>" if address else ""
        outcome = "ok" if attempt.get("ok") else f"failed: {attempt.get('reason')}"
        lines.append(f"{fmt_t(attempt.get('start'))}-{fmt_t(attempt.get('end'))} "
                     f"{task.get('sender') or task.get('from')} -> {attempt.get('to')} via "
                     f"{attempt.get('via')}{where}: {outcome}")
    return "\n".join(lines)


def suite_xml(record: dict[str, Any], addresses: dict[tuple[str, str], str] | None = None) -> str:
    addresses = addresses or {}
    tasks = list(record.get("tasks") or [])
    expectations = list(record.get("expectations") or [])
    failures = sum(1 for t in tasks if t.get("status") != "delivered") + \
        sum(1 for e in expectations if not e.get("ok"))
    name = str(record.get("scenario"))
    out = [f"  <testsuite name={_attr(name)} tests=\"{len(tasks) + len(expectations)}\" "
           f"failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">"]
    out.append("    <properties>")
    for key in ("plan", "title", "incident", "origin", "start", "timezone"):
        if record.get(key) is not None:
            out.append(f"      <property name={_attr(key)} value={_attr(record[key])}/>")
    out.append("    </properties>")
    for task in tasks:
        case = f"{task.get('step')}: {task.get('from')} -> {task.get('to')}"
        out.append(f"    <testcase classname={_attr(name + '.' + str(task.get('step')))} name={_attr(case)} "
                   "time=\"0\">")
        if task.get("status") != "delivered":
            message = _task_message(task)
            out.append(f"      <failure message={_attr(message)} type={_attr(task.get('status'))}>"
                       f"{escape(_clean(message))}</failure>")
        log = _attempt_log(task, addresses)
        if log:
            out.append(f"      <system-out>{escape(_clean(log))}</system-out>")
        out.append("    </testcase>")
    for item in expectations:
        raw = item.get("expect") or {}
        case = f"objective: {describe_expectation(raw)}"
        out.append(f"    <testcase classname={_attr(name + '.objectives')} name={_attr(case)} time=\"0\">")
        if not item.get("ok"):
            detail = str(item.get("detail") or "not met")
            out.append(f"      <failure message={_attr(detail)} type=\"objective\">{escape(_clean(detail))}"
                       "</failure>")
        out.append("    </testcase>")
    out.append("  </testsuite>")
    return "\n".join(out)


def render_junit_records(records: Iterable[tuple[dict[str, Any], dict[tuple[str, str], str]]]) -> str:
    suites = [suite_xml(record, addresses) for record, addresses in records]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="drill">\n'
            + "\n".join(suites) + "\n</testsuites>\n")


def contact_addresses(result: RunResult) -> dict[tuple[str, str], str]:
    """(party, channel) -> address, for ``--show-contacts`` only."""
    plan = result.scenario.plan
    return {(p.id, c.channel): c.address for p in plan.parties.values() for c in p.contacts if c.address}


def render_junit(results: Iterable[RunResult], *, show_contacts: bool = False) -> str:
    return render_junit_records(
        (run_to_dict(r), contact_addresses(r) if show_contacts else {}) for r in results)
