"""The xAPI endpoint: who may post, which statements count, score bounds, a resend counted
once, the best result kept, and a passed activity completing its lesson."""

import uuid

import pytest
from rest_framework.test import APIClient

from courses.models import LessonProgress
from interactive.models import H5PResult, H5PStatement
from tests import factories
from tests.cohort_fixtures import share_cohort
from tests.h5p_fixtures import statement

pytestmark = pytest.mark.django_db
URL = "/api/v1/h5p/statements/"


@pytest.fixture
def api():
    return APIClient()


def post(api, content, body=None, *, key=None, page=None):
    payload = {
        "key": str(key or uuid.uuid4()),
        "content": content.pk,
        "statement": body if body is not None else statement(),
    }
    if page is not None:
        payload["page"] = page.pk
    return api.post(URL, payload, format="json")


def test_anonymous_visitors_cannot_post(api, h5p_activity):
    assert post(api, h5p_activity).status_code in (401, 403)
    assert not H5PResult.objects.exists()


def test_a_session_without_the_csrf_token_is_refused(
    h5p_activity, participant, password
):
    client = APIClient(enforce_csrf_checks=True)
    client.login(username=participant.email, password=password)
    assert post(client, h5p_activity).status_code == 403
    assert not H5PStatement.objects.exists()


def test_a_completed_statement_is_recorded(api, participant, h5p_activity):
    api.force_authenticate(participant)
    response = post(api, h5p_activity, statement(raw=3, max_score=4, success=True))
    assert response.status_code == 201
    assert response.json() == {
        "score": "3.00",
        "max_score": "4.00",
        "percent": 75.0,
        "completed": True,
        "passed": True,
        "duplicate": False,
    }
    result = H5PResult.objects.get(user=participant, content=h5p_activity)
    assert (result.scaled, result.completed, result.success, result.passed) == (
        0.75,
        True,
        True,
        True,
    )
    assert "actor" not in H5PStatement.objects.get().statement


def test_a_resent_statement_counts_once(api, participant, h5p_activity):
    api.force_authenticate(participant)
    key = uuid.uuid4()
    assert (
        post(api, h5p_activity, statement(raw=1, max_score=2), key=key).status_code
        == 201
    )
    again = post(api, h5p_activity, statement(raw=1, max_score=2), key=key)
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert H5PStatement.objects.count() == 1
    assert H5PResult.objects.get().statements == 1


def test_the_same_key_from_another_person_is_theirs(api, participant, h5p_activity):
    key = uuid.uuid4()
    api.force_authenticate(participant)
    post(api, h5p_activity, key=key)
    other = factories.make_participant()
    api.force_authenticate(other)
    assert post(api, h5p_activity, key=key).status_code == 201
    assert H5PResult.objects.count() == 2


def test_the_best_score_is_kept_and_success_is_not_lost(api, participant, h5p_activity):
    api.force_authenticate(participant)
    post(api, h5p_activity, statement(raw=4, max_score=5, success=True))
    post(api, h5p_activity, statement(raw=1, max_score=5, success=False))
    result = H5PResult.objects.get()
    assert (result.score, result.max_score, result.success, result.passed) == (
        4,
        5,
        True,
        True,
    )
    assert result.statements == 2


@pytest.mark.parametrize(
    "score",
    [
        {"min": 0, "max": 4, "raw": 5},
        {"min": 0, "max": 4, "raw": -1},
        {"min": 0, "max": 0, "raw": 0},
        {"min": 0, "max": 10**9, "raw": 1},
        {"min": 1, "max": 4, "raw": 2},
        {"min": 0, "max": 4, "raw": 2, "scaled": 0.9},
        {"min": 0, "max": 4, "raw": "lots"},
        {"min": 0, "max": 4, "raw": True},
        {"min": 0, "max": 4, "raw": "NaN"},
        {"min": 0, "max": 4},
        "4 of 4",
    ],
)
def test_scores_out_of_bounds_or_unreadable_are_refused(
    api, participant, h5p_activity, score
):
    api.force_authenticate(participant)
    body = statement()
    body["result"]["score"] = score
    response = post(api, h5p_activity, body)
    assert response.status_code == 400
    assert response.json()["detail"]
    assert not H5PResult.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        statement(verb="interacted"),
        statement(verb="attempted", raw=None, success=None),
        {"verb": "completed"},
        statement(
            object={
                "id": "x",
                "definition": {
                    "extensions": {"http://h5p.org/x-api/h5p-subContentId": "a"}
                },
            }
        ),
        [],
        "completed",
    ],
)
def test_statements_that_do_not_report_the_whole_activity_are_refused(
    api, participant, h5p_activity, body
):
    api.force_authenticate(participant)
    assert post(api, h5p_activity, body).status_code == 400
    assert not H5PResult.objects.exists()


