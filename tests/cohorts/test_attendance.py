"""The register (also after the fact, never overwriting someone else's change), QR check-in
only in the session's window and cohort, attendance rates, and clash warnings."""

from datetime import timedelta

import pytest

from cohorts import selectors, services
from cohorts.models import Attendance, Cohort, Enrolment, Session
from tests import factories
from tests.cohort_fixtures import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(cohort_set):
    for person in cohort_set.participants[:3]:
        services.enrol(cohort=cohort_set.cohort, user=person)
    return cohort_set.participants[:3]


def entry(user, status, seen=""):
    return services.RegisterEntry(user_id=user.pk, status=status, seen=seen)


def test_the_register_saves_each_participant_once(cohort_set, enrolled):
    session, trainer = cohort_set.workshop, cohort_set.trainer
    result = services.take_register(
        session=session,
        entries=[
            entry(enrolled[0], "present"),
            entry(enrolled[1], "late"),
            entry(enrolled[2], "excused"),
        ],
        by=trainer,
    )
    assert (result.saved, result.conflicts) == (3, [])
    rows = {a.user_id: a for a in Attendance.objects.filter(session=session)}
    assert rows[enrolled[1].pk].status == "late"
    assert rows[enrolled[1].pk].recorded_by == trainer
    assert rows[enrolled[1].pk].method == "register"


def test_someone_not_enrolled_or_a_made_up_status_is_ignored(cohort_set, enrolled):
    outsider = cohort_set.participants[4]
    result = services.take_register(
        session=cohort_set.workshop,
        entries=[entry(outsider, "present"), entry(enrolled[0], "sleeping")],
        by=cohort_set.trainer,
    )
    assert result.saved == 0
    assert not Attendance.objects.exists()


def test_two_trainers_at_once_nothing_is_overwritten_silently(cohort_set, enrolled):
    session = cohort_set.workshop
    first_view = ""  # both trainers opened the register before anything was recorded
    services.take_register(
        session=session,
        entries=[entry(enrolled[0], "present", first_view)],
        by=cohort_set.trainer,
    )
    other_trainer = factories.make_trainer()
    result = services.take_register(
        session=session,
        entries=[
            entry(enrolled[0], "absent", first_view),
            entry(enrolled[1], "present"),
        ],
        by=other_trainer,
    )
    assert result.conflicts == [enrolled[0].pk]
    assert result.saved == 1
    assert Attendance.objects.get(user=enrolled[0]).status == "present"
    # Seen the current state, the change goes through.
    row = Attendance.objects.get(user=enrolled[0])
    result = services.take_register(
        session=session,
        entries=[entry(enrolled[0], "absent", services.register_stamp(row))],
        by=other_trainer,
    )
    assert result.saved == 1
    assert Attendance.objects.get(user=enrolled[0]).status == "absent"


@pytest.mark.parametrize(
    "minutes, outcome",
    [
        (-31, "opens 30 minutes before"),
        (-30, "present"),
        (0, "present"),
        (15, "present"),
        (16, "late"),
        (7 * 60, "late"),
        (7 * 60 + 1, "has ended"),
    ],
)
def test_check_in_only_in_the_sessions_window(cohort_set, enrolled, minutes, outcome):
    session = cohort_set.workshop
    now = session.starts_at + timedelta(minutes=minutes)
    if outcome in ("present", "late"):
        row = services.check_in(token=session.check_in_token, user=enrolled[0], now=now)
        assert (row.status, row.method) == (outcome, "check_in")
    else:
        with pytest.raises(services.CohortError, match=outcome):
            services.check_in(token=session.check_in_token, user=enrolled[0], now=now)
        assert not Attendance.objects.exists()


def test_check_in_for_another_cohort_or_a_wrong_code_is_refused(cohort_set, enrolled):
    other = Cohort.objects.create(
        programme=cohort_set.programme,
        name="Potters",
        language="en",
        starts_on=cohort_set.cohort.starts_on,
        ends_on=cohort_set.cohort.ends_on,
    )
    other_session = make_session(other, cohort_set.workshop.starts_at)
    now = other_session.starts_at
    with pytest.raises(services.CohortError, match="not enrolled"):
        services.check_in(token=other_session.check_in_token, user=enrolled[0], now=now)
    with pytest.raises(services.CohortError, match="not valid"):
        services.check_in(token="made-up", user=enrolled[0], now=now)
    waiting = cohort_set.participants[3]
    services.enrol(cohort=cohort_set.cohort, user=waiting)  # full: waiting list
    with pytest.raises(services.CohortError, match="not enrolled"):
        services.check_in(
            token=cohort_set.workshop.check_in_token, user=waiting, now=now
        )


