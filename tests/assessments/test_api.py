"""The quiz API, for every role: participants see and write only their own attempts;
trainers and officers read everyone's."""

import pytest
from rest_framework.test import APIClient

from tests.cohort_fixtures import share_cohort
from tests.factories import make_participant
from tests.quiz_fixtures import right_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _start(api, user, quiz):
    api.force_authenticate(user)
    return api.post("/api/v1/attempts/", {"quiz": quiz.pk}, format="json")


def test_anonymous_callers_are_refused(api, quiz_set):
    assert api.get("/api/v1/quizzes/").status_code in (401, 403)
    assert api.post("/api/v1/attempts/", {"quiz": quiz_set.quiz.pk}).status_code in (
        401,
        403,
    )


def test_quiz_list_has_no_answers(api, participant, quiz_set):
    api.force_authenticate(participant)
    data = api.get("/api/v1/quizzes/").json()
    assert data["results"][0]["question_count"] == 7
    assert "items" not in data["results"][0]


def test_start_answer_submit_results(api, participant, quiz_set):
    response = _start(api, participant, quiz_set.quiz)
    assert response.status_code == 201
    attempt = response.json()
    assert len(attempt["items"]) == 7
    assert "key" not in str(attempt["items"]) and "correct" not in str(attempt["items"])
    # Starting again resumes.
    again = api.post("/api/v1/attempts/", {"quiz": quiz_set.quiz.pk}, format="json")
    assert again.status_code == 200 and again.json()["id"] == attempt["id"]

    from assessments.models import Attempt

    answers = right_answers(Attempt.objects.get(pk=attempt["id"]))
    ordering = next(i for i in attempt["items"] if i["type"] == "ordering")
    answers[ordering["position"]] = sorted(
        answers[ordering["position"]], key=answers[ordering["position"]].get
    )  # the API may send the sequence itself
    payload = {"answers": [{"position": p, "answer": a} for p, a in answers.items()]}
    url = f"/api/v1/attempts/{attempt['id']}/"
    response = api.post(url + "answers/", payload, format="json")
    assert response.status_code == 200, response.json()
    assert all(item["answered"] for item in response.json()["items"])
    # Results are not available before the attempt is finished.
    assert api.get(url + "results/").status_code == 409
    first = api.post(url + "submit/")
    second = api.post(url + "submit/")
    assert first.json()["percent"] == 100.0 and first.json()["passed"] is True
    assert second.json()["submitted_at"] == first.json()["submitted_at"]
    results = api.get(url + "results/").json()
    assert [item["score"] for item in results["items"]] == [1.0] * 7
    # Answering a finished attempt is a conflict.
    late = api.post(url + "answers/", payload, format="json")
    assert late.status_code == 409


def test_bad_answers_are_reported(api, participant, quiz_set):
    attempt = _start(api, participant, quiz_set.quiz).json()
    url = f"/api/v1/attempts/{attempt['id']}/answers/"
    unknown = api.post(
        url, {"answers": [{"position": 42, "answer": "x"}]}, format="json"
    )
    assert unknown.status_code == 400 and "42" in unknown.json()["detail"]
    wrong = api.post(
        url,
        {
            "answers": [
                {"position": 1, "answer": "nope"},
                {"position": 4, "answer": "12"},
            ]
        },
        format="json",
    )
    assert wrong.status_code == 400
    assert wrong.json()["errors"] == {"1": "Choose from the answers shown."}
    assert wrong.json()["saved"] == [4]


def test_participants_see_only_their_own_attempts(api, participant, quiz_set):
    mine = _start(api, participant, quiz_set.quiz).json()
    other = make_participant(email="other@example.org", phone=None)
    theirs = _start(api, other, quiz_set.quiz).json()
    api.force_authenticate(participant)
    listed = [a["id"] for a in api.get("/api/v1/attempts/").json()["results"]]
    assert listed == [mine["id"]]
    assert api.get(f"/api/v1/attempts/{theirs['id']}/").status_code == 404
    assert api.post(f"/api/v1/attempts/{theirs['id']}/submit/").status_code == 404
    assert (
        api.post(
            f"/api/v1/attempts/{theirs['id']}/answers/",
            {"answers": [{"position": 4, "answer": "12"}]},
            format="json",
        ).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["trainer", "officer"])
def test_staff_read_their_cohorts_attempts_but_cannot_answer_for_anyone(
    api, request, participant, quiz_set, role
):
    attempt = _start(api, participant, quiz_set.quiz).json()
    api.post(f"/api/v1/attempts/{attempt['id']}/submit/")
    _start(api, make_participant(), quiz_set.quiz)  # in no cohort of theirs: not listed
    staff = request.getfixturevalue(role)
    share_cohort(staff, participant)
    api.force_authenticate(staff)
    listed = api.get(f"/api/v1/attempts/?quiz={quiz_set.quiz.pk}").json()["results"]
    assert [a["id"] for a in listed] == [attempt["id"]]
    results = api.get(f"/api/v1/attempts/{attempt['id']}/results/").json()
    assert results["items"][0]["right_answer"]  # staff see the key
    assert api.post(f"/api/v1/attempts/{attempt['id']}/submit/").status_code == 404


def test_no_attempts_left_is_a_conflict(api, participant, quiz_set):
    quiz = quiz_set.quiz
    quiz.attempts_allowed = 1
    quiz.save()
    attempt = _start(api, participant, quiz).json()
    api.post(f"/api/v1/attempts/{attempt['id']}/submit/")
    again = api.post("/api/v1/attempts/", {"quiz": quiz.pk}, format="json")
    assert again.status_code == 409
    assert "used all your attempts" in again.json()["detail"]
