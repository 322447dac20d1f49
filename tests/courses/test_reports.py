import pytest
from django.test import Client

from courses import services
from courses.selectors import course_report, participant_report
from tests.cohort_fixtures import share_cohort
from tests.factories import make_participant

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def progress(course_tree):
    kumari = make_participant(full_name="Kumari")
    sunil = make_participant(full_name="Sunil")
    for lesson in course_tree.lessons[:2]:
        services.lesson_view(user=kumari, lesson=lesson)
        services.lesson_mark_done(
            user=kumari, lesson=lesson
        ) if lesson.completion_rule == "marked_done" else None
    services.lesson_view(user=sunil, lesson=course_tree.lessons[0])
    return kumari, sunil


def test_course_report_numbers(course_tree, progress, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        rows = course_report()
    row = rows[0]
    assert (row.participants, row.finished, row.average_percent) == (2, 0, 38)


def test_participant_report(course_tree, progress):
    rows = participant_report(course=course_tree.course)
    assert [(r.user.full_name, r.done, r.total, r.percent) for r in rows] == [
        ("Kumari", 2, 4, 50),
        ("Sunil", 1, 4, 25),
    ]


@pytest.mark.parametrize("role", ["trainer", "officer", "administrator"])
def test_staff_read_the_reports(request, role, course_tree, progress):
    from people.models import User

    staff = request.getfixturevalue(role)
    share_cohort(staff, *User.objects.filter(lesson_progress__isnull=False).distinct())
    client = _client(staff)
    response = client.get("/admin/course-reports/")
    assert response.status_code == 200
    assert "HACCP basics" in response.content.decode()
    detail = client.get(f"/admin/course-reports/{course_tree.course.pk}/")
    assert "Kumari" in detail.content.decode()
    csv = client.get(f"/admin/course-reports/{course_tree.course.pk}/?export=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Kumari" in csv.content.decode("utf-8-sig")


def test_participants_cannot_read_reports(participant, course_tree, progress):
    response = _client(participant).get("/admin/course-reports/")
    assert response.status_code == 302  # to the admin sign-in, never the data


def test_report_for_a_missing_course_is_404(trainer, course_tree):
    assert _client(trainer).get("/admin/course-reports/999999/").status_code == 404


def test_report_pages_are_titled(trainer, course_tree):
    page = _client(trainer).get("/admin/course-reports/").content.decode()
    assert "Course progress" in page
