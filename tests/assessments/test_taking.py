"""Taking a quiz in the browser without JavaScript: the start page, the attempt form, the
finish summary and the results — and who may see what."""

import re

import pytest
from django.urls import reverse

from assessments.models import Attempt
from courses.models import LessonProgress
from tests.quiz_fixtures import right_answers

pytestmark = pytest.mark.django_db


def _start(client, quiz, **params):
    url = reverse("assessments:start", args=[quiz.pk])
    response = client.post(url, params)
    assert response.status_code == 302, response.content[:500]
    return Attempt.objects.get(), response["Location"]


def _form_data(attempt, answers) -> dict:
    """POST data as the attempt page's form would send it."""
    data = {}
    for item in attempt.items.all():
        name = f"q{item.position}"
        data[f"{name}-shown"] = "1"
        answer = answers.get(item.position)
        if answer is None:
            continue
        if item.question_type in ("matching", "ordering"):
            for key, value in answer.items():
                data[f"{name}-{key}"] = str(value)
        else:
            data[name] = answer
    return data


def test_signed_out_visitors_are_sent_to_sign_in(client, quiz_set):
    response = client.get(reverse("assessments:start", args=[quiz_set.quiz.pk]))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_the_page_never_carries_the_answers(client, participant, quiz_set):
    client.force_login(participant)
    attempt, url = _start(client, quiz_set.quiz)
    page = client.get(url).content.decode()
    for secret in ("Well done", "Far too rarely", "Codex", "correct", "weight"):
        assert secret not in page
    # Every question is on the page; the first unanswered one is the current one.
    assert len(re.findall(r'<section id="q\d+"', page)) == 7
    assert 'id="q1" class="quiz-question is-current' in page


def test_take_a_quiz_end_to_end(client, participant, quiz_set, course_tree):
    lesson = course_tree.lessons[3]
    lesson.body = [{"type": "quiz", "value": {"quiz": quiz_set.quiz.pk}}]
    lesson.save_revision().publish()
    client.force_login(participant)
    attempt, url = _start(client, quiz_set.quiz, lesson=lesson.pk)
    assert attempt.page_id == lesson.pk
    answers = right_answers(attempt)
    # A phone answers one question per screen: "Next" saves and moves on.
    response = client.post(
        url, {**_form_data(attempt, {1: answers[1]}), "go": "next:1"}
    )
    assert response.status_code == 302 and response["Location"].endswith("?q=2#q2")
    # A desktop sends everything at once and goes to the summary.
    response = client.post(url, {**_form_data(attempt, answers), "go": "finish"})
    assert response["Location"] == reverse("assessments:finish", args=[attempt.pk])
    summary = client.get(response["Location"]).content.decode()
    assert "You have answered every question." in summary
    response = client.post(reverse("assessments:finish", args=[attempt.pk]))
    result_url = reverse("assessments:result", args=[attempt.pk])
    assert response["Location"] == result_url
    # Pressing Finish again changes nothing.
    assert (
        client.post(reverse("assessments:finish", args=[attempt.pk]))["Location"]
        == result_url
    )
    page = client.get(result_url).content.decode()
    assert "100%" in page and "Passed" in page and "Back to the lesson" in page
    assert (
        LessonProgress.objects.get(user=participant).completed_by == "activity_passed"
    )


def test_a_lesson_that_does_not_hold_the_quiz_is_ignored(
    client, participant, quiz_set, course_tree
):
    client.force_login(participant)
    attempt, _url = _start(client, quiz_set.quiz, lesson=course_tree.lessons[3].pk)
    assert attempt.page_id is None  # passing it cannot complete a lesson it is not in


def test_a_bad_answer_is_shown_again_with_a_message(client, participant, quiz_set):
    client.force_login(participant)
    attempt, url = _start(client, quiz_set.quiz)
    ordering = attempt.items.get(question_type="ordering")
    ids = [entry["id"] for entry in ordering.display["items"]]
    data = _form_data(attempt, {ordering.position: dict.fromkeys(ids, 2) | {ids[0]: 9}})
    response = client.post(url, {**data, "go": "finish"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Some answers were not saved" in page
    assert f'id="q{ordering.position}" class="quiz-question is-current' in page


def test_clearing_an_answer_saves_it_cleared(client, participant, quiz_set):
    client.force_login(participant)
    attempt, url = _start(client, quiz_set.quiz)
    client.post(url, {**_form_data(attempt, {4: "12"}), "go": "save:4"})
    assert attempt.items.get(position=4).answer == "12"
    client.post(url, {**_form_data(attempt, {}), "go": "save:4"})
    assert attempt.items.get(position=4).answer is None


def test_someone_elses_attempt_is_not_found(client, participant, quiz_set):
    from tests.factories import make_participant

    client.force_login(participant)
    attempt, url = _start(client, quiz_set.quiz)
    client.force_login(make_participant(email="other@example.org", phone=None))
    for name in ("attempt", "finish", "result"):
        assert (
            client.get(reverse(f"assessments:{name}", args=[attempt.pk])).status_code
            == 404
        )
    assert (
        client.post(url, {"q4-shown": "1", "q4": "1", "go": "finish"}).status_code
        == 404
    )


def test_results_in_the_participants_language(client, participant, quiz_set):
    client.force_login(participant)
    attempt, url = _start(client, quiz_set.quiz)
    client.post(reverse("assessments:finish", args=[attempt.pk]))
    page = client.get(
        reverse("assessments:result", args=[attempt.pk]).replace("/en/", "/si/")
    ).content.decode()
    assert 'lang="si"' in page
    assert "Your results" not in page  # the heading is translated


def test_used_up_attempts_are_explained(client, participant, quiz_set):
    quiz = quiz_set.quiz
    quiz.attempts_allowed = 1
    quiz.save()
    client.force_login(participant)
    attempt, _url = _start(client, quiz)
    client.post(reverse("assessments:finish", args=[attempt.pk]))
    start_url = reverse("assessments:start", args=[quiz.pk])
    page = client.get(start_url).content.decode()
    assert "You have used all your attempts at this quiz." in page
    response = client.post(start_url, follow=True)
    assert Attempt.objects.count() == 1
    assert "You have used all your attempts" in response.content.decode()


def test_the_lesson_shows_the_quiz_card(client, participant, quiz_set, course_tree):
    lesson = course_tree.lessons[3]
    lesson.body = [{"type": "quiz", "value": {"quiz": quiz_set.quiz.pk}}]
    lesson.save_revision().publish()
    client.force_login(participant)
    page = client.get(lesson.url).content.decode()
    assert "Food safety check" in page
    link = re.search(r'href="([^"]*/quizzes/\d+/\?lesson=\d+)"', page)
    assert link and f"lesson={lesson.pk}" in link.group(1)
    assert "7 questions" in page
