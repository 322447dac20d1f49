"""Demo programme: a cohort of Kegalle cluster entrepreneurs (Sinhala) with a HACCP workshop
in a few days, an exposure visit to a neighbouring cluster and a follow-up meeting; the demo
participants from Kegalle are enrolled, the demo trainer teaches, the demo officer runs the
programme. Dates are relative to the day the demo is loaded, so there is always something
coming up on My schedule."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from cohorts import services
from cohorts.models import Cohort, Enrolment, Programme, Session, Venue
from people.models import Cluster, User

PROGRAMME = "SME cluster development and export consortia"
COHORT = "Kegalle cluster entrepreneurs 2026"
COLOMBO = ZoneInfo("Asia/Colombo")


def _at(day, hour):
    return datetime.combine(day, time(hour), tzinfo=COLOMBO)


def seed(*, log) -> None:
    if Cohort.objects.filter(name=COHORT).exists():
        return
    officer = User.objects.filter(email="officer@demo.clusteracademy.org").first()
    trainer = User.objects.filter(email="trainer@demo.clusteracademy.org").first()
    programme, _created = Programme.objects.get_or_create(
        name=PROGRAMME,
        defaults={
            "description": "Training, exposure visits and export consortia for small "
            "producers organised in clusters.",
            "funder": "European Union (demo)",
            "partners": "Federation of Chambers of Commerce (demo)\nNational Enterprise "
            "Development Authority (demo)",
            "countries": ["LK", "BD", "KH"],
        },
    )
    if officer:
        programme.officers.add(officer)
    venue, _created = Venue.objects.get_or_create(
        name="Kegalle District Chamber hall",
        defaults={
            "address": "Main Street, Kegalle",
            "district": "Kegalle",
            "country": "LK",
            "latitude": "7.251300",
            "longitude": "80.346400",
            "capacity": 40,
        },
    )
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        programme=programme,
        name=COHORT,
        language="si",
        starts_on=today + timedelta(days=2),
        ends_on=today + timedelta(days=45),
        venue=venue,
        capacity=25,
        status=Cohort.Status.OPEN,
        self_enrolment=True,
        enrolment_closes=today + timedelta(days=10),
    )
    if trainer:
        cohort.trainers.add(trainer)
    potters = Cluster.objects.filter(name="Molagoda Pottery Makers").first()
    sessions = [
        Session(
            cohort=cohort, kind=Session.Kind.WORKSHOP, title="HACCP and hygiene workshop",
            starts_at=_at(today + timedelta(days=2), 9), ends_at=_at(today + timedelta(days=2), 16),
            venue=venue, learning_objectives="Name the seven HACCP principles.\nDraw a flow "
            "chart of your own process and mark its critical control points.",
        ),
        Session(
            cohort=cohort, kind=Session.Kind.VISIT, title="Exposure visit: Molagoda potters",
            starts_at=_at(today + timedelta(days=9), 8), ends_at=_at(today + timedelta(days=9), 15),
            host_cluster=potters, address="Molagoda, Kegalle", latitude="7.280000",
            longitude="80.290000", meeting_point="Kegalle clock tower",
            transport_note="A hired bus leaves at 8:00 sharp and is back by 15:30.",
            host_contact="Cluster secretary, +94 35 222 0000 (demo)",
            learning_objectives="See how a cluster buys clay together and shares a kiln.",
        ),
        Session(
            cohort=cohort, kind=Session.Kind.FOLLOW_UP, title="Action plan follow-up meeting",
            starts_at=_at(today + timedelta(days=40), 10), ends_at=_at(today + timedelta(days=40), 13),
            venue=venue,
        ),
    ]  # fmt: skip
    for session in sessions:
        session.save()
        if trainer:
            session.facilitators.add(trainer)
    log(f"cohort {cohort.name} with {len(sessions)} sessions")
    kegalle = User.objects.filter(
        participant_profile__cluster__district="Kegalle", is_staff=False
    ).order_by("pk")
    for user in kegalle:
        services.enrol(cohort=cohort, user=user, source=Enrolment.Source.OFFICER)
    log(f"enrolled {kegalle.count()} participants")
