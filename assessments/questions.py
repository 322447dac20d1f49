"""Between a `Question` and everything else: the snapshot an attempt takes (what is shown,
how it is graded), grading an answer against that snapshot, reading answers from forms and the
API, and converting to and from the plain question dicts the GIFT and Moodle XML formats use.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping
from decimal import Decimal

from assessments import grading
from assessments.models import Question, QuestionType

MAX_TEXT_ANSWER = 255


# ---- Snapshot ---------------------------------------------------------------------------


def snapshot(question: Question, *, rng: random.Random, shuffle: bool):
    """(display, key) for one question. `display` is all the page may carry; `key` stays on
    the server."""
    block = question.answer_block
    kind, value = block.block_type, block.value
    display = {
        "type": kind,
        "text": question.text,
        "image": question.image_id,
    }
    key = {
        "feedback_right": question.feedback_right,
        "feedback_wrong": question.feedback_wrong,
        "general_feedback": question.general_feedback,
    }
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        options = [
            {"id": item.id, "text": item.value["text"]}
            for item in value["options"].bound_blocks
        ]
        right = [
            item.id for item in value["options"].bound_blocks if item.value["correct"]
        ]
        key["options"] = [option["id"] for option in options]
        key["option_feedback"] = {
            item.id: item.value["feedback"]
            for item in value["options"].bound_blocks
            if item.value["feedback"]
        }
        key["right_answer"] = [o["text"] for o in options if o["id"] in right]
        if kind == QuestionType.SINGLE_CHOICE:
            key["correct"] = right[0]
        else:
            key["correct"] = right
            key["partial"] = bool(value["partial_credit"])
        display["options"] = _shuffled(options, rng, shuffle)
    elif kind == QuestionType.TRUE_FALSE:
        key["correct"] = value["correct"] == "true"
    elif kind == QuestionType.NUMERIC:
        ranges = [value, *value["also_accepted"]]
        key["ranges"] = [
            {"correct": str(r["value"]), "tolerance": str(r["tolerance"] or 0)}
            for r in ranges
        ]
        display["unit"] = value["unit"]
        key["right_answer"] = [_number_text(r) for r in key["ranges"]]
    elif kind == QuestionType.SHORT_TEXT:
        key["accepted"] = list(value["accepted"])
        key["case_sensitive"] = bool(value["case_sensitive"])
        key["right_answer"] = key["accepted"][:1]
    elif kind == QuestionType.MATCHING:
        pairs = [
            (item.id, item.value["prompt"], item.value["match"])
            for item in value["pairs"].bound_blocks
        ]
        # One choice per distinct match text, so two prompts may share an answer.
        choice_for_text = {}
        for pair_id, _prompt, match in pairs:
            choice_for_text.setdefault(grading.normalise_text(match), pair_id)
        key["pairs"] = {
            pair_id: choice_for_text[grading.normalise_text(match)]
            for pair_id, _prompt, match in pairs
        }
        key["partial"] = bool(value["partial_credit"])
        key["right_answer"] = [f"{prompt} → {match}" for _id, prompt, match in pairs]
        display["prompts"] = [{"id": pair_id, "text": p} for pair_id, p, _m in pairs]
        choices = [
            {"id": pair_id, "text": match}
            for pair_id, _p, match in pairs
            if choice_for_text[grading.normalise_text(match)] == pair_id
        ]
        display["choices"] = _shuffled(choices, rng, True)
    elif kind == QuestionType.ORDERING:
        items = [
            {"id": item.id, "text": item.value} for item in value["items"].bound_blocks
        ]
        key["order"] = [item["id"] for item in items]
        key["partial"] = bool(value["partial_credit"])
        key["right_answer"] = [item["text"] for item in items]
        display["items"] = _shuffled(items, rng, True, avoid_identity=True)
    else:  # pragma: no cover - the stream block allows no other type
        raise ValueError(f"unknown question type {kind!r}")
    return display, key


def _shuffled(items: list, rng: random.Random, shuffle: bool, avoid_identity=False):
    items = list(items)
    if not shuffle:
        return items
    original = list(items)
    rng.shuffle(items)
    if avoid_identity and len(items) > 1 and items == original:
        items = items[1:] + items[:1]  # an ordering question shown already in order
    return items


def _number_text(entry: Mapping) -> str:
    tolerance = Decimal(entry["tolerance"])
    return f"{entry['correct']} ± {tolerance}" if tolerance else entry["correct"]


# ---- Grading ----------------------------------------------------------------------------


def grade(kind: str, key: Mapping, answer) -> grading.Grade:
    """Grade an answer (as `read_answer` returns it) against a snapshot's key."""
    if answer is None:
        return grading.ZERO
    if kind == QuestionType.SINGLE_CHOICE:
        return grading.grade_single_choice(correct=key["correct"], answer=answer)
    if kind == QuestionType.MULTIPLE_CHOICE:
        return grading.grade_multiple_choice(
            correct=set(key["correct"]),
            options=set(key["options"]),
            answer=answer,
            partial=key.get("partial", True),
        )
    if kind == QuestionType.TRUE_FALSE:
        return grading.grade_true_false(correct=key["correct"], answer=answer)
    if kind == QuestionType.NUMERIC:
        return max(
            (
                grading.grade_numeric(
                    correct=r["correct"], tolerance=r["tolerance"], answer=answer
                )
                for r in key["ranges"]
            ),
            key=lambda g: g.score,
        )
    if kind == QuestionType.SHORT_TEXT:
        return grading.grade_short_text(
            accepted=key["accepted"],
            answer=answer,
            case_sensitive=key.get("case_sensitive", False),
        )
    if kind == QuestionType.MATCHING:
        return grading.grade_matching(
            pairs=key["pairs"], answer=answer, partial=key.get("partial", True)
        )
    if kind == QuestionType.ORDERING:
        return grading.grade_ordering(
            order=key["order"],
            answer=ordering_sequence(answer),
            partial=key.get("partial", True),
        )
    return grading.ZERO


