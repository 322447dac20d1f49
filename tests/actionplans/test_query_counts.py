"""The officer's overview, the review queue, a plan, My action plans and the API lists cost
the same number of queries for 3 participants as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans import services
from cohorts import services as cohort_services
from tests import factories
from tests.plan_fixtures import approved_plan, complete_content

pytestmark = pytest.mark.django_db
BUDGET = 25


def _count(client, url):
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _add(plan_set, people):
    for person in people:
        if not person.enrolments.filter(cohort=plan_set.cohort).exists():
            cohort_services.enrol(cohort=plan_set.cohort, user=person)
        plan = approved_plan(plan_set.cohort, person, plan_set.trainer)
        other = factories.make_participant()
        cohort_services.enrol(cohort=plan_set.cohort, user=other)
        draft = services.start_plan(user=other, cohort=plan_set.cohort, language="en")
        services.submit_plan(
            plan=draft, revision=draft.revision, by=other, content=complete_content()
        )
    return plan


def test_pages_and_lists_stay_flat_as_the_cohort_grows(client, plan_set):
    cohort_services.change_capacity(cohort=plan_set.cohort, capacity=80)
    plan = _add(plan_set, plan_set.enrolled[:2])
    staff_urls = {
        "overview": f"/en/plans/cohorts/{plan_set.cohort.pk}/",
        "queue": "/en/plans/review/",
        "plan": f"/en/plans/{plan.pk}/",
        "api plans": "/api/v1/action-plans/",
        "api reports": "/api/v1/follow-ups/reports/",
    }
    client.force_login(plan_set.officer)
    small = {name: _count(client, url) for name, url in staff_urls.items()}
    _add(plan_set, [factories.make_participant() for _ in range(14)])
    large = {name: _count(client, url) for name, url in staff_urls.items()}
    assert large == small
    assert all(count <= BUDGET for count in small.values()), small


def test_my_action_plans_is_flat_in_the_number_of_cohorts(client, plan_set):
    user = plan_set.enrolled[0]
    client.force_login(user)
    one = _count(client, "/en/plans/")
    from tests.cohort_fixtures import share_cohort

    for _ in range(4):
        share_cohort(factories.make_trainer(), user)
    assert _count(client, "/en/plans/") == one <= BUDGET
