from courses import services
from courses.models import CompletionRule, LessonPage


def complete_lesson_on_activity(sender, *, user, page, score=None, **kwargs):
    """A passed quiz or H5P activity completes its lesson when that is the lesson's rule."""
    lesson = page.specific if not isinstance(page, LessonPage) else page
    if (
        isinstance(lesson, LessonPage)
        and lesson.completion_rule == CompletionRule.ACTIVITY_PASSED
    ):
        services.lesson_activity_passed(user=user, lesson=lesson)
