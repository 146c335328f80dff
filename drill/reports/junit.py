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
from xml.sax.saxutils import escape, quoteattr

from drill.engine.outcome import RunResult
from drill.reports.aar import describe_expectation, fmt_t
from drill.reports.record import RunRecord, TaskRecord


def _attr(value: object) -> str:
    return quoteattr(_clean(str(value)))


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def _task_message(task: TaskRecord) -> str:
    if task.status == "late":
        return (f"late: delivered at {fmt_t(task.at)} to {task.by} via {task.via}, "
                f"due within {fmt_t(task.within)}")
    if task.status == "blocked":
        return f"blocked: {task.reason or 'the sender was never informed'}"
    reasons = [a.reason for a in task.attempts if not a.ok and a.reason]
    last = f" (last attempt: {reasons[-1]})" if reasons else ""
    return f"failed: {task.reason or 'every candidate failed'}{last}"


def _attempt_log(task: TaskRecord, addresses: dict[tuple[str, str], str]) -> str:
    lines = []
    for attempt in task.attempts:
        address = addresses.get((attempt.to, attempt.via))
        where = f" <{address}>" if address else ""
        outcome = "ok" if attempt.ok else f"failed: {attempt.reason}"
        lines.append(f"{fmt_t(attempt.start)}-{fmt_t(attempt.end)} "
                     f"{task.actor} -> {attempt.to} via {attempt.via}{where}: {outcome}")
    return "\n".join(lines)


def suite_xml(record: RunRecord, addresses: dict[tuple[str, str], str] | None = None) -> str:
    addresses = addresses or {}
    tasks, expectations = record.tasks, record.expectations
    failures = sum(1 for t in tasks if t.status != "delivered") + sum(1 for e in expectations if not e.ok)
    name = record.scenario
    out = [f"  <testsuite name={_attr(name)} tests=\"{len(tasks) + len(expectations)}\" "
           f"failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">"]
    out.append("    <properties>")
    for key in ("plan", "title", "incident", "origin", "start", "timezone"):
        value = getattr(record, key)
        if value is not None:
            out.append(f"      <property name={_attr(key)} value={_attr(value)}/>")
    out.append("    </properties>")
    for task in tasks:
        case = f"{task.step}: {task.sender_plan} -> {task.to}"
        out.append(f"    <testcase classname={_attr(name + '.' + task.step)} name={_attr(case)} "
                   "time=\"0\">")
        if task.status != "delivered":
            message = _task_message(task)
            out.append(f"      <failure message={_attr(message)} type={_attr(task.status)}>"
                       f"{escape(_clean(message))}</failure>")
        log = _attempt_log(task, addresses)
        if log:
            out.append(f"      <system-out>{escape(_clean(log))}</system-out>")
        out.append("    </testcase>")
    for item in expectations:
        case = f"objective: {describe_expectation(item.expect)}"
        out.append(f"    <testcase classname={_attr(name + '.objectives')} name={_attr(case)} time=\"0\">")
        if not item.ok:
            detail = item.detail or "not met"
            out.append(f"      <failure message={_attr(detail)} type=\"objective\">{escape(_clean(detail))}"
                       "</failure>")
        out.append("    </testcase>")
    out.append("  </testsuite>")
    return "\n".join(out)


def render_junit_records(records: Iterable[tuple[RunRecord | dict[str, Any], dict[tuple[str, str], str]]]) -> str:
    """JUnit of run records (or of their JSON dicts) with the addresses to show."""
    suites = [suite_xml(record if isinstance(record, RunRecord) else RunRecord.from_dict(record), addresses)
              for record, addresses in records]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="drill">\n'
            + "\n".join(suites) + "\n</testsuites>\n")


def contact_addresses(result: RunResult) -> dict[tuple[str, str], str]:
    """(party, channel) -> address, for ``--show-contacts`` only."""
    plan = result.scenario.plan
    return {(p.id, c.channel): c.address for p in plan.parties.values() for c in p.contacts if c.address}


def render_junit(results: Iterable[RunResult], *, show_contacts: bool = False) -> str:
    return render_junit_records(
        (RunRecord.from_result(r), contact_addresses(r) if show_contacts else {}) for r in results)
