"""The browser tests' live server itself: a phone's page and its service worker's sync
arrive at once, and neither may break the other (on SQLite in memory they share one
connection; see `tests.e2e.conftest`)."""

import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from tests.e2e.conftest import one_at_a_time
from tests.factories import make_participant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_requests_that_write_at_the_same_time_all_succeed(
    live_server, client, course_tree
):
    from courses.models import LessonProgress

    person = make_participant(phone="+94771112300", preferred_language="en")
    client.force_login(person)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    urls = [live_server.url + lesson.get_url() for lesson in course_tree.lessons] * 4

    def fetch(url):
        request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 (http to the live server)
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(fetch, urls))

    assert statuses == [200] * len(urls)
    with one_at_a_time():
        assert LessonProgress.objects.filter(user=person).count() == len(
            course_tree.lessons
        )
