"""Quizzes: question banks and questions (translatable snippets), quizzes that pick from them,
and participants' attempts with their answers and grades."""

from assessments.models.attempts import Attempt, AttemptItem
from assessments.models.questions import (
    Question,
    QuestionBank,
    QuestionTopic,
    QuestionType,
    Quiz,
    ShowAnswers,
)

__all__ = [
    "Attempt",
    "AttemptItem",
    "Question",
    "QuestionBank",
    "QuestionTopic",
    "QuestionType",
    "Quiz",
    "ShowAnswers",
]
