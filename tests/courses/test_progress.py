import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.signals import activity_passed
from courses import services
from courses.models import CourseEnrolment, LessonEvent, LessonProgress
from courses.selectors import course_outline, my_learning

pytestmark = pytest.mark.django_db


def test_viewing_completes_a_viewed_lesson_and_enrols(participant, course_tree):
    hazards, hygiene, *_ = course_tree.lessons
    progress = services.lesson_view(user=participant, lesson=hazards)
    assert progress.is_complete and progress.completed_by == "viewed"
    assert CourseEnrolment.objects.filter(
        user=participant, course_key=course_tree.course.translation_key
    ).exists()
    progress = services.lesson_view(user=participant, lesson=hygiene)
    assert not progress.is_complete


def test_mark_done_completes_once(participant, course_tree):
    hygiene = course_tree.lessons[1]
    first = services.lesson_mark_done(user=participant, lesson=hygiene)
    second = services.lesson_mark_done(
        user=participant, lesson=hygiene
    )  # a double submit
    assert first.completed_at == second.completed_at
    assert LessonProgress.objects.filter(user=participant).count() == 1
    assert LessonEvent.objects.filter(user=participant, kind="marked_done").count() == 1


def test_activity_lessons_cannot_be_marked_done(participant, course_tree):
    quiz = course_tree.lessons[3]
    with pytest.raises(services.CompletionNotAllowed):
        services.lesson_mark_done(user=participant, lesson=quiz)
    assert not LessonProgress.objects.filter(
        user=participant, completed_at__isnull=False
    )


def test_passing_the_activity_completes_the_lesson(participant, course_tree):
    quiz = course_tree.lessons[3]
    activity_passed.send(sender=None, user=participant, page=quiz, score=0.8)
    progress = LessonProgress.objects.get(
        user=participant, lesson_key=quiz.translation_key
    )
    assert progress.completed_by == "activity_passed"


def test_passing_an_activity_does_not_complete_other_rules(participant, course_tree):
    hygiene = course_tree.lessons[1]
    activity_passed.send(sender=None, user=participant, page=hygiene, score=1)
    assert not LessonProgress.objects.filter(user=participant).exists()


def test_progress_survives_a_language_switch(participant, course_tree, khmer_tree):
    """Done in English is done in Khmer: progress belongs to the lesson, not to a page."""
    hazards, hygiene, *_ = course_tree.lessons
    services.lesson_view(user=participant, lesson=hazards)
    services.lesson_mark_done(user=participant, lesson=khmer_tree[hygiene.pk])
    km_course = khmer_tree[course_tree.course.pk]
    for course in (course_tree.course, km_course):
        outline = course_outline(course=course, user=participant)
        assert (outline.done, outline.total, outline.percent) == (2, 4, 50)
        assert outline.modules[0].percent == 100
    assert LessonProgress.objects.filter(user=participant).count() == 2


def test_continue_where_you_left_off(participant, course_tree):
    hazards, hygiene, ccp, quiz = course_tree.lessons
    outline = course_outline(course=course_tree.course, user=participant)
    assert outline.next_lesson.pk == hazards.pk and not outline.started
    services.lesson_view(user=participant, lesson=hazards)
    services.lesson_view(user=participant, lesson=ccp)
    outline = course_outline(course=course_tree.course, user=participant)
    assert outline.next_lesson.pk == ccp.pk  # last opened, not finished
    for lesson in (hygiene, ccp):
        services.lesson_mark_done(user=participant, lesson=lesson)
    activity_passed.send(sender=None, user=participant, page=quiz)
    outline = course_outline(course=course_tree.course, user=participant)
    assert outline.next_lesson is None and outline.percent == 100


def test_outline_query_count_does_not_grow_with_the_course(
    participant, course_tree, django_assert_max_num_queries
):
    services.lesson_view(user=participant, lesson=course_tree.lessons[0])
    # Outside a request the page tree's token is read on every call (1); the structure
    # (modules, lessons: 2) is read once while the tree stands; the person's progress and
    # enrolment (2) every time.
    with django_assert_max_num_queries(5):
        outline = course_outline(course=course_tree.course, user=participant)
        assert outline.total == 4
    with django_assert_max_num_queries(3):
        assert course_outline(course=course_tree.course, user=participant).done == 1


def test_my_learning_lists_courses_in_the_readers_language(
    participant, course_tree, khmer_tree
):
    from django.utils import translation

    services.lesson_view(user=participant, lesson=course_tree.lessons[0])
    with translation.override("km"):
        cards = my_learning(user=participant)
    assert cards[0].course.pk == khmer_tree[course_tree.course.pk].pk
    assert (cards[0].done, cards[0].total) == (1, 4)
    with translation.override("si"):  # no Sinhala version: the original
        assert my_learning(user=participant)[0].course.pk == course_tree.course.pk


def test_deleted_course_keeps_the_record(participant, course_tree):
    services.lesson_view(user=participant, lesson=course_tree.lessons[0])
    course_tree.course.delete()
    cards = my_learning(user=participant)
    assert len(cards) == 1 and cards[0].course is None
    assert LessonProgress.objects.filter(user=participant).count() == 1


def test_lesson_view_query_count(participant, course_tree):
    with CaptureQueriesContext(connection) as queries:
        services.lesson_view(user=participant, lesson=course_tree.lessons[0])
    assert len(queries) <= 18  # savepoints included; constant whatever the course size


def test_reading_a_lesson_again_soon_writes_nothing(
    participant, course_tree, django_assert_num_queries
):
    """Going back and forth between lessons is one reading each: no lock, no event."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    lesson = course_tree.lessons[1]  # marked done by hand: reading never completes it
    services.lesson_view(user=participant, lesson=lesson)
    with django_assert_num_queries(1):
        services.lesson_view(user=participant, lesson=lesson)
    assert LessonEvent.objects.filter(user=participant, kind="viewed").count() == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        services.lesson_view(user=participant, lesson=lesson)
    assert LessonEvent.objects.filter(user=participant, kind="viewed").count() == 2
