"""A quiz with one question of every type, for the assessments tests."""

from types import SimpleNamespace

import pytest
from wagtail.models import Locale

from assessments.models import Question, QuestionBank, Quiz
from assessments.questions import answer_stream_data

QUESTIONS = [
    {
        "title": "Handwashing",
        "type": "single_choice",
        "text": "When do you wash your hands?",
        "options": [
            {"text": "Before handling food", "weight": 1, "feedback": "Yes."},
            {"text": "Once a week", "weight": 0, "feedback": "Far too rarely."},
            {"text": "Never", "weight": 0},
        ],
    },
    {
        "title": "Hazards",
        "type": "multiple_choice",
        "text": "Which are hazards?",
        "options": [
            {"text": "Bacteria", "weight": 0.5},
            {"text": "Glass", "weight": 0.5},
            {"text": "Clean table", "weight": 0},
            {"text": "Fresh air", "weight": 0},
        ],
    },
    {
        "title": "Water",
        "type": "true_false",
        "text": "Wash water must be safe to drink.",
        "correct": True,
    },
    {
        "title": "Moisture",
        "type": "numeric",
        "text": "Target moisture (%)?",
        "correct": "12",
        "tolerance": "0.5",
    },
    {
        "title": "Codex",
        "type": "short_text",
        "text": "Name the food standards body.",
        "accepted": ["Codex Alimentarius", "Codex"],
    },
    {
        "title": "Principles",
        "type": "matching",
        "text": "Match the principle to the action.",
        "pairs": {"Monitoring": "Check every batch", "Records": "Write it down"},
    },
    {
        "title": "Cleaning",
        "type": "ordering",
        "text": "Put the cleaning steps in order.",
        "items": ["Scrape", "Wash", "Rinse", "Sanitise"],
    },
]


def make_question(bank, data, locale=None, **fields):
    return Question.objects.create(
        bank=bank,
        locale=locale or Locale.get_default(),
        title=data["title"],
        text=data["text"],
        answer=answer_stream_data(data),
        feedback_right=fields.pop("feedback_right", "Well done."),
        feedback_wrong=fields.pop("feedback_wrong", "Read the lesson again."),
        **fields,
    )


def make_quiz(questions, **fields):
    fields.setdefault("title", "Food safety check")
    fields.setdefault("shuffle_options", False)
    fields.setdefault("items", [{"type": "question", "value": x.pk} for x in questions])
    return Quiz.objects.create(
        locale=fields.pop("locale", None) or Locale.get_default(), **fields
    )


def right_answers(attempt) -> dict:
    """{position: the right raw answer} for every item of an attempt, read from its key
    as a participant would have to work it out."""
    answers = {}
    for item in attempt.items.all():
        key, display = item.key, item.display
        kind = item.question_type
        if kind == "single_choice":
            answers[item.position] = key["correct"]
        elif kind == "multiple_choice":
            answers[item.position] = list(key["correct"])
        elif kind == "true_false":
            answers[item.position] = "true" if key["correct"] else "false"
        elif kind == "numeric":
            answers[item.position] = key["ranges"][0]["correct"]
        elif kind == "short_text":
            answers[item.position] = key["accepted"][0]
        elif kind == "matching":
            answers[item.position] = dict(key["pairs"])
        elif kind == "ordering":
            answers[item.position] = {
                item_id: index for index, item_id in enumerate(key["order"], start=1)
            }
        assert display["type"] == kind
    return answers


@pytest.fixture
def quiz_set(db):
    bank = QuestionBank.objects.create(name="Food safety")
    questions = [make_question(bank, data) for data in QUESTIONS]
    quiz = make_quiz(questions, pass_mark=60)
    return SimpleNamespace(bank=bank, questions=questions, quiz=quiz)
