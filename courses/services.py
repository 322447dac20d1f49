"""Progress through courses: every write with a rule goes through here."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from courses.models import (
    CompletionRule,
    CourseEnrolment,
    CoursePage,
    LessonEvent,
    LessonPage,
    LessonProgress,
)


class CompletionNotAllowed(Exception):
    """The lesson's rule does not let the participant complete it this way."""


def _keys(lesson: LessonPage) -> tuple:
    module = lesson.get_parent()
    course = module.get_parent()
    return module.translation_key, course.translation_key


def course_enrol(
    *, user, course: CoursePage, source: str = CourseEnrolment.Source.SELF
):
    """Enrol a participant in a course (in all its languages); enrolling twice is harmless."""
    return _ensure_enrolled(user, course.translation_key, source)


def _ensure_enrolled(
    user, course_key, source=CourseEnrolment.Source.SELF
) -> CourseEnrolment:
    try:
        with transaction.atomic():
            enrolment, _created = CourseEnrolment.objects.get_or_create(
                user=user, course_key=course_key, defaults={"source": source}
            )
    except IntegrityError:  # a double submit raced us to it
        enrolment = CourseEnrolment.objects.get(user=user, course_key=course_key)
    return enrolment


# A lesson read again within this time is one reading: nothing is written (no lock, no
# event), which keeps re-reading a page, going back and forth, cheap.
VIEW_AGAIN_AFTER = timedelta(minutes=10)


def lesson_view(*, user, lesson: LessonPage) -> LessonProgress:
    """Record that a participant opened a lesson; completes it if opening is its rule.
    Opening a lesson of a course enrols the participant in that course. A reading within
    `VIEW_AGAIN_AFTER` of the last one of a lesson already settled writes nothing."""
    now = timezone.now()
    recent = LessonProgress.objects.filter(
        user=user,
        lesson_key=lesson.translation_key,
        last_viewed_at__gt=now - VIEW_AGAIN_AFTER,
        last_language=translation.get_language() or "",
    ).first()
    if recent is not None and (
        recent.is_complete or lesson.completion_rule != CompletionRule.VIEWED
    ):
        return recent
    return _record_view(user, lesson, now)


@transaction.atomic
def _record_view(user, lesson: LessonPage, now) -> LessonProgress:
    progress = _locked_progress(user, lesson, now)
    progress.last_viewed_at = now
    progress.last_language = translation.get_language() or ""
    if lesson.completion_rule == CompletionRule.VIEWED and not progress.is_complete:
        progress.completed_at = now
        progress.completed_by = CompletionRule.VIEWED
    progress.save()
    _event(user, lesson, LessonEvent.Kind.VIEWED, now)
    return progress


@transaction.atomic
def lesson_mark_done(*, user, lesson: LessonPage) -> LessonProgress:
    """The participant says they have finished the lesson. Not for lessons completed by
    passing an activity: those are done when the activity says so."""
    if lesson.completion_rule == CompletionRule.ACTIVITY_PASSED:
        raise CompletionNotAllowed
    return _complete(
        user, lesson, CompletionRule.MARKED_DONE, LessonEvent.Kind.MARKED_DONE
    )


@transaction.atomic
def lesson_activity_passed(*, user, lesson: LessonPage) -> LessonProgress:
    """A quiz or H5P activity in the lesson was passed (called through `cms.signals`)."""
    return _complete(
        user, lesson, CompletionRule.ACTIVITY_PASSED, LessonEvent.Kind.ACTIVITY_PASSED
    )


def _complete(user, lesson, rule, kind) -> LessonProgress:
    """Complete the lesson the first time; later calls change nothing (double submits)."""
    now = timezone.now()
    progress = _locked_progress(user, lesson, now)
    if not progress.is_complete:
        progress.completed_at = now
        progress.completed_by = rule
        progress.save()
        _event(user, lesson, kind, now)
    return progress


def _locked_progress(user, lesson, now) -> LessonProgress:
    """The person's progress row for the lesson, created if needed and locked for update."""
    module_key, course_key = _keys(lesson)
    _ensure_enrolled(user, course_key)
    return _progress_for_update(user, lesson, module_key, course_key, now)


def _progress_for_update(user, lesson, module_key, course_key, now) -> LessonProgress:
    defaults = {
        "module_key": module_key,
        "course_key": course_key,
        "first_viewed_at": now,
        "last_viewed_at": now,
        "last_language": translation.get_language() or "",
    }
    try:
        with transaction.atomic():
            progress, _created = LessonProgress.objects.get_or_create(
                user=user, lesson_key=lesson.translation_key, defaults=defaults
            )
    except IntegrityError:  # the same lesson opened twice at once
        pass
    return LessonProgress.objects.select_for_update().get(
        user=user, lesson_key=lesson.translation_key
    )


def _event(user, lesson, kind, now) -> None:
    LessonEvent.objects.create(
        user=user,
        lesson_key=lesson.translation_key,
        kind=kind,
        language=translation.get_language() or "",
        at=now,
    )
