"""iCalendar feeds (RFC 5545) that phone calendars subscribe to: one per person (their
sessions as participant, trainer or facilitator) and one per cohort."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vGeo

from cohorts.models import Cohort, Session


def _event(session: Session) -> Event:
    event = Event()
    event.add("uid", f"session-{session.pk}@{urlsplit(settings.SITE_URL).hostname}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.local_start)
    event.add("dtend", session.local_end)
    event.add("summary", f"{session.title} · {session.cohort}")
    address = session.address.replace("\n", ", ")
    place = ", ".join(part for part in dict.fromkeys((session.place, address)) if part)
    if place:
        event.add("location", place)
    details = [
        session.get_kind_display(),
        session.learning_objectives,
        session.meeting_point,
        session.transport_note,
        session.host_contact,
    ]
    event.add("description", "\n\n".join(str(part) for part in details if part))
    if session.latitude is not None and session.longitude is not None:
        event.add("geo", vGeo((float(session.latitude), float(session.longitude))))
    if session.cohort.status == Cohort.Status.CANCELLED:
        event.add("status", "CANCELLED")
    return event


def calendar(name: str, sessions) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Cluster Academy//Sessions//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval;value=duration", "PT6H")
    for session in sessions:
        cal.add_component(_event(session))
    return cal.to_ical()
