"""The H5P block, the player page and the statement endpoint cost a fixed number of queries,
however many activities, versions and results there are."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from interactive import services
from tests import factories
from tests.h5p_fixtures import h5p_package, statement

pytestmark = pytest.mark.django_db


def _count(call):
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code in (200, 201), response.status_code
    return len(queries)


def _more_data(activity):
    for language in ("si", "ta", "km"):
        services.install_package(
            services.check(h5p_package(title=language)),
            language=language,
            translation_of=activity,
        )
    for _ in range(5):
        services.record_statement(
            user=factories.make_participant(),
            content=activity,
            key=uuid.uuid4(),
            statement=statement(),
        )


def test_lesson_player_and_statement_stay_flat(
    client, participant, h5p_lesson, h5p_activity
):
    client.force_login(participant)
    api = APIClient()
    api.force_authenticate(participant)
    lesson_url = h5p_lesson.get_url()

    def measure():
        return {
            "lesson": _count(lambda: client.get(lesson_url)),
            "player": _count(lambda: client.get(f"/h5p/play/{h5p_activity.uuid}/")),
            "statement": _count(
                lambda: api.post(
                    "/api/v1/h5p/statements/",
                    {
                        "key": str(uuid.uuid4()),
                        "content": h5p_activity.pk,
                        "page": h5p_lesson.pk,
                        "statement": statement(),
                    },
                    format="json",
                )
            ),
        }

    measure()  # warm caches (site root, locales)
    small = measure()
    _more_data(h5p_activity)
    large = measure()
    assert large == small
    assert (
        small["lesson"] <= 40
    )  # the courses budget (tests/courses/test_query_counts.py)
    assert small["player"] <= 3
    assert small["statement"] <= 16
