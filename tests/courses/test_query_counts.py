"""Page query counts stay flat as courses grow (budgets per page; issue 11 tightens them)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import LessonPage
from tests.course_fixtures import _lesson

pytestmark = pytest.mark.django_db

BUDGETS = {"lesson": 40, "course": 30, "index": 20, "learning": 12}


def _count(client, url):
    client.get(url)  # warm caches (site root paths, session)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _urls(tree):
    return {
        "lesson": tree.lessons[1].url,
        "course": tree.course.url,
        "index": tree.index.url,
        "learning": "/en/learning/",
    }


def test_page_queries_within_budget_and_flat(client, participant, course_tree):
    client.force_login(participant)
    before = {name: _count(client, url) for name, url in _urls(course_tree).items()}
    for name, count in before.items():
        assert count <= BUDGETS[name], f"{name}: {count} queries"
    for n in range(6):  # three times the lessons
        _lesson(course_tree.modules[n % 2], f"extra-{n}", "marked_done")
    assert LessonPage.objects.count() == 10
    after = {name: _count(client, url) for name, url in _urls(course_tree).items()}
    assert after == before
