"""Item analysis, learning gain and the results reports with their exports."""

import io

import pytest
from openpyxl import load_workbook

from assessments import selectors, services
from assessments.models import QuestionBank
from tests.cohort_fixtures import share_cohort
from tests.factories import make_participant
from tests.quiz_fixtures import QUESTIONS, make_question, make_quiz, right_answers

pytestmark = pytest.mark.django_db


def _take(user, quiz, right_positions):
    attempt, _ = services.attempt_start(user=user, quiz=quiz)
    answers = right_answers(attempt)
    services.attempt_answer(
        attempt=attempt, answers={p: answers[p] for p in right_positions}
    )
    return services.attempt_submit(attempt=attempt)


@pytest.fixture
def two_question_quiz(db):
    bank = QuestionBank.objects.create(name="B")
    easy = make_question(bank, QUESTIONS[0])  # single choice
    hard = make_question(bank, QUESTIONS[2])  # true/false
    return make_quiz([easy, hard], title="Two")


def test_item_analysis(two_question_quiz):
    quiz = two_question_quiz
    people = [make_participant(email=f"p{n}@example.org", phone=None) for n in range(8)]
    # Four strong participants get both right; four weak ones only the first.
    for user in people[:4]:
        _take(user, quiz, [1, 2])
    for user in people[4:]:
        attempt, _ = services.attempt_start(user=user, quiz=quiz)
        services.attempt_answer(
            attempt=attempt,
            answers={1: right_answers(attempt)[1], 2: "false"},
        )
        services.attempt_submit(attempt=attempt)
    analysis = selectors.item_analysis(quiz)
    assert analysis.attempts == 8 and analysis.participants == 8
    assert analysis.mean_percent == 75.0 and analysis.pass_rate == 50.0  # mark 60 %
    by_title = {item.title: item for item in analysis.items}
    easy, hard = by_title["Handwashing"], by_title["Water"]
    assert easy.percent_correct == 100.0 and easy.discrimination == 0.0
    assert hard.percent_correct == 50.0
    assert hard.discrimination == 1.0  # the best 27 % right, the weakest 27 % wrong
    assert hard.common_wrong == "false" and hard.common_wrong_count == 4


def test_most_chosen_wrong_option_is_named(two_question_quiz):
    quiz = two_question_quiz
    for n in range(3):
        user = make_participant(email=f"w{n}@example.org", phone=None)
        attempt, _ = services.attempt_start(user=user, quiz=quiz)
        item = attempt.items.get(position=1)
        wrong = next(o["id"] for o in item.display["options"] if o["text"] == "Never")
        services.attempt_answer(attempt=attempt, answers={1: wrong})
        services.attempt_submit(attempt=attempt)
    by_title = {i.title: i for i in selectors.item_analysis(quiz).items}
    assert by_title["Handwashing"].common_wrong == "Never"
    assert by_title["Handwashing"].discrimination is None  # too few attempts


def test_learning_gain(quiz_set):
    pre = quiz_set.quiz
    post = make_quiz(quiz_set.questions, title="After")
    ana = make_participant(full_name="Ana", email="ana@example.org", phone=None)
    ben = make_participant(full_name="Ben", email="ben@example.org", phone=None)
    cat = make_participant(full_name="Cat", email="cat@example.org", phone=None)
    # Ana: 2/7 before; tries the post-test twice, the latest (7/7) counts.
    _take(ana, pre, [1, 2])
    _take(ana, post, [1])
    _take(ana, post, range(1, 8))
    # Ben: 0/7 → 7/7. Cat only took the pre-test.
    _take(ben, pre, [])
    _take(ben, post, range(1, 8))
    _take(cat, pre, [1])
    report = selectors.learning_gain(pre, post)
    rows = {row.user.full_name: row for row in report.rows}
    assert rows["Ana"].pre == pytest.approx(28.57) and rows["Ana"].post == 100.0
    assert rows["Ana"].gain == pytest.approx(71.4)
    assert rows["Ana"].normalised_gain == 1.0
    assert rows["Ben"].gain == 100.0 and rows["Ben"].normalised_gain == 1.0
    assert rows["Cat"].post is None and rows["Cat"].gain is None
    assert len(report.paired) == 2
    assert report.mean_pre == pytest.approx(14.285, abs=0.01)
    assert report.mean_gain == pytest.approx(85.7, abs=0.01)
    assert report.mean_normalised_gain == 1.0
    assert report.class_normalised_gain == 1.0
    # Limited to a group of participants (a cohort, once cohorts exist).
    only_ben = selectors.learning_gain(pre, post, users=[ben])
    assert [row.user for row in only_ben.rows] == [ben]


def test_normalised_gain_is_undefined_for_a_perfect_pre_test(quiz_set):
    post = make_quiz(quiz_set.questions, title="After")
    user = make_participant(email="top@example.org", phone=None)
    _take(user, quiz_set.quiz, range(1, 8))
    _take(user, post, [1])
    row = selectors.learning_gain(quiz_set.quiz, post).rows[0]
    assert row.gain == pytest.approx(-85.7) and row.normalised_gain is None


def test_results_report_and_exports(client, trainer, participant, quiz_set):
    _take(participant, quiz_set.quiz, [1, 2, 3])
    share_cohort(trainer, participant)
    client.force_login(trainer)
    url = f"/admin/quizzes/results/{quiz_set.quiz.pk}/"
    page = client.get(url).content.decode()
    assert "Item analysis" in page and "Handwashing" in page
    csv = client.get(url + "?export=csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("participant,email,phone,attempt")
    assert participant.full_name in text
    xlsx = client.get(url + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "participant" and rows[1][0] == participant.full_name
    assert rows[1][12] is False  # passed, typed as a boolean
    assert client.get("/admin/quizzes/results/").status_code == 200


def test_gain_report_page(client, officer, participant, quiz_set):
    post = make_quiz(quiz_set.questions, title="After")
    _take(participant, quiz_set.quiz, [1])
    _take(participant, post, range(1, 8))
    share_cohort(officer, participant)
    client.force_login(officer)
    page = client.get(
        f"/admin/quizzes/gain/?pre={quiz_set.quiz.pk}&post={post.pk}"
    ).content.decode()
    assert "Class normalised gain" in page and participant.full_name in page
    csv = client.get(
        f"/admin/quizzes/gain/?pre={quiz_set.quiz.pk}&post={post.pk}&export=csv"
    ).content.decode("utf-8-sig")
    assert participant.full_name in csv


def test_participants_cannot_see_results_reports(client, participant, quiz_set):
    client.force_login(participant)
    for url in (
        "/admin/quizzes/results/",
        f"/admin/quizzes/results/{quiz_set.quiz.pk}/",
        "/admin/quizzes/gain/",
    ):
        assert client.get(url).status_code in (302, 403)


def test_export_cells_that_look_like_formulas_stay_text():
    from lms.exports import _cell, _text

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _text("+94 77") == "'+94 77"
    assert _cell(-3) == -3
