"""Moodle XML question files: read them into the same question dicts as GIFT (see
`assessments.formats.gift`), report what cannot be read, and write them back.

Documents with a DOCTYPE are refused before parsing, so no entity tricks (billion laughs,
external entities) reach the parser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation

from assessments.formats.gift import GiftResult, Problem, html_to_text


def parse(data: bytes | str) -> GiftResult:
    result = GiftResult()
    text = (
        data.decode("utf-8-sig", errors="strict") if isinstance(data, bytes) else data
    )
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.I):
        result.problems.append(
            Problem(0, "", "files with a DOCTYPE or entities are refused")
        )
        return result
    try:
        root = ET.fromstring(text)  # noqa: S314 - DOCTYPE and entities refused above
    except ET.ParseError as error:
        result.problems.append(Problem(0, "", f"not well-formed XML: {error}"))
        return result
    if root.tag != "quiz":
        result.problems.append(Problem(0, "", "the root element must be <quiz>"))
        return result
    number = 0
    topic = ""
    for element in root.findall("question"):
        kind = element.get("type", "")
        if kind == "category":
            topic = _topic(_text(element.find("category")))
            continue
        number += 1
        title = _text(element.find("name"))
        try:
            question = _question(kind, element)
        except ValueError as error:
            result.problems.append(Problem(number, title, str(error)))
            continue
        question["title"] = title or question["text"][:60]
        if topic:
            question["topic"] = topic
        result.questions.append(question)
    return result


def _topic(path: str) -> str:
    """`$course$/top/Food safety/HACCP` → "HACCP": the category a question sits in."""
    parts = [p.strip() for p in path.split("/") if p.strip()]
    parts = [p for p in parts if not p.startswith("$") and p != "top"]
    return parts[-1][:100] if parts else ""


def _question(kind: str, element) -> dict:
    base = {
        "text": _plain(_text(element.find("questiontext"))),
        "general_feedback": _plain(_text(element.find("generalfeedback"))),
    }
    answers = [
        {
            "text": _plain(_text(answer)),
            "fraction": _fraction(answer.get("fraction", "0")),
            "feedback": _plain(_text(answer.find("feedback"))),
            "tolerance": (answer.findtext("tolerance") or "0").strip(),
        }
        for answer in element.findall("answer")
    ]
    if kind == "truefalse":
        right = [a for a in answers if a["fraction"] > 0]
        if not right or right[0]["text"].lower() not in {"true", "false"}:
            raise ValueError(
                "a true/false question needs a right answer of true or false"
            )
        return {
            **base,
            "type": "true_false",
            "correct": right[0]["text"].lower() == "true",
            "feedback": right[0]["feedback"],
        }
    if kind == "shortanswer":
        accepted = [a["text"] for a in answers if a["fraction"] >= 1 and a["text"]]
        if not accepted:
            raise ValueError("no accepted answer with full marks")
        case = (element.findtext("usecase") or "0").strip() == "1"
        return {
            **base,
            "type": "short_text",
            "accepted": accepted,
            "case_sensitive": case,
        }
    if kind == "numerical":
        ranges = []
        for answer in sorted(answers, key=lambda a: -a["fraction"]):
            try:
                ranges.append(
                    {
                        "correct": str(Decimal(answer["text"])),
                        "tolerance": str(Decimal(answer["tolerance"] or "0")),
                    }
                )
            except InvalidOperation:
                raise ValueError(f"not a number: {answer['text']!r}") from None
        if not ranges:
            raise ValueError("no numeric answer")
        return {**base, "type": "numeric", **ranges[0], "alternatives": ranges[1:]}
    if kind == "matching":
        pairs = {}
        for sub in element.findall("subquestion"):
            left = _plain(_text(sub))
            right = _plain(_text(sub.find("answer")))
            if left and right:
                pairs[left] = right
        if len(pairs) < 2:
            raise ValueError("a matching question needs at least two pairs")
        return {**base, "type": "matching", "pairs": pairs}
    if kind == "multichoice":
        options = [
            {
                "id": str(index),
                "text": a["text"],
                "weight": a["fraction"],
                "feedback": a["feedback"],
            }
            for index, a in enumerate(answers, start=1)
        ]
        right = [o["id"] for o in options if o["weight"] > 0]
        if not right:
            raise ValueError("no answer has a positive fraction")
        single = (element.findtext("single") or "true").strip().lower() in {"true", "1"}
        return {
            **base,
            "type": "single_choice" if single else "multiple_choice",
            "options": options,
            "correct": right,
        }
    if kind == "ordering":
        # qtype_ordering lists the items in the right order (its fractions number them).
        ranked = sorted(
            enumerate(answers), key=lambda pair: (_rank(pair[1]["fraction"]), pair[0])
        )
        items = [answer["text"] for _index, answer in ranked if answer["text"]]
        if len(items) < 2:
            raise ValueError("an ordering question needs at least two items")
        return {**base, "type": "ordering", "items": items}
    raise ValueError(f"question type {kind!r} is not supported")


def _rank(fraction: float) -> float:
    return fraction if fraction > 0 else 0.0


def _text(node) -> str:
    if node is None:
        return ""
    child = node.find("text")
    return (child.text if child is not None else node.text) or ""


def _plain(value: str) -> str:
    """Moodle stores HTML; questions here keep plain text."""
    return html_to_text(value)


def _fraction(value: str) -> float:
    try:
        return float(value) / 100
    except ValueError:
        return 0.0


def dump(questions: list[dict]) -> str:
    """Write questions (the dicts `parse` returns) as a Moodle XML document."""
    quiz = ET.Element("quiz")
    topic = ""
    for question in questions:
        if question.get("topic", "") != topic:
            topic = question.get("topic", "")
            category = ET.SubElement(quiz, "question", type="category")
            _add_text(category, "category", f"$course$/top/{topic}".rstrip("/"))
        kind = question["type"]
        element = ET.SubElement(quiz, "question", type=_MOODLE_TYPE[kind])
        _add_text(element, "name", question.get("title", ""))
        _add_text(element, "questiontext", question["text"], format="plain_text")
        if question.get("general_feedback"):
            _add_text(
                element,
                "generalfeedback",
                question["general_feedback"],
                format="plain_text",
            )
        if kind == "true_false":
            for value in (True, False):
                answer = _answer(
                    element,
                    "true" if value else "false",
                    100 if value is question["correct"] else 0,
                )
                if value is question["correct"] and question.get("feedback"):
                    _add_text(answer, "feedback", question["feedback"])
        elif kind == "short_text":
            ET.SubElement(element, "usecase").text = (
                "1" if question.get("case_sensitive") else "0"
            )
            for accepted in question["accepted"]:
                _answer(element, accepted, 100)
        elif kind == "numeric":
            for index, entry in enumerate(
                [question, *question.get("alternatives", [])]
            ):
                answer = _answer(element, entry["correct"], 100 if index == 0 else 50)
                ET.SubElement(answer, "tolerance").text = entry.get("tolerance", "0")
        elif kind == "ordering":
            ET.SubElement(element, "layouttype").text = "VERTICAL"
            ET.SubElement(element, "selecttype").text = "ALL"
            ET.SubElement(element, "selectcount").text = "0"
            ET.SubElement(element, "gradingtype").text = "RELATIVE_NEXT_EXCLUDE_LAST"
            for position, text in enumerate(question["items"], start=1):
                _answer(element, text, position)
        elif kind == "matching":
            for left, right in question["pairs"].items():
                sub = ET.SubElement(element, "subquestion", format="plain_text")
                ET.SubElement(sub, "text").text = left
                _add_text(sub, "answer", right)
        else:
            ET.SubElement(element, "single").text = (
                "true" if kind == "single_choice" else "false"
            )
            for option in question["options"]:
                answer = _answer(element, option["text"], _percent(option["weight"]))
                if option.get("feedback"):
                    _add_text(answer, "feedback", option["feedback"])
    ET.indent(quiz)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ET.tostring(quiz, encoding="unicode")
        + "\n"
    )


_MOODLE_TYPE = {
    "true_false": "truefalse",
    "short_text": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "ordering": "ordering",
    "single_choice": "multichoice",
    "multiple_choice": "multichoice",
}


def _add_text(parent, tag: str, value: str, **attrs):
    node = ET.SubElement(parent, tag, **attrs)
    ET.SubElement(node, "text").text = value
    return node


def _answer(parent, text: str, fraction) -> ET.Element:
    answer = ET.SubElement(
        parent, "answer", fraction=str(fraction), format="plain_text"
    )
    ET.SubElement(answer, "text").text = text
    return answer


def _percent(weight: float):
    value = round(weight * 100, 5)
    return int(value) if value == int(value) else value
