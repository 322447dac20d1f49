"""Quiz pages cost a fixed number of queries, however many questions the quiz has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from tests.quiz_fixtures import QUESTIONS, make_question, make_quiz

pytestmark = pytest.mark.django_db

BUDGETS = {"start": 12, "attempt": 10, "finish": 10, "result": 14, "save": 16}


def _count(client, method, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), (url, response.status_code)
    return len(queries)


def _measure(client, user, quiz):
    attempt, _ = services.attempt_start(user=user, quiz=quiz)
    take = reverse("assessments:attempt", args=[attempt.pk])
    counts = {
        "start": _count(client, "get", reverse("assessments:start", args=[quiz.pk])),
        "attempt": _count(client, "get", take),
        "finish": _count(
            client, "get", reverse("assessments:finish", args=[attempt.pk])
        ),
        "save": _count(
            client,
            "post",
            take,
            {f"q{n}-shown": "1" for n in range(1, attempt.items.count() + 1)}
            | {"q4": "12", "go": "save:4"},
        ),
    }
    services.attempt_submit(attempt=attempt)
    counts["result"] = _count(
        client, "get", reverse("assessments:result", args=[attempt.pk])
    )
    return counts


def test_quiz_pages_within_budget_and_flat(client, participant, quiz_set):
    client.force_login(participant)
    client.get(reverse("assessments:start", args=[quiz_set.quiz.pk]))  # warm up
    small = _measure(client, participant, quiz_set.quiz)
    for name, count in small.items():
        assert count <= BUDGETS[name], f"{name}: {count} queries"
    many = [
        make_question(quiz_set.bank, q | {"title": f"{q['title']} {n}"})
        for n in range(3)
        for q in QUESTIONS
    ]
    big = make_quiz(many, title="Big")
    assert _measure(client, participant, big) == small, small
