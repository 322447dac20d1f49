"""iCalendar feeds parsed back by `icalendar`, private and revocable; reminders the day
before, each sent once — also when the worker runs twice or restarts — with a frozen clock."""

from datetime import timedelta

import pytest
from django.test import Client
from icalendar import Calendar

from cohorts import reminders, services
from cohorts.models import CalendarFeed, Cohort, Reminder
from cohorts.sms import MemorySmsBackend
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(cohort_set):
    for person in cohort_set.participants[:3]:
        services.enrol(cohort=cohort_set.cohort, user=person)
    return cohort_set.participants[:3]


def _events(body: bytes):
    calendar = Calendar.from_ical(body)
    return sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


def test_a_persons_feed_holds_their_sessions_in_the_sessions_time_zone(
    cohort_set, enrolled
):
    person = enrolled[0]
    client = Client()
    client.force_login(person)
    client.post("/en/schedule/calendar/", {"action": "reset"})
    feed = CalendarFeed.objects.get(user=person)
    client.logout()  # a calendar app has no session: the token alone opens the feed
    response = client.get(f"/calendar/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    assert [str(e["summary"]).split(" · ")[0] for e in events] == [
        "HACCP workshop",
        "Visit to Matale growers",
    ]
    start = events[0].decoded("dtstart")
    assert start == cohort_set.workshop.starts_at
    assert str(start.tzinfo) == "Asia/Colombo"
    visit = events[1]
    assert "Kegalle bus stand" in str(visit["description"])
    assert visit.decoded("geo") or visit["geo"]
    assert str(visit["uid"]).startswith(f"session-{cohort_set.visit.pk}@")


def test_a_new_address_revokes_the_old_one(cohort_set, enrolled):
    client = Client()
    client.force_login(enrolled[0])
    client.post("/en/schedule/calendar/", {"action": "reset"})
    old = CalendarFeed.objects.get(user=enrolled[0]).token
    client.post("/en/schedule/calendar/", {"action": "reset"})
    assert Client().get(f"/calendar/{old}.ics").status_code == 404
    new = CalendarFeed.objects.get(user=enrolled[0], revoked_at__isnull=True).token
    assert Client().get(f"/calendar/{new}.ics").status_code == 200
    client.post("/en/schedule/calendar/", {"action": "revoke"})
    assert Client().get(f"/calendar/{new}.ics").status_code == 404
    assert Client().get("/calendar/guessed-token.ics").status_code == 404


def test_a_cohort_feed_and_a_cancelled_cohort(cohort_set):
    feed = CalendarFeed.objects.create(
        cohort=cohort_set.cohort, created_by=cohort_set.officer
    )
    cohort_set.cohort.status = Cohort.Status.CANCELLED
    cohort_set.cohort.save()
    events = _events(Client().get(f"/calendar/{feed.token}.ics").content)
    assert len(events) == 2
    assert all(str(e["status"]) == "CANCELLED" for e in events)


def test_reminders_go_out_once_the_day_before(
    cohort_set, enrolled, mailoutbox, settings
):
    settings.SMS_BACKEND = "cohorts.sms.MemorySmsBackend"
    MemorySmsBackend.outbox.clear()
    phone_only = factories.make_participant(email=None, phone="+94770009999")
    services.change_capacity(cohort=cohort_set.cohort, capacity=4)
    services.enrol(cohort=cohort_set.cohort, user=phone_only)
    mailoutbox.clear()
    workshop = cohort_set.workshop
    too_early = workshop.starts_at - timedelta(hours=25)
    assert reminders.send_due_reminders(now=too_early) == 0
    frozen = workshop.starts_at - timedelta(hours=23)
    assert reminders.send_due_reminders(now=frozen) == 4
    assert len(mailoutbox) == 3
    assert len(MemorySmsBackend.outbox) == 1
    assert MemorySmsBackend.outbox[0][0] == "+94770009999"
    # The worker runs again (or twice at once, or after a restart): nothing more is sent.
    assert reminders.send_due_reminders(now=frozen + timedelta(minutes=15)) == 0
    assert reminders.send_due_reminders(now=frozen + timedelta(hours=1)) == 0
    assert len(mailoutbox) == 3
    assert Reminder.objects.filter(kind="session_soon", state="sent").count() == 4


def test_reminders_are_in_the_participants_language(cohort_set, enrolled, mailoutbox):
    mailoutbox.clear()
    reminders.send_due_reminders(now=cohort_set.workshop.starts_at - timedelta(hours=2))
    message = mailoutbox[0]
    assert message.to == [enrolled[0].email]
    from django.utils import translation

    with translation.override("si"):
        expected = translation.gettext("Reminder: %(title)s, %(when)s").split("%")[0]
    assert message.subject.startswith(expected)
    assert "HACCP workshop" in message.subject


def test_a_claim_left_by_a_dead_worker_is_taken_up_later(
    cohort_set, enrolled, mailoutbox
):
    mailoutbox.clear()
    person, session = enrolled[0], cohort_set.workshop
    now = session.starts_at - timedelta(hours=3)
    Reminder.objects.create(
        key=Reminder.key_for("session_soon", person, session.cohort, session),
        kind="session_soon",
        user=person,
        cohort=session.cohort,
        session=session,
        channel="email",
        claimed_at=now - timedelta(minutes=5),
    )
    reminders.send_due_reminders(now=now)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [enrolled[1].email, enrolled[2].email]
    )
    # Fifteen minutes on, the abandoned claim is sent — once.
    reminders.send_due_reminders(now=now + timedelta(minutes=9))
    assert (
        len(mailoutbox) == 2
    )  # the claim is 14 minutes old: its worker may still send
    reminders.send_due_reminders(now=now + timedelta(minutes=11))
    reminders.send_due_reminders(now=now + timedelta(minutes=12))
    assert [m.to for m in mailoutbox][-1] == [person.email]
    assert len(mailoutbox) == 3


def test_a_failed_send_is_recorded_not_raised(cohort_set, enrolled, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", broken)
    reminders.send_due_reminders(now=cohort_set.workshop.starts_at - timedelta(hours=1))
    failed = Reminder.objects.filter(state="failed")
    assert failed.count() == 3
    assert "mail server down" in failed.first().error


def test_the_schedule_is_installed(db):
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="cohorts.tasks.send_due_reminders")
    assert (schedule.schedule_type, schedule.minutes) == ("I", 15)


def test_a_session_moved_to_another_day_is_reminded_again(
    cohort_set, enrolled, mailoutbox
):
    mailoutbox.clear()
    workshop = cohort_set.workshop
    reminders.send_due_reminders(now=workshop.starts_at - timedelta(hours=2))
    assert len(mailoutbox) == 3
    workshop.starts_at += timedelta(days=2)
    workshop.ends_at += timedelta(days=2)
    workshop.save()
    reminders.send_due_reminders(now=workshop.starts_at - timedelta(hours=2))
    assert len(mailoutbox) == 6


def test_a_new_email_address_does_not_bring_a_second_reminder(
    cohort_set, enrolled, mailoutbox, settings
):
    settings.SMS_BACKEND = "cohorts.sms.MemorySmsBackend"
    MemorySmsBackend.outbox.clear()
    person = enrolled[0]
    person.email = None
    person.save()
    now = cohort_set.workshop.starts_at - timedelta(hours=2)
    reminders.send_due_reminders(now=now)
    person.email = "found@example.org"
    person.save()
    reminders.send_due_reminders(now=now + timedelta(minutes=30))
    to_person = [m for m in mailoutbox if m.to == [person.email]]
    assert len(MemorySmsBackend.outbox) == 1 and to_person == []
