"""Places, the waiting list in order, requests to join, withdrawal — and two enrolments at
once never both taking the last place."""

import threading

import pytest
from django.db import connection

from cohorts import services
from cohorts.models import Cohort, Enrolment
from tests import factories

pytestmark = pytest.mark.django_db


def statuses(cohort):
    return {
        e.user.full_name: e.status
        for e in Enrolment.objects.filter(cohort=cohort).select_related("user")
    }


def test_places_then_the_waiting_list(cohort_set):
    cohort, people = cohort_set.cohort, cohort_set.participants
    results = [services.enrol(cohort=cohort, user=p).status for p in people]
    assert results == ["enrolled"] * 3 + ["waitlisted"] * 2
    # Enrolling again changes nothing.
    assert services.enrol(cohort=cohort, user=people[0]).status == "enrolled"
    assert Enrolment.objects.count() == 5


def test_a_freed_place_goes_to_the_first_on_the_waiting_list(cohort_set):
    cohort, people = cohort_set.cohort, cohort_set.participants
    enrolments = [services.enrol(cohort=cohort, user=p) for p in people]
    services.withdraw(enrolment=enrolments[1], reason="Moved to Colombo")
    got = statuses(cohort)
    assert got["Grower 2"] == "withdrawn"
    assert got["Grower 4"] == "enrolled"
    assert got["Grower 5"] == "waitlisted"
    withdrawn = Enrolment.objects.get(user=people[1])
    assert withdrawn.reason == "Moved to Colombo" and withdrawn.withdrawn_at


def test_more_places_promote_in_order_fewer_remove_no_one(cohort_set):
    cohort, people = cohort_set.cohort, cohort_set.participants
    for p in people:
        services.enrol(cohort=cohort, user=p)
    promoted = services.change_capacity(cohort=cohort, capacity=4)
    assert [e.user.full_name for e in promoted] == ["Grower 4"]
    services.change_capacity(cohort=cohort, capacity=2)
    assert list(statuses(cohort).values()).count("enrolled") == 4


def test_withdrawal_needs_a_reason(cohort_set):
    enrolment = services.enrol(
        cohort=cohort_set.cohort, user=cohort_set.participants[0]
    )
    with pytest.raises(services.CohortError):
        services.withdraw(enrolment=enrolment, reason="  ")


def test_requests_to_join_wait_for_an_officer(cohort_set):
    cohort, people = cohort_set.cohort, cohort_set.participants
    request = services.request_to_join(cohort=cohort, user=people[0])
    assert request.status == "requested"
    assert services.approve(enrolment=request).status == "enrolled"
    other = services.request_to_join(cohort=cohort, user=people[1])
    assert (
        services.decline(enrolment=other, reason="Not in the cluster").status
        == "declined"
    )


def test_requests_only_while_the_cohort_is_open(cohort_set):
    cohort = cohort_set.cohort
    cohort.status = Cohort.Status.PLANNED
    cohort.save()
    with pytest.raises(services.CohortError):
        services.request_to_join(cohort=cohort, user=cohort_set.participants[0])
    cohort.status = Cohort.Status.OPEN
    cohort.self_enrolment = False
    cohort.save()
    with pytest.raises(services.CohortError):
        services.request_to_join(cohort=cohort, user=cohort_set.participants[0])


def test_no_enrolment_in_a_closed_cohort(cohort_set):
    cohort = cohort_set.cohort
    cohort.status = Cohort.Status.CANCELLED
    cohort.save()
    with pytest.raises(services.CohortError):
        services.enrol(cohort=cohort, user=cohort_set.participants[0])


def test_enrolment_and_the_waiting_list_tell_the_participant_once(
    cohort_set, mailoutbox, django_capture_on_commit_callbacks
):
    cohort, people = cohort_set.cohort, cohort_set.participants
    with django_capture_on_commit_callbacks(execute=True):
        for person in people[:4]:
            services.enrol(cohort=cohort, user=person)
        services.enrol(cohort=cohort, user=people[0])  # again: no second message
    assert len(mailoutbox) == 4
    assert [m.to for m in mailoutbox] == [[p.email] for p in people[:4]]
    assert cohort.name in mailoutbox[0].subject
    assert "number 1" in mailoutbox[3].body or "1" in mailoutbox[3].body
    first = Enrolment.objects.get(user=people[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(enrolment=first, reason="Ill")
    assert mailoutbox[-1].to == [people[3].email]  # promoted: told so
    assert len(mailoutbox) == 5


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: row locks across real connections (SQLite serialises)",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_enrolments_never_overfill(migrated_data, cohort_set):
    cohort = cohort_set.cohort
    people = [factories.make_participant() for _ in range(12)]
    barrier = threading.Barrier(len(people))
    errors = []

    def enrol(user):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.enrol(cohort=cohort, user=user)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=enrol, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts = {
        status: Enrolment.objects.filter(cohort=cohort, status=status).count()
        for status in ("enrolled", "waitlisted")
    }
    assert counts == {"enrolled": 3, "waitlisted": 9}


def test_a_newcomer_never_overtakes_the_waiting_list(cohort_set):
    cohort, people = cohort_set.cohort, cohort_set.participants
    for person in people[:4]:
        services.enrol(cohort=cohort, user=person)
    Cohort.objects.filter(pk=cohort.pk).update(capacity=4)  # e.g. changed elsewhere
    cohort.refresh_from_db()
    newcomer = services.enrol(cohort=cohort, user=people[4])
    assert Enrolment.objects.get(user=people[3]).status == "enrolled"
    assert newcomer.status == "waitlisted"
