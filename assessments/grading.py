"""Server-side grading of every question type, as pure functions.

The quiz models (next step of the assessments issue) store each question's key as plain
data; these functions turn a participant's answer into a score between 0 and 1. Nothing here
touches the database, so every rule can be tested on its own and reused by import, attempts
and item analysis alike.

Answers arrive from forms and the API, so every grader accepts missing or malformed input and
scores it 0 rather than raising.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True)
class Grade:
    """The result of grading one answer: `score` is a fraction of the question's points."""

    score: float
    correct: bool

    @classmethod
    def of(cls, score: float) -> Grade:
        score = max(0.0, min(1.0, score))
        return cls(score=round(score, 6), correct=math.isclose(score, 1.0))


ZERO = Grade(0.0, False)


def grade_single_choice(*, correct: str, answer) -> Grade:
    """One option is right. `answer` is the chosen option's id."""
    return Grade.of(1.0) if answer is not None and str(answer) == str(correct) else ZERO


def grade_true_false(*, correct: bool, answer) -> Grade:
    """`answer` may be a bool or the strings a form sends ("true"/"false", "1"/"0")."""
    value = _as_bool(answer)
    return ZERO if value is None else Grade.of(1.0 if value is correct else 0.0)


def grade_multiple_choice(
    *, correct: set[str], options: set[str], answer, partial: bool = True
) -> Grade:
    """Several options may be right. With partial credit (Moodle's rule), each right option
    chosen earns 1/(number right) and each wrong option chosen costs 1/(number wrong), never
    below zero; choosing everything therefore earns nothing. Without it, only the exact set
    scores."""
    chosen = {str(item) for item in _as_list(answer)} & {str(o) for o in options}
    right = {str(item) for item in correct}
    if not chosen or not right:
        return ZERO
    if not partial:
        return Grade.of(1.0 if chosen == right else 0.0)
    wrong = {str(o) for o in options} - right
    gained = len(chosen & right) / len(right)
    lost = len(chosen - right) / len(wrong) if wrong else 0.0
    return Grade.of(gained - lost)


def grade_numeric(
    *, correct: Decimal | float | str, tolerance: Decimal | float | str = 0, answer
) -> Grade:
    """A number within ± tolerance of the right value. Accepts a decimal comma ("12,5"),
    commas and spaces as thousands separators ("1,250", "1 250") as people type them."""
    value = parse_number(answer)
    if value is None:
        return ZERO
    target = Decimal(str(correct))
    margin = abs(Decimal(str(tolerance)))
    return Grade.of(1.0 if abs(value - target) <= margin else 0.0)


def grade_short_text(
    *, accepted: list[str], answer, case_sensitive: bool = False
) -> Grade:
    """Right if the answer matches one of the accepted answers, after Unicode normalisation
    (so Sinhala or Khmer typed on different keyboards compare equal) and with white space
    collapsed. Case is ignored unless the question says otherwise."""
    if answer is None:
        return ZERO
    given = normalise_text(str(answer), case_sensitive=case_sensitive)
    if not given:
        return ZERO
    keys = {normalise_text(text, case_sensitive=case_sensitive) for text in accepted}
    return Grade.of(1.0 if given in keys else 0.0)


def grade_matching(*, pairs: dict[str, str], answer, partial: bool = True) -> Grade:
    """Match each prompt to its answer. `answer` maps prompt ids to chosen answer ids; with
    partial credit, each right pair earns an equal share."""
    chosen = answer if isinstance(answer, dict) else {}
    if not pairs:
        return ZERO
    right = sum(
        1 for prompt, key in pairs.items() if str(chosen.get(prompt, "")) == str(key)
    )
    if not partial:
        return Grade.of(1.0 if right == len(pairs) else 0.0)
    return Grade.of(right / len(pairs))


def grade_ordering(*, order: list[str], answer, partial: bool = True) -> Grade:
    """Put items in order. With partial credit, each pair of neighbours that the answer keeps
    in the right sequence earns a share (Moodle's "relative to the next item"), so one item
    out of place does not cost every point. An answer that is not a reordering of exactly the
    question's items scores 0."""
    given = [str(item) for item in _as_list(answer)]
    items = [str(item) for item in order]
    if len(items) < 2 or sorted(given) != sorted(items):
        return ZERO
    if not partial:
        return Grade.of(1.0 if given == items else 0.0)
    position = {item: index for index, item in enumerate(given)}
    kept = sum(
        1
        for first, second in zip(items, items[1:], strict=False)
        if position[second] == position[first] + 1
    )
    return Grade.of(kept / (len(items) - 1))


def parse_number(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        for space in (" ", "\u00a0", "\u2009", "\u202f", "_"):
            text = text.replace(space, "")
        whole, _comma, tail = text.partition(",")
        if (
            text.count(",") == 1
            and "." not in text
            and not (len(tail) == 3 and tail.isdigit())
        ):
            # "12,5" is a decimal comma; "1,250" stays a thousands separator (ambiguous, and
            # in South Asia far more often meant as one thousand two hundred and fifty).
            text = f"{whole}.{tail}"
        else:
            text = text.replace(",", "")  # thousands separators
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    return number if number.is_finite() else None


def normalise_text(text: str, *, case_sensitive: bool = False) -> str:
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text if case_sensitive else text.casefold()


def _as_bool(value) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if value is not None else ""
    if text in {"true", "1", "yes", "t"}:
        return True
    if text in {"false", "0", "no", "f"}:
        return False
    return None


def _as_list(value) -> list:
    if value is None or isinstance(value, str | bytes):
        return [value] if isinstance(value, str) and value else []
    try:
        return list(value)
    except TypeError:
        return []