def test_a_bad_key_or_a_missing_activity(api, participant, h5p_activity):
    api.force_authenticate(participant)
    response = api.post(
        URL,
        {"key": "not-a-uuid", "content": h5p_activity.pk, "statement": {}},
        format="json",
    )
    assert response.status_code == 400
    response = api.post(
        URL,
        {"key": str(uuid.uuid4()), "content": 999999, "statement": statement()},
        format="json",
    )
    assert response.status_code == 404


def test_passing_completes_the_lesson_that_plays_it(
    api, participant, h5p_lesson, h5p_activity
):
    api.force_authenticate(participant)
    post(
        api, h5p_activity, statement(raw=0, max_score=1, success=False), page=h5p_lesson
    )
    assert not LessonProgress.objects.filter(
        user=participant, completed_at__isnull=False
    )
    response = post(api, h5p_activity, statement(raw=1, max_score=1), page=h5p_lesson)
    assert response.status_code == 201
    progress = LessonProgress.objects.get(user=participant)
    assert progress.completed_by == "activity_passed"
    assert H5PResult.objects.get().page_id == h5p_lesson.pk


def test_a_lesson_that_does_not_play_it_is_refused(
    api, participant, course_tree, h5p_activity
):
    api.force_authenticate(participant)
    lesson = course_tree.lessons[3]
    response = post(api, h5p_activity, page=lesson)
    assert response.status_code == 400
    assert not LessonProgress.objects.exists()
    assert not H5PResult.objects.exists()


def test_the_activitys_pass_mark_decides(api, participant, h5p_activity):
    h5p_activity.pass_mark = 80
    h5p_activity.save()
    api.force_authenticate(participant)
    post(api, h5p_activity, statement(raw=3, max_score=4, success=True))
    assert H5PResult.objects.get().passed is False
    post(api, h5p_activity, statement(raw=4, max_score=5))
    assert H5PResult.objects.get().passed is True


def test_completion_alone_passes_an_activity_without_a_score(
    api, participant, h5p_activity
):
    api.force_authenticate(participant)
    response = post(api, h5p_activity, statement(raw=None, success=None))
    assert response.status_code == 201
    assert response.json()["passed"] is True


def test_results_participants_see_their_own_staff_their_cohorts(
    api, participant, trainer, h5p_activity
):
    other = factories.make_participant()
    stranger = factories.make_participant()  # in no cohort of the trainer's
    for user in (participant, other, stranger):
        api.force_authenticate(user)
        post(api, h5p_activity)
    share_cohort(trainer, participant, other)
    api.force_authenticate(participant)
    rows = api.get("/api/v1/h5p/results/").json()["results"]
    assert [row["user"] for row in rows] == [participant.pk]
    api.force_authenticate(trainer)
    assert api.get("/api/v1/h5p/results/").json()["count"] == 2
    assert (
        api.get(f"/api/v1/h5p/results/?content={h5p_activity.pk}").json()["count"] == 2
    )


def test_activities_list_their_language_versions(api, participant, h5p_activity):
    from interactive import services
    from tests.h5p_fixtures import h5p_package

    sinhala = services.install_package(
        services.check(h5p_package(title="si")),
        language="si",
        translation_of=h5p_activity,
    )
    api.force_authenticate(participant)
    rows = api.get("/api/v1/h5p/activities/").json()["results"]
    by_id = {row["id"]: row for row in rows}
    assert by_id[h5p_activity.pk]["translations"] == {"si": sinhala.pk}
    assert by_id[h5p_activity.pk]["content_type"] == "H5P.ClusterCheck 1.0"
    assert [
        r["id"] for r in api.get("/api/v1/h5p/activities/?lang=si").json()["results"]
    ] == [sinhala.pk]


def test_odd_input_never_gives_a_500(api, participant, h5p_activity, client):
    api.force_authenticate(participant)
    assert api.get("/api/v1/h5p/results/?content=²").status_code == 200
    assert post(api, h5p_activity, statement(object="x")).status_code in (201, 400)
    broken = statement()
    broken["result"]["score"] = {"min": 0, "max": 1, "raw": 1}
    broken["object"] = {"definition": "text"}
    assert post(api, h5p_activity, broken).status_code in (201, 400)
    assert client.get("/h5p/files/content/a%00b/x.json", follow=True).status_code == 404
