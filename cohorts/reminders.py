"""Messages to participants: on enrolment, on the waiting list, on promotion from it, and
the day before each session. Email when the person has an address, else a text message.

Each message is first *claimed* — a `Reminder` row with a unique key, committed before
anything is sent — then sent and marked sent. Two workers, or a worker restarted mid-run,
cannot claim the same key twice. A claim left unsent for 15 minutes (the worker died between
claiming and sending) is taken up again; the only way a message goes twice is a crash in the
instant after the mail server accepted it and before the row was marked.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cohorts import sms
from cohorts.models import Cohort, Enrolment, Reminder, Session

logger = logging.getLogger(__name__)
AHEAD = timedelta(hours=24)
STALE_CLAIM = timedelta(minutes=15)


def _channel(user) -> str | None:
    if user.email:
        return "email"
    if user.phone:
        return "sms"
    return None


def claim(model, key: str, user, now=None, **fields):
    """Claim the message `key` in `model` (a table with key, user, channel, state and
    claimed_at): the new row, or None if it was claimed before and not abandoned. Other
    apps keep their own message tables and use this and `deliver`."""
    channel = _channel(user)
    if channel is None:
        return None
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return model.objects.create(
                key=key, user=user, channel=channel, claimed_at=now, **fields
            )
    except IntegrityError:
        # Claimed before: take it up only if that claim was abandoned unsent.
        taken = model.objects.filter(
            key=key, state="claimed", claimed_at__lt=now - STALE_CLAIM
        ).update(claimed_at=now)
        return model.objects.get(key=key) if taken else None


def _claim(kind, user, cohort, session=None, now=None) -> Reminder | None:
    key = Reminder.key_for(kind, user, cohort, session)
    return claim(
        Reminder, key, user, now=now, kind=kind, cohort=cohort, session=session
    )


def deliver(reminder, subject: str, body: str, short: str) -> None:
    user = reminder.user
    try:
        if reminder.channel == "email":
            send_mail(subject, body, None, [user.email])
        else:
            sms.send_sms(to=user.phone, text=short)
    except Exception as error:  # noqa: BLE001 - any gateway failure is recorded, not raised
        logger.warning("reminder %s not sent: %s", reminder.key, error)
        type(reminder).objects.filter(pk=reminder.pk).update(
            state="failed", error=str(error)[:1000]
        )
        return
    type(reminder).objects.filter(pk=reminder.pk).update(
        state="sent", sent_at=timezone.now()
    )


def _link(name: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name)


def _when(session: Session) -> str:
    return formats.date_format(session.local_start, "DATETIME_FORMAT")


def session_text(session: Session, language: str) -> tuple[str, str, str]:
    """Subject, email body and text message for a session reminder, in `language`."""
    with translation.override(language):
        place = session.place
        subject = _("Reminder: %(title)s, %(when)s") % {
            "title": session.title,
            "when": _when(session),
        }
        lines = [
            _("Your session “%(title)s” (%(cohort)s) starts %(when)s.")
            % {
                "title": session.title,
                "cohort": session.cohort,
                "when": _when(session),
            },
        ]
        if place:
            lines.append(_("Where: %(place)s") % {"place": place})
        if session.meeting_point:
            lines.append(
                _("Meeting point: %(point)s") % {"point": session.meeting_point}
            )
        if session.transport_note:
            lines.append(_("Transport: %(note)s") % {"note": session.transport_note})
        lines.append(
            _("Your schedule: %(link)s") % {"link": _link("cohorts:schedule", language)}
        )
        short = _("%(title)s starts %(when)s. %(place)s") % {
            "title": session.title,
            "when": _when(session),
            "place": place,
        }
    return subject, "\n\n".join(lines), short.strip()


def enrolment_text(
    kind: str, enrolment: Enrolment, language: str
) -> tuple[str, str, str]:
    cohort = enrolment.cohort
    with translation.override(language):
        first = cohort.sessions.order_by("starts_at").first()
        if kind == Reminder.Kind.WAITLISTED:
            position = Enrolment.objects.filter(
                cohort=cohort,
                status=Enrolment.Status.WAITLISTED,
                waitlisted_at__lte=enrolment.waitlisted_at or timezone.now(),
            ).count()
            subject = _("You are on the waiting list for %(cohort)s") % {
                "cohort": cohort
            }
            body = _(
                "%(cohort)s is full. You are number %(position)s on the waiting list; we "
                "will tell you as soon as a place is yours."
            ) % {"cohort": cohort, "position": position}
        else:
            subject = _("You have a place in %(cohort)s") % {"cohort": cohort}
            body = _("You are enrolled in %(cohort)s, from %(start)s to %(end)s.") % {
                "cohort": cohort,
                "start": formats.date_format(cohort.starts_on),
                "end": formats.date_format(cohort.ends_on),
            }
            if first:
                body += " " + _("The first session is %(when)s.") % {
                    "when": _when(first)
                }
        body += "\n\n" + _("Your schedule: %(link)s") % {
            "link": _link("cohorts:schedule", language)
        }
    return subject, body, subject


def enrolment_notice(kind: str, enrolment_pk: int) -> None:
    """Tell a participant about their enrolment (once per kind and cohort)."""
    enrolment = (
        Enrolment.objects.select_related("cohort", "user")
        .filter(pk=enrolment_pk)
        .first()
    )
    if enrolment is None or kind not in Reminder.Kind.values:
        return
    expected = (
        Enrolment.Status.WAITLISTED
        if kind == Reminder.Kind.WAITLISTED
        else Enrolment.Status.ENROLLED
    )
    if (
        enrolment.status != expected
    ):  # moved on since (promoted, withdrawn): say nothing
        return
    reminder = _claim(kind, enrolment.user, enrolment.cohort)
    if reminder is None:
        return
    language = enrolment.user.preferred_language or settings.LANGUAGE_CODE
    subject, body, short = enrolment_text(kind, enrolment, language)
    deliver(reminder, subject, body, short)


def send_due_reminders(now=None) -> int:
    """Remind every enrolled participant of each session starting within 24 hours. Safe to
    run as often as wanted, by as many workers as wanted: each reminder goes once."""
    now = now or timezone.now()
    sessions = (
        Session.objects.filter(starts_at__gt=now, starts_at__lte=now + AHEAD)
        .exclude(cohort__status=Cohort.Status.CANCELLED)
        .select_related("cohort", "venue", "host_cluster", "host_enterprise")
    )
    sent = 0
    for session in sessions:
        enrolments = (
            session.cohort.enrolments.filter(status=Enrolment.Status.ENROLLED)
            .select_related("user")
            .order_by("pk")
        )
        for enrolment in enrolments:
            user = enrolment.user
            reminder = _claim(
                Reminder.Kind.SESSION_SOON, user, session.cohort, session, now=now
            )
            if reminder is None:
                continue
            language = user.preferred_language or settings.LANGUAGE_CODE
            deliver(reminder, *session_text(session, language))
            sent += 1
    return sent
