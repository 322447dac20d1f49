"""An attempt's life: start or resume, answer, submit, time limit, attempts allowed, the
snapshot, random draws, translations and completing the lesson."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from assessments import services
from assessments.models import Attempt, AttemptItem, Question
from courses.models import LessonProgress
from tests.quiz_fixtures import QUESTIONS, make_question, make_quiz, right_answers

pytestmark = pytest.mark.django_db


def test_start_snapshots_every_question_without_its_answers(participant, quiz_set):
    attempt, created = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    assert created
    items = list(attempt.items.all())
    assert [item.question_type for item in items] == [q["type"] for q in QUESTIONS]
    assert attempt.max_score == 7
    for item in items:
        shown = str(item.display)
        assert "correct" not in shown and "weight" not in shown
        assert "Well done" not in shown and "Codex" not in shown.replace(
            "standards body", ""
        )


def test_pressing_start_twice_resumes_the_same_attempt(participant, quiz_set):
    first, created = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    again, created_again = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    assert created and not created_again
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1


def test_all_right_answers_score_full_marks_and_pass(participant, quiz_set):
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    result = services.attempt_answer(attempt=attempt, answers=right_answers(attempt))
    assert result.errors == {}
    attempt = services.attempt_submit(attempt=attempt)
    assert attempt.percent == 100 and attempt.passed
    assert attempt.score == 7
    assert set(attempt.items.values_list("score", flat=True)) == {1.0}


def test_empty_attempt_scores_zero(participant, quiz_set):
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    attempt = services.attempt_submit(attempt=attempt)
    assert attempt.score == 0 and attempt.percent == 0 and attempt.passed is False


def test_partial_credit_for_multiple_choice(participant, quiz_set):
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    item = attempt.items.get(question_type="multiple_choice")
    one_right = item.key["correct"][0]
    services.attempt_answer(attempt=attempt, answers={item.position: [one_right]})
    attempt = services.attempt_submit(attempt=attempt)
    item.refresh_from_db()
    assert item.score == 0.5
    assert attempt.score == pytest.approx(0.5)


def test_saving_the_same_answer_twice_counts_once(participant, quiz_set):
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    first = services.attempt_answer(attempt=attempt, answers={4: "12"})
    stamp = AttemptItem.objects.get(attempt=attempt, position=4).answered_at
    again = services.attempt_answer(attempt=attempt, answers={4: "12"})
    assert first.saved == [4] and again.saved == []
    assert AttemptItem.objects.get(attempt=attempt, position=4).answered_at == stamp


def test_submitting_twice_grades_once_and_completes_the_lesson_once(
    participant, quiz_set, course_tree
):
    lesson = course_tree.lessons[3]  # completed by passing its activity
    attempt, _ = services.attempt_start(
        user=participant, quiz=quiz_set.quiz, page=lesson
    )
    services.attempt_answer(attempt=attempt, answers=right_answers(attempt))
    first = services.attempt_submit(attempt=attempt)
    second = services.attempt_submit(attempt=attempt)
    assert first.submitted_at == second.submitted_at
    progress = LessonProgress.objects.get(user=participant)
    assert progress.completed_by == "activity_passed"
    assert progress.lesson_key == lesson.translation_key


def test_a_failed_attempt_does_not_complete_the_lesson(
    participant, quiz_set, course_tree
):
    attempt, _ = services.attempt_start(
        user=participant, quiz=quiz_set.quiz, page=course_tree.lessons[3]
    )
    services.attempt_submit(attempt=attempt)
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_answers_to_questions_not_in_the_attempt_are_refused(participant, quiz_set):
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    with pytest.raises(services.UnknownQuestion):
        services.attempt_answer(attempt=attempt, answers={1: None, 99: "a"})
    assert not attempt.items.filter(answer__isnull=False).exists()


def test_an_answer_that_does_not_fit_is_reported_and_the_rest_saved(
    participant, quiz_set
):
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    ordering = attempt.items.get(question_type="ordering")
    single = attempt.items.get(question_type="single_choice")
    ids = [entry["id"] for entry in ordering.display["items"]]
    result = services.attempt_answer(
        attempt=attempt,
        answers={
            single.position: "not-an-option",
            ordering.position: {ids[0]: 1, ids[1]: 1, ids[2]: 9},
            4: "12,2",
        },
    )
    assert set(result.errors) == {single.position, ordering.position}
    assert result.saved == [4]


def test_duplicate_ordering_positions_are_saved_but_score_zero(participant, quiz_set):
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    ordering = attempt.items.get(question_type="ordering")
    ids = [entry["id"] for entry in ordering.display["items"]]
    services.attempt_answer(
        attempt=attempt, answers={ordering.position: dict.fromkeys(ids, 1)}
    )
    services.attempt_submit(attempt=attempt)
    ordering.refresh_from_db()
    assert ordering.score == 0


def test_answering_after_the_submit_is_refused(participant, quiz_set):
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    services.attempt_submit(attempt=attempt)
    with pytest.raises(services.AttemptClosed):
        services.attempt_answer(attempt=attempt, answers={4: "12"})


def test_the_time_limit_is_enforced_on_the_server(participant, quiz_set):
    quiz = quiz_set.quiz
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now()
    attempt, _ = services.attempt_start(user=participant, quiz=quiz, now=start)
    assert attempt.deadline == start + timedelta(minutes=10)
    services.attempt_answer(
        attempt=attempt, answers={4: "12"}, now=start + timedelta(minutes=9)
    )
    late = start + timedelta(minutes=11)
    with pytest.raises(services.TimeUp):
        services.attempt_answer(attempt=attempt, answers={5: "Codex"}, now=late)
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.closed_by == "time_limit"
    assert attempt.score == 1  # the answer saved in time counts, the late one does not
    assert attempt.submitted_at <= attempt.deadline + services.DEADLINE_GRACE


def test_an_answer_within_the_grace_period_is_saved(participant, quiz_set):
    quiz = quiz_set.quiz
    quiz.time_limit_minutes = 1
    quiz.save()
    start = timezone.now()
    attempt, _ = services.attempt_start(user=participant, quiz=quiz, now=start)
    just_late = start + timedelta(minutes=1, seconds=10)
    assert services.attempt_answer(
        attempt=attempt, answers={4: "12"}, now=just_late
    ).saved == [4]


def test_an_expired_attempt_is_closed_when_the_participant_comes_back(
    participant, quiz_set
):
    quiz = quiz_set.quiz
    quiz.time_limit_minutes = 5
    quiz.save()
    start = timezone.now() - timedelta(hours=1)
    old, _ = services.attempt_start(user=participant, quiz=quiz, now=start)
    new, created = services.attempt_start(user=participant, quiz=quiz)
    assert created and new.number == 2
    old.refresh_from_db()
    assert old.closed_by == "time_limit"


def test_attempts_allowed(participant, quiz_set):
    quiz = quiz_set.quiz
    quiz.attempts_allowed = 2
    quiz.save()
    for _ in range(2):
        attempt, _ = services.attempt_start(user=participant, quiz=quiz)
        services.attempt_submit(attempt=attempt)
    with pytest.raises(services.NoAttemptsLeft):
        services.attempt_start(user=participant, quiz=quiz)


def test_an_edited_question_does_not_change_a_running_attempt(participant, quiz_set):
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    question = quiz_set.questions[3]
    question.answer = [
        {"type": "numeric", "value": {"value": "99", "tolerance": "0", "unit": ""}}
    ]
    question.save()
    services.attempt_answer(attempt=attempt, answers={4: "12"})
    services.attempt_submit(attempt=attempt)
    assert attempt.items.get(position=4).score == 1.0


def test_random_draws_pick_from_the_bank_by_topic(participant, quiz_set):
    tagged = quiz_set.questions[:3]
    for question in tagged:
        question.topics.add("Hygiene")
        question.save()
    quiz = make_quiz(
        [],
        title="Draw",
        items=[
            {
                "type": "draw",
                "value": {"bank": quiz_set.bank.pk, "topic": "hygiene", "count": 2},
            }
        ],
        shuffle_questions=True,
    )
    attempt, _ = services.attempt_start(user=participant, quiz=quiz)
    keys = set(attempt.items.values_list("question_key", flat=True))
    assert len(keys) == 2
    assert keys <= {q.translation_key for q in tagged}


def test_a_draw_larger_than_the_bank_takes_what_there_is(participant, quiz_set):
    quiz = make_quiz(
        [],
        title="Big draw",
        items=[
            {
                "type": "draw",
                "value": {"bank": quiz_set.bank.pk, "topic": "", "count": 50},
            }
        ],
    )
    attempt, _ = services.attempt_start(user=participant, quiz=quiz)
    assert attempt.items.count() == len(QUESTIONS)


def test_a_quiz_without_questions_cannot_start(participant, quiz_set):
    quiz = make_quiz([], title="Empty", items=[])
    with pytest.raises(services.QuizUnavailable):
        services.attempt_start(user=participant, quiz=quiz)


def test_a_translation_missing_a_question_falls_back_to_the_original(
    participant, quiz_set
):
    """The Khmer quiz points at questions; one has no Khmer translation yet: it is shown
    in English (marked with its language), the rest in Khmer, and all are graded."""
    km = Locale.objects.get(language_code="km")
    first = quiz_set.questions[0]
    khmer_first = first.copy_for_translation(km)
    khmer_first.text = "តើពេលណាដែលអ្នកលាងដៃ?"
    khmer_first.save()
    khmer_quiz = quiz_set.quiz.copy_for_translation(km)
    khmer_quiz.save()
    attempt, _ = services.attempt_start(user=participant, quiz=khmer_quiz)
    items = list(attempt.items.all())
    assert items[0].display["language"] == "km"
    assert items[0].display["text"].startswith("តើ")
    assert {item.display["language"] for item in items[1:]} == {"en"}
    assert attempt.language == "km"
    # Attempts are counted over every language of the quiz.
    again, created = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    assert not created and again.pk == attempt.pk


def test_a_deleted_question_is_left_out_of_new_attempts(participant, quiz_set):
    Question.objects.filter(pk=quiz_set.questions[0].pk).delete()
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    assert attempt.items.count() == len(QUESTIONS) - 1


def test_answers_become_visible_by_the_quiz_rule(participant, quiz_set):
    quiz = quiz_set.quiz
    quiz.attempts_allowed = 2
    quiz.save()
    attempt, _ = services.attempt_start(user=participant, quiz=quiz)
    attempt = services.attempt_submit(attempt=attempt)
    assert not services.answers_visible(attempt)  # failed, one attempt left
    second, _ = services.attempt_start(user=participant, quiz=quiz)
    second = services.attempt_submit(attempt=second)
    assert services.answers_visible(second)  # out of attempts
    quiz.show_answers = "never"
    quiz.save()
    second.quiz.refresh_from_db()
    assert not services.answers_visible(second)


def test_make_question_helper_accepts_extra_points(quiz_set):
    question = make_question(quiz_set.bank, QUESTIONS[0], points=3)
    assert question.points == 3 and question.question_type == "single_choice"


def test_translation_gaps_are_reported(quiz_set):
    from assessments.selectors import translation_gaps

    km = Locale.objects.get(language_code="km")
    khmer = quiz_set.quiz.copy_for_translation(km)
    khmer.items = [{"type": "question", "value": quiz_set.questions[0].pk}]
    khmer.save()
    assert translation_gaps(quiz_set.quiz) == [("km", 1, 7)]
    assert translation_gaps(khmer) == [("km", 1, 7)]


def test_a_question_image_is_shown_at_phone_size(client, participant, quiz_set):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(
        title="Mould", file=get_test_image_file(size=(1200, 900))
    )
    question = quiz_set.questions[0]
    question.image = image
    question.save()
    attempt, _ = services.attempt_start(user=participant, quiz=quiz_set.quiz)
    client.force_login(participant)
    page = client.get(f"/en/quizzes/attempts/{attempt.pk}/").content.decode()
    assert 'class="quiz-question__image"' in page and 'width="800"' in page
