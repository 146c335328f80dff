"""Answers files for a headless walkthrough (``drill train SCENARIO --answers FILE``).

A grader, a test or a trainee who prefers an editor writes the walkthrough's
answers as a YAML list, consumed in order::

    - choice: 1                                  # an ask: the 1-based choice
    - contact: {to: pref, via: landline}         # an act: one attempt
    - give_up: true                              # an act: stop, undelivered

This module only checks the shape of each answer and remembers where it is in
the file; whether an answer fits the step it meets is the walkthrough's
business (:mod:`drill.training`), which reports a misfit at the answer's line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drill.i18n import _
from drill.loading.reader import Reader
from drill.loading.yamlnodes import Node, load_yaml, parse_yaml
from drill.model.errors import Location, PlanError

ANSWER_KINDS = ("choice", "contact", "give_up")
CONTACT_KEYS = ("to", "via")


@dataclass(frozen=True)
class Answer:
    """One answer of a trainee.

    ``kind`` is ``choice`` (``choice`` holds the 1-based number), ``contact``
    (``to`` and ``via``) or ``give_up``.
    """

    kind: str
    choice: int | None = None
    to: str | None = None
    via: str | None = None
    location: Location | None = field(default=None, compare=False)

    def describe(self) -> str:
        if self.kind == "choice":
            return _("choice {number}").format(number=self.choice)
        if self.kind == "contact":
            return _("a contact to {party} via {channel}").format(party=self.to, channel=self.via)
        return "give_up"


def load_answers(path: str) -> list[Answer]:
    """Read an answers file; raise PlanError with every problem and its place."""
    return answers_from_node(load_yaml(path), path)


def parse_answers(text: str, path: str = "<answers>") -> list[Answer]:
    return answers_from_node(parse_yaml(text, path), path)


def answers_from_node(root: Node, path: str) -> list[Answer]:
    reader = Reader()
    if root.kind != "seq":
        reader.error(root, _("an answers file is a list of answers such as '- choice: 1', "
                             "'- contact: {{to: PARTY, via: CHANNEL}}' or '- give_up: true', "
                             "not {found}").format(found=root.describe()))
        raise PlanError(reader.problems)
    answers: list[Answer] = []
    for item in root.children:
        answer = _answer(reader, item)
        if answer is not None:
            answers.append(answer)
    if reader.problems:
        raise PlanError(reader.problems)
    return answers


def _answer(reader: Reader, item: Node) -> Answer | None:
    fields = reader.mapping(item, _("an answer"), ANSWER_KINDS)
    if item.kind != "map":
        return None
    kinds = [k for k in ANSWER_KINDS if k in fields]
    if len(kinds) != 1:
        if len(kinds) > 1 or not item.items:
            reader.error(item, _("an answer needs exactly one of choice, contact or give_up"))
        return None
    kind = kinds[0]
    node = fields[kind]
    if kind == "choice":
        number = reader.integer(node, "choice", 0, minimum=1)
        return Answer("choice", choice=number, location=item.location) if number else None
    if kind == "give_up":
        if node.kind != "scalar" or node.value is not True:
            reader.error(node, _("give_up takes true, not {found}").format(found=node.describe()))
            return None
        return Answer("give_up", location=item.location)
    contact = reader.mapping(node, "contact", CONTACT_KEYS, CONTACT_KEYS)
    to = reader.identifier(contact.get("to"), "to")
    via = reader.identifier(contact.get("via"), "via")
    if to is None or via is None:
        return None
    return Answer("contact", to=to, via=via, location=item.location)


__all__ = ["Answer", "answers_from_node", "load_answers", "parse_answers"]
