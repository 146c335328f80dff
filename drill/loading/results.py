"""Trainee result files (``drill train --trainee NAME --out RESULT.json``) for ``drill scores``.

A result is JSON; it is first checked as strict JSON (a syntax error names its
line and column), then read as nodes so that every missing or mistyped field
is reported at ``file:line:column`` like any other input of drill.  Only the
fields the class view needs are read; the rest of the document is ignored.

Bounded like every input: a regular file of at most :data:`MAX_RESULT_BYTES`;
its values counted (brackets, commas and colons) and its nesting measured
before anything parses it, so neither ``[{},{},…]`` nor ten thousand ``[``
costs more than a scan; numbers are not converted by the syntax check (an
integer of thousands of digits is a problem at its place, never a traceback);
the characters and types of every field checked as YAML's are.
"""

from __future__ import annotations

import json
import re

from drill.i18n import _
from drill.loading.reader import Reader
from drill.loading.yamlnodes import (
    MAX_FILE_BYTES,
    MAX_NODES,
    Node,
    cap_problems,
    check_depth,
    parse_yaml,
    read_text,
)
from drill.model.classroom import (
    ResultAct,
    ResultAttempt,
    ResultDelivery,
    ResultQuestion,
    TraineeResult,
)
from drill.model.errors import Location, PlanError, Problem

SCORE_KEYS = ("questions", "correct", "acts", "delivered", "on_time")
_BIG = 1e12

#: Largest result file: a walkthrough of a national drill is well under a megabyte.
MAX_RESULT_BYTES = MAX_FILE_BYTES

#: Most values (counted from brackets, commas and colons) of a result: the node cap of every document.
MAX_RESULT_VALUES = MAX_NODES

_VALUE_MARKS = re.compile(r"[{\[,:]")
_DECODER = json.JSONDecoder(parse_int=len, parse_float=len, parse_constant=len)  # syntax only


def load_result(path: str) -> TraineeResult:
    """Read one result file; raise PlanError with every problem and its place."""
    return load_results([path])[0]


def _load(path: str, problems: list[Problem]) -> TraineeResult | None:
    """One result file, its problems added to ``problems`` (not yet capped)."""
    try:
        text = read_text(path, max_bytes=MAX_RESULT_BYTES, kind="JSON")
        _check_json(text, path)
        root = parse_yaml(text, path)
    except PlanError as error:
        problems.extend(error.problems)
        return None
    reader = Reader()
    result = _result(reader, root, path)
    problems.extend(reader.problems)
    return None if reader.problems else result


def _check_json(text: str, path: str) -> None:
    """Strict JSON of a bounded size, or a PlanError at ``path:line:column``."""
    if sum(text.count(mark) for mark in "{[,:") >= MAX_RESULT_VALUES:
        offset = next(m.start() for i, m in enumerate(_VALUE_MARKS.finditer(text)) if i + 1 >= MAX_RESULT_VALUES)
        raise PlanError([Problem(_location(path, text, offset), _(
            "the JSON has more than {limit} values (brackets, commas and colons counted); drill reads "
            "trainee results up to that").format(limit=MAX_RESULT_VALUES))])
    check_depth(text, path)
    try:
        _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise PlanError([Problem(Location(path, exc.lineno, exc.colno),
                                 _("is not valid JSON: {error}").format(error=exc.msg))]) from None


def _location(path: str, text: str, offset: int) -> Location:
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)


def load_results(paths: list[str]) -> list[TraineeResult]:
    """Every file, with the problems of all of them together (at most a screenful, then counted)."""
    problems: list[Problem] = []
    out = [_load(path, problems) for path in paths]
    if problems:
        raise PlanError(cap_problems(problems))
    return [result for result in out if result is not None]


def _result(reader: Reader, root: Node, path: str) -> TraineeResult | None:
    if root.kind != "map":
        reader.error(root, _("a trainee result is a JSON object, not {what}").format(what=root.describe()))
        return None
    fields = root.items
    if "trainee" not in fields:
        reader.error(root, _("not a trainee result: it has no \"trainee\"; save one with "
                             "drill train SCENARIO --trainee NAME --out RESULT.json"))
        return None
    for key in ("scenario", "plan", "steps", "score"):
        if key not in fields:
            reader.error(root, _("a trainee result needs \"{key}\"").format(key=key))
    if reader.problems:
        return None
    trainee = reader.identifier(fields["trainee"][1], "trainee")
    scenario = reader.identifier(fields["scenario"][1], "scenario")
    plan = reader.string(fields["plan"][1], "plan")
    start = reader.string(fields["start"][1], "start", "") if "start" in fields else ""
    end = reader.number(fields["end"][1], "end", 0, _BIG) if "end" in fields else 0.0
    score = _score(reader, fields["score"][1])
    questions: list[ResultQuestion] = []
    acts: list[ResultAct] = []
    steps = fields["steps"][1]
    if steps.kind != "seq":
        reader.error(steps, _("\"steps\" must be a list, not {what}").format(what=steps.describe()))
    else:
        for item in steps.children:
            _step(reader, item, questions, acts)
    if trainee is None or scenario is None or plan is None or score is None:
        return None
    return TraineeResult(path=path, trainee=trainee, scenario=scenario, plan=plan, start=start or "",
                         score=score, questions=tuple(questions), acts=tuple(acts), end=end or 0.0)


