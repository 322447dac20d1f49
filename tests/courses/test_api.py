import pytest
from rest_framework.test import APIClient

from courses import services
from tests.factories import make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(participant):
    client = APIClient()
    client.force_authenticate(participant)
    return client


def test_courses_need_authentication(course_tree):
    assert APIClient().get("/api/v1/courses/").status_code in (401, 403)
    assert APIClient().get("/api/v1/progress/").status_code in (401, 403)


def test_course_outline_with_my_progress(api, participant, course_tree):
    services.lesson_view(user=participant, lesson=course_tree.lessons[0])
    data = api.get("/api/v1/courses/").json()
    assert len(data) == 1
    course = data[0]
    assert course["title"] == "HACCP basics"
    assert (course["done"], course["total"], course["percent"]) == (1, 4, 25)
    assert course["modules"][0]["lessons"][0]["done"] is True
    assert course["next_lesson"] == course_tree.lessons[1].pk
    assert api.get(f"/api/v1/courses/{course_tree.course.pk}/").json()["percent"] == 25


def test_courses_in_another_language(api, course_tree, khmer_tree):
    data = api.get("/api/v1/courses/?lang=km").json()
    assert [c["language"] for c in data] == ["km"]
    assert data[0]["title"] == khmer_tree[course_tree.course.pk].title


def test_record_progress_and_read_it_back(api, course_tree):
    hygiene = course_tree.lessons[1]
    response = api.post("/api/v1/progress/", {"lesson": hygiene.pk, "action": "viewed"})
    assert response.status_code == 200 and response.json()["done"] is False
    response = api.post("/api/v1/progress/", {"lesson": hygiene.pk, "action": "done"})
    assert response.json()["done"] is True
    again = api.post("/api/v1/progress/", {"lesson": hygiene.pk, "action": "done"})
    assert again.json()["completed_at"] == response.json()["completed_at"]
    listing = api.get("/api/v1/progress/").json()
    assert listing["count"] == 1


def test_progress_is_private(api, course_tree):
    other = make_participant()
    services.lesson_view(user=other, lesson=course_tree.lessons[0])
    assert api.get("/api/v1/progress/").json()["count"] == 0
    outline = api.get("/api/v1/courses/").json()[0]
    assert outline["done"] == 0


def test_bad_progress_requests(api, course_tree):
    assert (
        api.post("/api/v1/progress/", {"lesson": 999999, "action": "done"}).status_code
        == 400
    )
    response = api.post(
        "/api/v1/progress/", {"lesson": course_tree.lessons[0].pk, "action": "x"}
    )
    assert response.status_code == 400
    quiz = course_tree.lessons[3]
    response = api.post("/api/v1/progress/", {"lesson": quiz.pk, "action": "done"})
    assert response.status_code == 400
    assert "activity" in response.json()["action"][0]
    assert api.get("/api/v1/progress/?course=not-a-uuid").json()["count"] == 0
    assert api.get("/api/v1/courses/abc/").status_code == 404


def test_unpublished_lesson_cannot_be_recorded(api, course_tree):
    lesson = course_tree.lessons[0]
    lesson.unpublish()
    response = api.post("/api/v1/progress/", {"lesson": lesson.pk, "action": "viewed"})
    assert response.status_code == 400
