"""The register, My schedule and the People screen cost the same number of queries for 3
participants as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cohorts import services
from tests import factories

pytestmark = pytest.mark.django_db
BUDGETS = {"register": 20, "schedule": 20, "people": 40}


def _count(client, url):
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_pages_stay_flat_as_the_cohort_grows(client, cohort_set):
    cohort = cohort_set.cohort
    urls = {
        "register": f"/en/schedule/sessions/{cohort_set.workshop.pk}/register/",
        "schedule": "/en/schedule/",
        "people": f"/admin/cohort-people/{cohort.pk}/people/",
    }
    for person in cohort_set.participants[:3]:
        services.enrol(cohort=cohort, user=person)
    client.force_login(cohort_set.officer)
    small = {name: _count(client, url) for name, url in urls.items()}
    services.change_capacity(cohort=cohort, capacity=40)
    for _ in range(27):
        services.enrol(cohort=cohort, user=factories.make_participant())
    large = {name: _count(client, url) for name, url in urls.items()}
    assert large == small
    for name, count in small.items():
        assert count <= BUDGETS[name], (name, count)