def _score(reader: Reader, node: Node) -> dict[str, int] | None:
    fields = reader.mapping(node, "score", SCORE_KEYS, SCORE_KEYS)
    if node.kind != "map" or len(fields) != len(SCORE_KEYS):
        return None
    return {key: reader.integer(fields[key], f"score.{key}", 0, minimum=0) for key in SCORE_KEYS}


def _time(reader: Reader, fields: dict[str, tuple[Node, Node]], key: str, what: str) -> float | None:
    if key not in fields or fields[key][1].is_null:
        return None
    return reader.number(fields[key][1], what, 0, _BIG)


def _step(reader: Reader, item: Node, questions: list[ResultQuestion], acts: list[ResultAct]) -> None:
    if item.kind != "map" or "kind" not in item.items:
        reader.error(item, _("each step needs a \"kind\" (say, ask or act)"))
        return
    fields = item.items
    kind = reader.string(fields["kind"][1], "kind")
    if kind == "ask":
        correct_node = fields.get("correct", (item, Node("scalar", item.location)))[1]
        correct = None if correct_node.is_null else reader.boolean(correct_node, "correct")
        answer_node = fields.get("answer")
        answer = reader.integer(answer_node[1], "answer", 0, minimum=1) if answer_node else None
        why = reader.string(fields["why"][1], "why") if "why" in fields and not fields["why"][1].is_null else None
        questions.append(ResultQuestion(text=reader.string(fields.get("text", (item, item))[1], "text", "") or "",
                                        correct=correct, answer=answer, why=why))
    elif kind == "act":
        acts.append(_act(reader, item))


def _act(reader: Reader, item: Node) -> ResultAct:
    fields = item.items
    attempts = []
    for node in _list(reader, fields, "attempts"):
        f = node.items if node.kind == "map" else {}
        if node.kind != "map" or not all(k in f for k in ("to", "via", "start", "end", "ok")):
            reader.error(node, _("an attempt needs to, via, start, end and ok"))
            continue
        reason = f.get("reason")
        attempts.append(ResultAttempt(
            to=reader.string(f["to"][1], "to", "") or "", via=reader.string(f["via"][1], "via", "") or "",
            start=reader.number(f["start"][1], "start", 0, _BIG) or 0.0,
            end=reader.number(f["end"][1], "end", 0, _BIG) or 0.0, ok=reader.boolean(f["ok"][1], "ok"),
            reason=reader.string(reason[1], "reason") if reason and not reason[1].is_null else None))
    tasks = []
    for node in _list(reader, fields, "tasks"):
        f = node.items if node.kind == "map" else {}
        if node.kind != "map" or "to" not in f:
            reader.error(node, _("a task needs \"to\""))
            continue
        tasks.append(ResultDelivery(to=reader.string(f["to"][1], "to", "") or "",
                                    at=_time(reader, f, "at", "at"), plan_at=_time(reader, f, "plan_at", "plan_at")))
    step = reader.string(fields["step"][1], "step", "") if "step" in fields else ""
    if not step:
        reader.error(item, _("an act step needs \"step\""))
    gave_up = fields.get("gave_up")
    return ResultAct(step=step or "", clock=_time(reader, fields, "clock", "clock") or 0.0,
                     at=_time(reader, fields, "at", "at"), plan_at=_time(reader, fields, "plan_at", "plan_at"),
                     within=_time(reader, fields, "within", "within"),
                     gave_up=reader.boolean(gave_up[1], "gave_up") if gave_up else False,
                     attempts=tuple(attempts), tasks=tuple(tasks))


def _list(reader: Reader, fields: dict[str, tuple[Node, Node]], key: str) -> list[Node]:
    if key not in fields:
        return []
    node = fields[key][1]
    if node.kind != "seq":
        reader.error(node, _("\"{key}\" must be a list, not {what}").format(key=key, what=node.describe()))
        return []
    return node.children


__all__ = ["load_result", "load_results"]
