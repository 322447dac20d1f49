"""Grading of every question type, including empty and malformed answers."""

from decimal import Decimal

import pytest

from assessments import grading as g


@pytest.mark.parametrize(
    ("answer", "score"), [("b", 1.0), ("a", 0.0), (None, 0.0), ("", 0.0), (["b"], 0.0)]
)
def test_single_choice(answer, score):
    assert g.grade_single_choice(correct="b", answer=answer).score == score


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        (True, 1),
        ("true", 1),
        ("1", 1),
        (False, 0),
        ("false", 0),
        (None, 0),
        ("maybe", 0),
    ],
)
def test_true_false(answer, score):
    assert g.grade_true_false(correct=True, answer=answer).score == score


OPTIONS = {"a", "b", "c", "d"}


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        (["a", "b"], 1.0),  # both right
        (["a"], 0.5),  # half the right ones
        (["a", "c"], 0.0),  # +0.5 for a, -0.5 for c
        (["a", "b", "c"], 0.5),  # one wrong of two wrong costs half
        (["a", "b", "c", "d"], 0.0),  # choosing everything earns nothing
        ([], 0.0),
        (None, 0.0),
        (["z"], 0.0),  # not an option
        ("a", 0.5),  # a single value from a form
    ],
)
def test_multiple_choice_partial_credit(answer, score):
    assert (
        g.grade_multiple_choice(
            correct={"a", "b"}, options=OPTIONS, answer=answer
        ).score
        == score
    )


def test_multiple_choice_all_or_nothing():
    grade = g.grade_multiple_choice(
        correct={"a", "b"}, options=OPTIONS, answer=["a"], partial=False
    )
    assert grade.score == 0
    grade = g.grade_multiple_choice(
        correct={"a", "b"}, options=OPTIONS, answer=["b", "a"], partial=False
    )
    assert grade.correct


@pytest.mark.parametrize(
    ("answer", "correct"),
    [
        ("12.5", True),
        ("12,5", True),  # decimal comma
        ("12.9", True),  # within tolerance 0.5
        ("13.01", False),
        ("1 2.5", True),  # a stray space
        ("abc", False),
        ("", False),
        (None, False),
        ("NaN", False),
        ("Infinity", False),
        (12.5, True),
        (True, False),
    ],
)
def test_numeric_with_tolerance(answer, correct):
    assert (
        g.grade_numeric(correct="12.5", tolerance="0.5", answer=answer).correct
        is correct
    )


def test_numeric_thousands_and_exactness():
    assert g.grade_numeric(correct=1250, answer="1,250").correct
    assert g.grade_numeric(correct=1250, answer="1 250").correct
    assert not g.grade_numeric(correct=Decimal("0.1"), answer="0.10001").correct
    assert g.grade_numeric(correct="12.5", answer="12,5").correct
    assert g.parse_number("12,500") == Decimal("12500")


@pytest.mark.parametrize(
    ("answer", "correct"),
    [
        ("Codex Alimentarius", True),
        ("  codex   ALIMENTARIUS ", True),
        ("Codex", False),
        ("", False),
        (None, False),
    ],
)
def test_short_text_ignores_case_and_spacing(answer, correct):
    assert (
        g.grade_short_text(accepted=["Codex Alimentarius"], answer=answer).correct
        is correct
    )


def test_short_text_case_sensitive_and_unicode_forms():
    assert not g.grade_short_text(
        accepted=["GS1"], answer="gs1", case_sensitive=True
    ).correct
    # The same Sinhala word typed as composed and as decomposed characters.
    composed = "\u0d9a\u0ddc"  # කො as one vowel sign
    decomposed = "\u0d9a\u0dd9\u0dcf"  # the same, typed as its two parts
    assert g.grade_short_text(accepted=[composed], answer=decomposed).correct
    assert g.grade_short_text(accepted=["café"], answer="cafe\u0301").correct


PAIRS = {"invoice": "price", "packing": "weights", "origin": "country"}


def test_matching_partial_and_strict():
    answer = {"invoice": "price", "packing": "country", "origin": "weights"}
    assert g.grade_matching(pairs=PAIRS, answer=answer).score == pytest.approx(
        1 / 3, abs=1e-6
    )
    assert g.grade_matching(pairs=PAIRS, answer=answer, partial=False).score == 0
    assert g.grade_matching(pairs=PAIRS, answer=dict(PAIRS)).correct
    assert g.grade_matching(pairs=PAIRS, answer=None).score == 0
    assert g.grade_matching(pairs=PAIRS, answer=["x"]).score == 0


STEPS = ["hazards", "ccp", "limits", "monitor", "correct", "verify", "records"]


def test_ordering_relative_to_next():
    assert g.grade_ordering(order=STEPS, answer=STEPS).correct
    swapped = ["ccp", "hazards", *STEPS[2:]]  # first two swapped
    assert g.grade_ordering(order=STEPS, answer=swapped).score == pytest.approx(
        4 / 6, abs=1e-6
    )
    assert g.grade_ordering(order=STEPS, answer=list(reversed(STEPS))).score == 0
    assert g.grade_ordering(order=STEPS, answer=swapped, partial=False).score == 0


@pytest.mark.parametrize(
    "answer",
    [None, [], ["hazards"], [*STEPS, "extra"], STEPS[:-1], [*STEPS[:-1], "hazards"]],
)
def test_ordering_refuses_answers_that_are_not_a_reordering(answer):
    assert g.grade_ordering(order=STEPS, answer=answer).score == 0


def test_grades_are_clamped_and_flag_full_marks():
    assert g.Grade.of(1.2) == g.Grade(1.0, True)
    assert g.Grade.of(-0.3) == g.Grade(0.0, False)
