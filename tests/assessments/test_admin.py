"""The quiz admin: trainers write questions and quizzes; the menus and forms render; the
roles see what they should."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from assessments.models import Question, QuestionBank

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/assessments/quiz/",
        "/admin/snippets/assessments/quiz/add/",
        "/admin/snippets/assessments/question/",
        "/admin/snippets/assessments/question/add/",
        "/admin/snippets/assessments/questionbank/",
        "/admin/quizzes/import/",
        "/admin/quizzes/export/",
        "/admin/quizzes/results/",
        "/admin/quizzes/gain/",
    ],
)
def test_trainer_screens_render(client, trainer, quiz_set, url):
    client.force_login(trainer)
    assert client.get(url).status_code == 200


def test_edit_screens_render(client, trainer, quiz_set):
    client.force_login(trainer)
    for question in quiz_set.questions:
        url = f"/admin/snippets/assessments/question/edit/{question.pk}/"
        assert client.get(url).status_code == 200, question.question_type
    url = f"/admin/snippets/assessments/quiz/edit/{quiz_set.quiz.pk}/"
    assert client.get(url).status_code == 200


def _question_post(bank, options):
    return nested_form_data(
        {
            "title": "Gloves",
            "text": "When do you change gloves?",
            "bank": bank.pk,
            "points": "2",
            "feedback_right": "",
            "feedback_wrong": "",
            "general_feedback": "",
            "topics": "Hygiene",
            "answer": streamfield(
                [
                    (
                        "single_choice",
                        {"options": streamfield([("item", o) for o in options])},
                    )
                ]
            ),
        }
    )


def test_a_trainer_writes_a_question(client, trainer):
    bank = QuestionBank.objects.create(name="Hygiene")
    client.force_login(trainer)
    data = _question_post(
        bank,
        [
            {"text": "After touching raw material", "correct": "on", "feedback": ""},
            {"text": "Once a week", "correct": "", "feedback": ""},
        ],
    )
    response = client.post("/admin/snippets/assessments/question/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get(title="Gloves")
    assert question.question_type == "single_choice" and question.points == 2


def test_a_single_choice_question_needs_one_right_option(client, trainer):
    bank = QuestionBank.objects.create(name="Hygiene")
    client.force_login(trainer)
    data = _question_post(
        bank,
        [
            {"text": "A", "correct": "on", "feedback": ""},
            {"text": "B", "correct": "on", "feedback": ""},
        ],
    )
    response = client.post("/admin/snippets/assessments/question/add/", data)
    assert response.status_code == 200
    assert "Mark exactly one option as the right answer." in response.content.decode()
    assert not Question.objects.exists()


def test_officers_read_results_but_do_not_edit_questions(client, officer, quiz_set):
    client.force_login(officer)
    assert client.get("/admin/quizzes/results/").status_code == 200
    assert client.get("/admin/snippets/assessments/question/add/").status_code in (
        302,
        403,
    )
