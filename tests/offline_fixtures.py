"""A participant with something of each kind to do offline: a course whose last lesson holds
a quiz, an approved action plan, and a follow-up report open today."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from tests.plan_fixtures import approved_plan


@pytest.fixture
def offline_world(course_tree, quiz_set, plan_set):
    lesson = course_tree.lessons[3]
    lesson.body = [
        {"type": "paragraph", "value": "<p>Check what you learnt.</p>"},
        {"type": "quiz", "value": {"quiz": quiz_set.quiz.pk}},
    ]
    lesson.save_revision().publish()
    cohort = plan_set.cohort
    # The cohort ended five weeks ago: its one-month report is open now.
    cohort.ends_on = date.today() - timedelta(days=35)
    cohort.starts_on = cohort.ends_on - timedelta(days=60)
    cohort.save()
    person = plan_set.enrolled[0]
    plan = approved_plan(cohort, person, plan_set.trainer)
    checkpoint = cohort.checkpoints.get(offset_months=1)
    return SimpleNamespace(
        person=person,
        other=plan_set.enrolled[1],
        course=course_tree.course,
        lessons=course_tree.lessons,
        quiz=quiz_set.quiz,
        quiz_lesson=lesson,
        cohort=cohort,
        plan=plan,
        checkpoint=checkpoint,
        officer=plan_set.officer,
        trainer=plan_set.trainer,
    )