def test_checking_in_twice_keeps_the_first_time(cohort_set, enrolled):
    session = cohort_set.workshop
    services.check_in(
        token=session.check_in_token, user=enrolled[0], now=session.starts_at
    )
    again = services.check_in(
        token=session.check_in_token,
        user=enrolled[0],
        now=session.starts_at + timedelta(hours=1),
    )
    assert again.status == "present"
    assert Attendance.objects.count() == 1


def test_attendance_rates_per_participant_and_cohort(cohort_set, enrolled):
    cohort = cohort_set.cohort
    services.take_register(
        session=cohort_set.workshop,
        entries=[
            entry(enrolled[0], "present"),
            entry(enrolled[1], "absent"),
            entry(enrolled[2], "late"),
        ],
        by=cohort_set.trainer,
    )
    services.take_register(
        session=cohort_set.visit,
        entries=[entry(enrolled[0], "present"), entry(enrolled[1], "excused")],
        by=cohort_set.trainer,
    )
    after_both = cohort_set.visit.ends_at + timedelta(hours=1)
    rates = selectors.attendance_by_participant(cohort, now=after_both)
    assert {k: (r.held, r.attended, r.percent) for k, r in rates.items()} == {
        enrolled[0].pk: (2, 2, 100.0),
        enrolled[1].pk: (2, 0, 0.0),
        enrolled[2].pk: (2, 1, 50.0),
    }
    assert selectors.cohort_attendance(cohort, now=after_both).percent == 50.0
    between = cohort_set.workshop.ends_at + timedelta(hours=1)
    assert (
        selectors.attendance_by_participant(cohort, now=between)[enrolled[2].pk].percent
        == 100.0
    )


def test_clashes_for_a_trainer_a_venue_and_a_participant(cohort_set, enrolled):
    workshop = cohort_set.workshop
    other = Cohort.objects.create(
        programme=cohort_set.programme,
        name="Potters",
        language="en",
        starts_on=cohort_set.cohort.starts_on,
        ends_on=cohort_set.cohort.ends_on,
    )
    other.trainers.add(cohort_set.trainer)
    Enrolment.objects.create(
        cohort=other, user=enrolled[0], status="enrolled", source="officer"
    )
    overlapping = make_session(
        other,
        workshop.starts_at + timedelta(hours=2),
        title="Clay",
        venue=cohort_set.venue,
    )
    kinds = sorted(clash.kind for clash in selectors.clashes(workshop))
    assert kinds == ["participant", "trainer", "venue"]
    assert "Clay" in selectors.clashes(workshop)[0].message
    # Back to back is not a clash; a cancelled cohort's session neither.
    overlapping.starts_at = workshop.ends_at
    overlapping.ends_at = workshop.ends_at + timedelta(hours=2)
    overlapping.save()
    assert selectors.clashes(workshop) == []
    overlapping.starts_at = workshop.starts_at
    overlapping.save()
    other.status = Cohort.Status.CANCELLED
    other.save()
    assert selectors.clashes(workshop) == []


def test_a_session_cannot_end_before_it_starts(cohort_set):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    session = Session(
        cohort=cohort_set.cohort,
        kind="workshop",
        title="Backwards",
        starts_at=cohort_set.workshop.starts_at,
        ends_at=cohort_set.workshop.starts_at - timedelta(hours=1),
    )
    with pytest.raises(ValidationError, match="end after it starts"):
        session.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()


def test_sessions_before_someone_joined_and_online_windows_do_not_count(
    cohort_set, enrolled
):
    from datetime import timedelta as td

    from cohorts.models import Session

    cohort = cohort_set.cohort
    online = make_session(
        cohort, cohort_set.workshop.starts_at - td(days=1), kind=Session.Kind.ONLINE
    )
    after_both = cohort_set.visit.ends_at + td(hours=1)
    late_joiner = Enrolment.objects.get(user=enrolled[2])
    late_joiner.enrolled_at = cohort_set.workshop.ends_at  # joined after the workshop
    late_joiner.save()
    services.take_register(
        session=cohort_set.visit,
        entries=[entry(enrolled[2], "present")],
        by=cohort_set.trainer,
    )
    rates = selectors.attendance_by_participant(cohort, now=after_both)
    assert (rates[enrolled[2].pk].held, rates[enrolled[2].pk].percent) == (1, 100.0)
    assert rates[enrolled[0].pk].held == 2
    assert online.pk  # held, but not counted for anyone