def ordering_sequence(answer) -> list[str]:
    """An ordering answer is stored as {item id: position}; the grader wants the sequence.
    Positions that repeat or skip make the answer invalid (an empty sequence)."""
    if not isinstance(answer, Mapping):
        return []
    try:
        positions = {str(item): int(pos) for item, pos in answer.items()}
    except (TypeError, ValueError):
        return []
    if sorted(positions.values()) != list(range(1, len(positions) + 1)):
        return []
    return [item for item, _pos in sorted(positions.items(), key=lambda kv: kv[1])]


# ---- Reading answers --------------------------------------------------------------------


class InvalidAnswer(ValueError):
    """The answer does not fit the question (an option it does not have, for example)."""


def read_answer(display: Mapping, raw):
    """Turn what a form or API client sent into the stored answer for this question, or
    None for "no answer". Raises InvalidAnswer for values the question cannot take."""
    kind = display["type"]
    if raw in (None, "", [], {}):
        return None
    if kind == QuestionType.SINGLE_CHOICE:
        ids = {o["id"] for o in display["options"]}
        if str(raw) not in ids:
            raise InvalidAnswer("not one of the options")
        return str(raw)
    if kind == QuestionType.MULTIPLE_CHOICE:
        values = [raw] if isinstance(raw, str) else list(raw)
        ids = {o["id"] for o in display["options"]}
        chosen = [str(v) for v in values]
        if not set(chosen) <= ids:
            raise InvalidAnswer("not one of the options")
        return sorted(set(chosen)) or None
    if kind == QuestionType.TRUE_FALSE:
        value = grading._as_bool(raw)
        if value is None:
            raise InvalidAnswer("true or false")
        return value
    if kind in (QuestionType.NUMERIC, QuestionType.SHORT_TEXT):
        text = " ".join(str(raw).split())
        if len(text) > MAX_TEXT_ANSWER:
            raise InvalidAnswer("too long")
        return text or None
    if kind == QuestionType.MATCHING:
        if not isinstance(raw, Mapping):
            raise InvalidAnswer("a mapping of items to matches")
        prompts = {p["id"] for p in display["prompts"]}
        choices = {c["id"] for c in display["choices"]}
        chosen = {str(k): str(v) for k, v in raw.items() if v not in (None, "")}
        if not set(chosen) <= prompts or not set(chosen.values()) <= choices:
            raise InvalidAnswer("not one of the items or matches")
        return chosen or None
    if kind == QuestionType.ORDERING:
        items = [i["id"] for i in display["items"]]
        if isinstance(raw, list | tuple):  # the API may send the sequence itself
            raw = {str(item): index for index, item in enumerate(raw, start=1)}
        if not isinstance(raw, Mapping):
            raise InvalidAnswer("positions for the items")
        chosen = {}
        for item, pos in raw.items():
            if pos in (None, ""):
                continue
            try:
                chosen[str(item)] = int(pos)
            except (TypeError, ValueError):
                raise InvalidAnswer("positions are numbers") from None
        if not set(chosen) <= set(items) or not all(
            1 <= p <= len(items) for p in chosen.values()
        ):
            raise InvalidAnswer("not one of the items")
        return chosen or None
    raise InvalidAnswer("unknown question type")


