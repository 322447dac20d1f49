"""Moodle's GIFT format: read questions from the files trainers already have, and write them
back. Produces plain dictionaries in the shape `assessments.grading` grades, plus a list of
what could not be read and why, so an import can report instead of failing.

Supported: true/false, single choice, multiple choice with weights, short answer, numeric
(value:tolerance, min..max, several answers), matching, feedback (#), general feedback
(####), titles (::title::) and comments (//). Essays and missing-word questions (text after
the answer block) are reported as not supported.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

_ESCAPES = {
    r"\~": "\x01",
    r"\=": "\x02",
    r"\#": "\x03",
    r"\{": "\x04",
    r"\}": "\x05",
    r"\:": "\x06",
}
_UNESCAPE = {v: k[1] for k, v in _ESCAPES.items()}


@dataclass
class Problem:
    number: int  # 1-based position of the question in the file
    title: str
    reason: str


@dataclass
class GiftResult:
    questions: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# Question types GIFT can express (it has no ordering questions).
TYPES = {
    "single_choice",
    "multiple_choice",
    "true_false",
    "numeric",
    "short_text",
    "matching",
}


def parse(text: str) -> GiftResult:
    result = GiftResult()
    topic = ""
    number = 0
    for block in _blocks(text):
        first, _newline, rest = block.partition("\n")
        if first.strip().upper().startswith("$CATEGORY:"):
            topic = _topic(first.split(":", 1)[1])
            block = rest.strip()
            if not block:
                continue
        number += 1
        title, body = _title(block)
        is_html = body.lstrip().lower().startswith("[html]")
        try:
            question = _question(body)
            if is_html:
                question = _without_html(question)
        except ValueError as error:
            result.problems.append(Problem(number, title or _shorten(body), str(error)))
            continue
        question["title"] = _clean(title) if title else _shorten(question["text"])
        if topic:
            question["topic"] = topic
        result.questions.append(question)
    return result


_BLOCK_TAGS = re.compile(r"</?(p|div|br|li|ul|ol|h\d|tr|td|table)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")


def html_to_text(value: str) -> str:
    """Questions keep plain text: HTML from Moodle loses its tags, keeps its words."""
    text = _TAGS.sub("", _BLOCK_TAGS.sub(" ", value))
    return " ".join(html.unescape(text).split())


def _without_html(value):
    if isinstance(value, str):
        return html_to_text(value)
    if isinstance(value, list):
        return [_without_html(item) for item in value]
    if isinstance(value, dict):
        return {
            _without_html(key) if isinstance(key, str) else key: _without_html(item)
            for key, item in value.items()
        }
    return value


def _topic(path: str) -> str:
    """`$course$/top/Food safety/HACCP` → "HACCP": the category a question sits in."""
    parts = [p.strip() for p in _clean(path).split("/") if p.strip()]
    parts = [p for p in parts if not p.startswith("$") and p != "top"]
    return parts[-1][:100] if parts else ""


def _blocks(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    for escape, marker in _ESCAPES.items():
        text = text.replace(escape, marker)
    lines = [line for line in text.split("\n") if not line.lstrip().startswith("//")]
    blocks, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current).strip())
            current = []
    return blocks


def _title(block: str) -> tuple[str, str]:
    match = re.match(r"^::(.*?)::(.*)$", block, re.S)
    return (match.group(1).strip(), match.group(2).strip()) if match else ("", block)


def _question(body: str) -> dict:
    body = re.sub(r"^\[(html|moodle|plain|markdown)\]", "", body).strip()
    if (
        body.count("{") != 1
        or body.count("}") != 1
        or body.index("{") > body.index("}")
    ):
        raise ValueError("needs exactly one answer block in { }")
    stem, rest = body.split("{", 1)
    answers, after = rest.split("}", 1)
    if after.strip():
        raise ValueError(
            "missing-word questions (text after the answers) are not supported"
        )
    answers, general = _split_general_feedback(answers)
    question = {"text": _clean(stem), "general_feedback": _clean(general)}
    content = answers.strip()
    if not content:
        raise ValueError("essay questions are not supported")
    if re.fullmatch(r"(T|TRUE|F|FALSE)(\s*#.*)?", content, re.S | re.I):
        value, _hash, feedback = content.partition("#")
        return {
            **question,
            "type": "true_false",
            "correct": value.strip().upper().startswith("T"),
            "feedback": _clean(feedback),
        }
    if content.startswith("#"):
        return {**question, **_numeric(content[1:])}
    items = _items(content)
    if items and all(kind == "=" and "->" in text for kind, text, _w, _f in items):
        pairs = {}
        for _kind, text, _weight, _feedback in items:
            left, right = (part.strip() for part in text.split("->", 1))
            pairs[_clean(left)] = _clean(right)
        return {**question, "type": "matching", "pairs": pairs}
    if all(kind == "=" for kind, *_ in items):
        return {
            **question,
            "type": "short_text",
            "accepted": [_clean(t) for _k, t, _w, _f in items],
        }
    options = [
        {
            "id": str(index),
            "text": _clean(text),
            "weight": _option_weight(kind, weight),
            "feedback": _clean(feedback),
        }
        for index, (kind, text, weight, feedback) in enumerate(items, start=1)
    ]
    right = [option["id"] for option in options if option["weight"] > 0]
    if not right:
        raise ValueError("no answer is marked right (= or a positive %weight%)")
    single = sum(1 for kind, *_ in items if kind == "=") == 1 and len(right) == 1
    return {
        **question,
        "type": "single_choice" if single else "multiple_choice",
        "options": options,
        "correct": right,
    }


def _split_general_feedback(answers: str) -> tuple[str, str]:
    if "####" in answers:
        answers, general = answers.split("####", 1)
        return answers, general
    return answers, ""


def _items(content: str) -> list[tuple[str, str, str, str]]:
    """(kind "=" or "~", text, weight, feedback) for each answer."""
    parts = re.split(r"(?=[=~])", content)
    items = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        kind, text = part[0], part[1:].strip()
        weight = ""
        match = re.match(r"^%(-?\d+(?:\.\d+)?)%(.*)$", text, re.S)
        if match:
            weight, text = match.group(1), match.group(2).strip()
        text, _hash, feedback = text.partition("#")
        if not text.strip():
            raise ValueError("an answer is empty")
        items.append((kind, text.strip(), weight, feedback.strip()))
    if not items:
        raise ValueError("no answers found")
    return items


def _option_weight(kind: str, weight: str) -> float:
    if weight:
        return float(weight) / 100
    return 1.0 if kind == "=" else 0.0


def _numeric(content: str) -> dict:
    content = content.strip()
    answers = (
        [a.strip() for a in re.split(r"(?==)", content) if a.strip()]
        if content.startswith("=")
        else [content]
    )
    ranges = []
    for answer in answers:
        answer = answer.lstrip("=").strip()
        answer = re.sub(r"^%-?\d+(?:\.\d+)?%", "", answer)
        answer, _hash, _feedback = answer.partition("#")
        answer = answer.strip()
        try:
            if ".." in answer:
                low, high = (Decimal(x) for x in answer.split("..", 1))
                ranges.append(
                    {
                        "correct": str((low + high) / 2),
                        "tolerance": str((high - low) / 2),
                    }
                )
            else:
                value, _colon, tolerance = answer.replace("\x06", ":").partition(":")
                ranges.append(
                    {
                        "correct": str(Decimal(value)),
                        "tolerance": str(Decimal(tolerance or "0")),
                    }
                )
        except InvalidOperation:
            raise ValueError(f"not a number: {answer!r}") from None
    return {"type": "numeric", **ranges[0], "alternatives": ranges[1:]}


def _clean(text: str) -> str:
    text = " ".join(text.split())
    for marker, char in _UNESCAPE.items():
        text = text.replace(marker, char)
    return text


def _shorten(text: str, length: int = 60) -> str:
    text = _clean(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def dump(questions: list[dict]) -> str:
    """Write questions (the shapes `parse` returns) back as GIFT."""
    out = []
    topic = ""
    for question in questions:
        if question.get("topic", "") != topic:
            topic = question.get("topic", "")
            out.append(
                f"$CATEGORY: $course$/top/{topic}"
                if topic
                else "$CATEGORY: $course$/top"
            )
        head = f"::{_escape(question.get('title', ''))}::{_escape(question['text'])} "
        kind = question["type"]
        if kind == "true_false":
            body = "TRUE" if question["correct"] else "FALSE"
            if question.get("feedback"):
                body += f"#{_escape(question['feedback'])}"
        elif kind == "numeric":
            ranges = [question, *question.get("alternatives", [])]
            if len(ranges) == 1:
                body = f"#{question['correct']}:{question.get('tolerance', '0')}"
            else:
                body = "#" + " ".join(
                    f"={r['correct']}:{r.get('tolerance', '0')}" for r in ranges
                )
        elif kind == "short_text":
            body = " ".join(f"={_escape(text)}" for text in question["accepted"])
        elif kind == "matching":
            body = " ".join(
                f"={_escape(a)} -> {_escape(b)}" for a, b in question["pairs"].items()
            )
        else:
            single = kind == "single_choice"
            parts = []
            for option in question["options"]:
                weight = option["weight"]
                if single:
                    mark = "=" if weight > 0 else "~"
                else:
                    mark = f"~%{_percent(weight)}%"
                feedback = (
                    f"#{_escape(option['feedback'])}" if option.get("feedback") else ""
                )
                parts.append(f"{mark}{_escape(option['text'])}{feedback}")
            body = " ".join(parts)
        general = (
            f"####{_escape(question['general_feedback'])}"
            if question.get("general_feedback")
            else ""
        )
        out.append(f"{head}{{{body}{general}}}")
    return "\n\n".join(out) + "\n"


def _percent(weight: float) -> str:
    value = round(weight * 100, 5)
    return str(int(value)) if value == int(value) else str(value)


def _escape(text: str) -> str:
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text
