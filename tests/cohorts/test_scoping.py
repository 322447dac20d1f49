"""Trainers and officers see the learning records (quiz attempts, H5P results, course
progress) of the participants in their own cohorts only; administrators see everyone's."""

import uuid

import pytest
from rest_framework.test import APIClient

from assessments import services as quiz_services
from cohorts import services
from courses import services as course_services
from interactive import services as h5p_services
from tests import factories
from tests.h5p_fixtures import statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(cohort_set, quiz_set, h5p_activity, course_tree):
    """Grower 1 is in the cohort; Grower 5 is in no cohort. Both have a quiz attempt, an
    H5P result and course progress."""
    inside, outside = cohort_set.participants[0], cohort_set.participants[4]
    services.enrol(cohort=cohort_set.cohort, user=inside)
    for person in (inside, outside):
        quiz_services.attempt_start(user=person, quiz=quiz_set.quiz)
        h5p_services.record_statement(
            user=person, content=h5p_activity, key=uuid.uuid4(), statement=statement()
        )
        course_services.course_enrol(user=person, course=course_tree.course)
    return inside, outside


def _users(api, url, field="user"):
    response = api.get(url)
    assert response.status_code == 200, response.content
    return {row[field] for row in response.json()["results"]}


def test_each_trainer_sees_their_cohorts_participants(cohort_set, records):
    inside, outside = records
    api = APIClient()
    api.force_authenticate(cohort_set.trainer)
    assert _users(api, "/api/v1/attempts/", "participant") == {inside.full_name}
    assert _users(api, "/api/v1/h5p/results/") == {inside.pk}
    api.force_authenticate(factories.make_trainer())  # teaches no cohort
    assert _users(api, "/api/v1/attempts/", "participant") == set()
    assert _users(api, "/api/v1/h5p/results/") == set()
    api.force_authenticate(factories.make_administrator())
    assert _users(api, "/api/v1/attempts/", "participant") == {
        inside.full_name,
        outside.full_name,
    }


def test_exports_follow_the_same_rule(
    client, cohort_set, records, h5p_activity, quiz_set, course_tree
):
    inside, outside = records
    client.force_login(cohort_set.officer)
    h5p = client.get(f"/admin/h5p-results/results/{h5p_activity.pk}/").content.decode(
        "utf-8-sig"
    )
    assert inside.full_name in h5p and outside.full_name not in h5p
    quiz = client.get(f"/admin/quizzes/results/{quiz_set.quiz.pk}/?export=csv")
    text = quiz.content.decode("utf-8-sig")
    assert inside.full_name in text and outside.full_name not in text
    progress = client.get(
        f"/admin/course-reports/{course_tree.course.pk}/?export=csv"
    ).content.decode("utf-8-sig")
    assert inside.full_name in progress and outside.full_name not in progress


def test_the_h5p_totals_count_only_their_cohorts(
    client, cohort_set, records, h5p_activity
):
    client.force_login(cohort_set.trainer)
    context = client.get("/admin/h5p-results/results/").context
    activity = next(a for a in context["activities"] if a.pk == h5p_activity.pk)
    assert activity.players == 1
    client.force_login(factories.make_administrator())
    context = client.get("/admin/h5p-results/results/").context
    activity = next(a for a in context["activities"] if a.pk == h5p_activity.pk)
    assert activity.players == 2