def answer_label(display: Mapping, answer) -> str:
    """A short text for an answer, for item analysis and exports."""
    if answer in (None, "", [], {}):
        return ""
    kind = display["type"]
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        texts = {o["id"]: o["text"] for o in display["options"]}
        chosen = [answer] if isinstance(answer, str) else answer
        return " + ".join(texts.get(item, "?") for item in chosen)
    if kind == QuestionType.TRUE_FALSE:
        return "true" if answer else "false"
    if kind == QuestionType.NUMERIC:
        number = grading.parse_number(answer)
        return str(number.normalize()) if number is not None else str(answer)
    if kind == QuestionType.SHORT_TEXT:
        return grading.normalise_text(str(answer))
    if kind == QuestionType.MATCHING:
        prompts = {p["id"]: p["text"] for p in display["prompts"]}
        choices = {c["id"]: c["text"] for c in display["choices"]}
        return "; ".join(
            f"{prompts.get(p, '?')} → {choices.get(c, '?')}"
            for p, c in sorted(answer.items(), key=lambda kv: prompts.get(kv[0], ""))
        )
    if kind == QuestionType.ORDERING:
        texts = {i["id"]: i["text"] for i in display["items"]}
        sequence = ordering_sequence(answer)
        return (
            " › ".join(texts.get(item, "?") for item in sequence) if sequence else "?"
        )
    return str(answer)


def feedback_texts(item) -> list[str]:
    """The feedback for a graded attempt item: right or wrong, the chosen options', and
    the explanation."""
    key = item.key
    right = item.score is not None and item.score >= 1 - 1e-9
    texts = [key.get("feedback_right" if right else "feedback_wrong", "")]
    chosen = item.answer if isinstance(item.answer, list) else [item.answer]
    for option in chosen:
        texts.append(key.get("option_feedback", {}).get(str(option), ""))
    texts.append(key.get("general_feedback", ""))
    return [text for text in texts if text]


# ---- Import and export ------------------------------------------------------------------


def answer_stream_data(data: Mapping) -> list[dict]:
    """The `answer` StreamField value for a question dict from `assessments.formats`.
    Option weights become right (> 0) or wrong; multiple choice keeps partial credit."""
    kind = data["type"]

    def item(value):
        return {"type": "item", "value": value, "id": str(uuid.uuid4())}

    if kind in ("single_choice", "multiple_choice"):
        value = {
            "options": [
                item(
                    {
                        "text": option["text"],
                        "correct": option["weight"] > 0,
                        "feedback": option.get("feedback", ""),
                    }
                )
                for option in data["options"]
            ]
        }
        if kind == "multiple_choice":
            value["partial_credit"] = True
    elif kind == "true_false":
        value = {"correct": "true" if data["correct"] else "false"}
    elif kind == "numeric":
        value = {
            "value": str(data["correct"]),
            "tolerance": str(data.get("tolerance") or "0"),
            "unit": "",
            "also_accepted": [
                item({"value": str(a["correct"]), "tolerance": str(a["tolerance"])})
                for a in data.get("alternatives", [])
            ],
        }
    elif kind == "short_text":
        value = {
            "accepted": [item(text) for text in data["accepted"]],
            "case_sensitive": bool(data.get("case_sensitive")),
        }
    elif kind == "matching":
        value = {
            "pairs": [
                item({"prompt": left, "match": right})
                for left, right in data["pairs"].items()
            ],
            "partial_credit": True,
        }
    elif kind == "ordering":
        value = {
            "items": [item(text) for text in data["items"]],
            "partial_credit": True,
        }
    else:
        raise ValueError(f"question type {kind!r} is not supported")
    return [{"type": kind, "value": value, "id": str(uuid.uuid4())}]


def as_dict(question: Question) -> dict:
    """A question as the plain dict `assessments.formats` write out."""
    block = question.answer_block
    kind, value = block.block_type, block.value
    data = {
        "type": kind,
        "title": question.title,
        "text": question.text,
        "general_feedback": question.general_feedback,
    }
    if kind in ("single_choice", "multiple_choice"):
        options = list(value["options"])
        right = [o for o in options if o["correct"]]
        wrong = [o for o in options if not o["correct"]]
        partial = kind == "multiple_choice" and value["partial_credit"]
        data["options"] = [
            {
                "id": str(index),
                "text": o["text"],
                # Moodle adds fractions and stops at zero: the same rule as our grader.
                "weight": (1 / len(right))
                if o["correct"]
                else (-1 / len(wrong) if partial else 0.0),
                "feedback": o["feedback"],
            }
            for index, o in enumerate(options, start=1)
        ]
        data["correct"] = [
            str(i) for i, o in enumerate(options, start=1) if o["correct"]
        ]
    elif kind == "true_false":
        data["correct"] = value["correct"] == "true"
        data["feedback"] = (
            question.feedback_right if data["correct"] else question.feedback_wrong
        )
    elif kind == "numeric":
        data["correct"] = str(value["value"])
        data["tolerance"] = str(value["tolerance"] or 0)
        data["alternatives"] = [
            {"correct": str(a["value"]), "tolerance": str(a["tolerance"] or 0)}
            for a in value["also_accepted"]
        ]
    elif kind == "short_text":
        data["accepted"] = list(value["accepted"])
        data["case_sensitive"] = bool(value["case_sensitive"])
    elif kind == "matching":
        data["pairs"] = {p["prompt"]: p["match"] for p in value["pairs"]}
    elif kind == "ordering":
        data["items"] = list(value["items"])
    return data
