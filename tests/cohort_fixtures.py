"""A programme with one cohort (capacity 3), a workshop and an exposure visit, its officer,
its trainer, and participants to enrol."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from cohorts.models import Cohort, Programme, Session, Venue
from tests import factories

COLOMBO = ZoneInfo("Asia/Colombo")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=COLOMBO)


def make_session(cohort, start, hours=7, **fields):
    fields.setdefault("kind", Session.Kind.WORKSHOP)
    fields.setdefault("title", "Workshop")
    return Session.objects.create(
        cohort=cohort,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        time_zone="Asia/Colombo",
        **fields,
    )


@pytest.fixture
def cohort_set(db):
    officer = factories.make_officer()
    trainer = factories.make_trainer()
    programme = Programme.objects.create(
        name="SME cluster development and export consortia",
        funder="EU",
        countries=["LK"],
    )
    programme.officers.add(officer)
    venue = Venue.objects.create(name="Chamber hall", district="Kegalle", country="LK")
    start = date.today() + timedelta(days=10)
    cohort = Cohort.objects.create(
        programme=programme,
        name="Kegalle mushroom growers 2026",
        language="si",
        starts_on=start,
        ends_on=start + timedelta(days=60),
        venue=venue,
        capacity=3,
        status=Cohort.Status.OPEN,
        self_enrolment=True,
    )
    cohort.trainers.add(trainer)
    workshop = make_session(
        cohort,
        at(start, 9),
        title="HACCP workshop",
        venue=venue,
        learning_objectives="Name the seven principles.",
    )
    visit = make_session(
        cohort,
        at(start + timedelta(days=7), 8),
        hours=9,
        kind=Session.Kind.VISIT,
        title="Visit to Matale growers",
        address="Matale mushroom cluster\nMatale",
        meeting_point="Kegalle bus stand",
        transport_note="Hired bus, leaves at 8:00",
        latitude="7.467500",
        longitude="80.623400",
    )
    participants = [
        factories.make_participant(full_name=f"Grower {n}", preferred_language="si")
        for n in range(1, 6)
    ]
    return SimpleNamespace(
        officer=officer,
        trainer=trainer,
        programme=programme,
        venue=venue,
        cohort=cohort,
        workshop=workshop,
        visit=visit,
        participants=participants,
    )


def share_cohort(staff, *participants):
    """Put participants in a cohort that `staff` trains and runs: staff see the learning
    records of their own cohorts' participants only (lms.scoping)."""
    from cohorts import services

    programme = Programme.objects.create(
        name=f"Programme of {staff.full_name} {staff.pk}"
    )
    programme.officers.add(staff)
    cohort = Cohort.objects.create(
        programme=programme,
        name=f"Cohort of {staff.full_name}",
        language="en",
        starts_on=date.today(),
        ends_on=date.today() + timedelta(days=30),
        capacity=max(len(participants), 1),
    )
    cohort.trainers.add(staff)
    for person in participants:
        services.enrol(cohort=cohort, user=person)
    return cohort
