"""JUnit XML, so a planner's CI shows every notification as a test case.

One ``<testsuite>`` per scenario; one ``<testcase>`` per task, named
``step: from -> to``, and one per objective.  Late, failed and blocked tasks
and unmet objectives are ``<failure>`` elements whose message is the reason,
so a CI page says *why* in its summary line.  Messages and objective names
are in the current language (FORMAT.md 7.3); task names (ids), ``type``
(the status) and properties never change with it.  ``time`` is 0: drill
minutes are not seconds of test run time, and the drill times go in
properties and ``system-out`` instead.  Nothing depends on the clock or the host, so the same
run gives the same file byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drill.engine.outcome import RunResult
from drill.i18n import _
from drill.i18n.formats import duration_text
from drill.i18n.words import objective_word, status_word
from drill.reports.aar import describe_expectation, fmt_t
from drill.reports.record import RunRecord, TaskRecord
from drill.reports.xml_chars import escape, quoteattr, xml_chars


def _attr(value: object) -> str:
    return quoteattr(_clean(str(value)))


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry."""
    return xml_chars(text)


def _task_message(task: TaskRecord) -> str:
    """Why a task is a failure, in the current language (the ``type`` keeps the status)."""
    status = status_word(task.status)
    if task.status == "late":
        return _("{status}: delivered at {at} to {party} via {channel}, due within {within}").format(
            status=status, at=_prose(task.at), party=task.by, channel=task.via, within=_prose(task.within))
    if task.status == "blocked":
        return _("{status}: {reason}").format(status=status, reason=task.reason or _("the sender was never informed"))
    reasons = [a.reason for a in task.attempts if not a.ok and a.reason]
    message = _("{status}: {reason}").format(status=status, reason=task.reason or _("every candidate failed"))
    if reasons:
        message = _("{message} (last attempt: {reason})").format(message=message, reason=reasons[-1])
    return message


def _prose(minutes: float | None) -> str:
    return "—" if minutes is None else duration_text(minutes)


def _attempt_log(task: TaskRecord, addresses: dict[tuple[str, str], str]) -> str:
    lines = []
    for attempt in task.attempts:
        address = addresses.get((attempt.to, attempt.via))
        where = f" <{address}>" if address else ""
        outcome = _("ok") if attempt.ok else _("failed: {reason}").format(reason=attempt.reason)
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
        case = _("objective: {objective}").format(objective=describe_expectation(item.expect))
        out.append(f"    <testcase classname={_attr(name + '.objectives')} name={_attr(case)} time=\"0\">")
        if not item.ok:
            detail = item.detail or objective_word(False)
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
