"""Every write with a rule: enrolling (by an officer, an import or a participant's request),
the waiting list and its promotion, withdrawal, the register and QR check-in.

Places are counted under a lock on the cohort's row (`select_for_update`; SQLite's
IMMEDIATE transactions serialise writers anyway), so two enrolments at once can never both
take the last place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Attendance, Cohort, Enrolment, Session

# A QR check-in is accepted from this long before a session starts until it ends; after
# this long past the start it counts as late.
CHECK_IN_EARLY = timedelta(minutes=30)
LATE_AFTER = timedelta(minutes=15)


class CohortError(Exception):
    """A request the cohort's rules refuse; `str(error)` is a message for the person."""


def _notify(kind, enrolment):
    """Tell the participant, from the worker, once the enrolment is committed."""
    from django_q.tasks import async_task

    transaction.on_commit(
        lambda: async_task(
            "cohorts.reminders.enrolment_notice", str(kind), enrolment.pk
        )
    )


def _locked(cohort: Cohort) -> Cohort:
    return Cohort.objects.select_for_update().get(pk=cohort.pk)


def enrolled_count(cohort: Cohort) -> int:
    return cohort.enrolments.filter(status=Enrolment.Status.ENROLLED).count()


def _place_or_wait(cohort: Cohort, enrolment: Enrolment, now) -> None:
    """A free place, if nobody is waiting for it; the end of the waiting list otherwise."""
    promote_waiting(cohort=cohort)
    if enrolled_count(cohort) < cohort.capacity:
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.enrolled_at = now
        enrolment.waitlisted_at = None
    else:
        enrolment.status = Enrolment.Status.WAITLISTED
        enrolment.waitlisted_at = now


@transaction.atomic
def enrol(*, cohort: Cohort, user, source=Enrolment.Source.OFFICER) -> Enrolment:
    """Enrol a participant, or put them on the waiting list when the cohort is full. An
    existing enrolment is kept as it is; a withdrawn or declined one is taken up again."""
    if cohort.status in (Cohort.Status.COMPLETED, Cohort.Status.CANCELLED):
        raise CohortError(_("This cohort is closed: it is completed or cancelled."))
    cohort = _locked(cohort)
    now = timezone.now()
    enrolment = Enrolment.objects.filter(cohort=cohort, user=user).first()
    if enrolment and enrolment.status in (
        Enrolment.Status.ENROLLED,
        Enrolment.Status.WAITLISTED,
    ):
        return enrolment
    enrolment = enrolment or Enrolment(cohort=cohort, user=user)
    enrolment.source = source
    enrolment.reason = ""
    enrolment.withdrawn_at = None
    _place_or_wait(cohort, enrolment, now)
    enrolment.save()
    _notify(enrolment.status, enrolment)
    return enrolment


@transaction.atomic
def request_to_join(*, cohort: Cohort, user) -> Enrolment:
    """A participant asks to join an open cohort; an officer decides."""
    if not cohort.self_enrolment or not cohort.enrolment_is_open():
        raise CohortError(_("This cohort does not take requests to join now."))
    enrolment, created = Enrolment.objects.get_or_create(
        cohort=cohort,
        user=user,
        defaults={
            "status": Enrolment.Status.REQUESTED,
            "source": Enrolment.Source.SELF,
        },
    )
    if not created and enrolment.status in (
        Enrolment.Status.WITHDRAWN,
        Enrolment.Status.DECLINED,
    ):
        enrolment.status = Enrolment.Status.REQUESTED
        enrolment.source = Enrolment.Source.SELF
        enrolment.save()
    return enrolment


@transaction.atomic
def approve(*, enrolment: Enrolment) -> Enrolment:
    cohort = _locked(enrolment.cohort)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.REQUESTED:
        return enrolment
    _place_or_wait(cohort, enrolment, timezone.now())
    enrolment.save()
    _notify(enrolment.status, enrolment)
    return enrolment


@transaction.atomic
def decline(*, enrolment: Enrolment, reason: str = "") -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.REQUESTED:
        enrolment.status = Enrolment.Status.DECLINED
        enrolment.reason = reason
        enrolment.save()
    return enrolment


@transaction.atomic
def withdraw(*, enrolment: Enrolment, reason: str) -> Enrolment:
    """Withdraw with a reason; a place that frees goes to the waiting list, in order."""
    if not reason.strip():
        raise CohortError(_("Say why the participant withdraws."))
    cohort = _locked(enrolment.cohort)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        return enrolment
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawn_at = timezone.now()
    enrolment.reason = reason.strip()
    enrolment.waitlisted_at = None
    enrolment.save()
    promote_waiting(cohort=cohort)
    return enrolment


def promote_waiting(*, cohort: Cohort) -> list[Enrolment]:
    """Fill free places from the waiting list, first come first served. Call inside a
    transaction that holds the cohort's lock (every caller here does)."""
    free = cohort.capacity - enrolled_count(cohort)
    if free <= 0:
        return []
    promoted = list(
        cohort.enrolments.select_for_update()
        .filter(status=Enrolment.Status.WAITLISTED)
        .order_by("waitlisted_at", "pk")[:free]
    )
    now = timezone.now()
    for enrolment in promoted:
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.enrolled_at = now
        enrolment.waitlisted_at = None
        enrolment.save()
        _notify("promoted", enrolment)
    return promoted


@transaction.atomic
def promote_after_edit(*, cohort: Cohort) -> list[Enrolment]:
    """After the cohort's form was saved (perhaps with more places)."""
    return promote_waiting(cohort=_locked(cohort))


@transaction.atomic
def change_capacity(*, cohort: Cohort, capacity: int) -> list[Enrolment]:
    """More places take people from the waiting list; fewer never remove anyone."""
    cohort = _locked(cohort)
    cohort.capacity = capacity
    cohort.save(update_fields=["capacity"])
    return promote_waiting(cohort=cohort)


# ---- Attendance --------------------------------------------------------------------------


@dataclass
class RegisterEntry:
    user_id: int
    status: str
    seen: str = ""  # the row's recorded_at as the trainer's form showed it ("" if none)
    note: str = ""


@dataclass
class RegisterResult:
    saved: int
    conflicts: list[
        int
    ]  # participants someone else recorded meanwhile: not overwritten


def register_stamp(attendance: Attendance | None) -> str:
    return attendance.recorded_at.isoformat() if attendance else ""


@transaction.atomic
def take_register(
    *, session: Session, entries: list[RegisterEntry], by
) -> RegisterResult:
    """Save a trainer's register. A row another trainer (or a QR check-in) changed since
    this form was shown is left alone and reported, never silently overwritten."""
    enrolled = set(
        session.cohort.enrolments.filter(status=Enrolment.Status.ENROLLED).values_list(
            "user_id", flat=True
        )
    )
    current = {
        row.user_id: row
        for row in Attendance.objects.select_for_update().filter(session=session)
    }
    saved, conflicts = 0, []
    for entry in entries:
        if (
            entry.user_id not in enrolled
            or entry.status not in Attendance.Status.values
        ):
            continue
        row = current.get(entry.user_id)
        if row is not None and register_stamp(row) != entry.seen:
            if row.status != entry.status:
                conflicts.append(entry.user_id)
            continue
        if row is not None and row.status == entry.status and row.note == entry.note:
            continue
        new = row is None
        row = row or Attendance(session=session, user_id=entry.user_id)
        row.status = entry.status
        row.note = entry.note[:255]
        row.method = Attendance.Method.REGISTER
        row.recorded_by = by
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:  # someone recorded this person at the same instant
            if new:
                conflicts.append(entry.user_id)
                continue
            raise
        saved += 1
    return RegisterResult(saved=saved, conflicts=conflicts)


def check_in(*, token: str, user, now=None) -> Attendance:
    """A participant scans the session's QR code: present (or late) if they are enrolled
    in its cohort and it is the session's time."""
    now = now or timezone.now()
    session = (
        Session.objects.select_related("cohort").filter(check_in_token=token).first()
    )
    if session is None:
        raise CohortError(_("This check-in code is not valid."))
    if not session.cohort.enrolments.filter(
        user=user, status=Enrolment.Status.ENROLLED
    ).exists():
        raise CohortError(_("You are not enrolled in the cohort of this session."))
    if now < session.starts_at - CHECK_IN_EARLY:
        raise CohortError(_("Check-in opens 30 minutes before the session starts."))
    if now > session.ends_at:
        raise CohortError(_("This session has ended; ask your trainer to mark you."))
    status = (
        Attendance.Status.LATE
        if now > session.starts_at + LATE_AFTER
        else (Attendance.Status.PRESENT)
    )
    with transaction.atomic():
        row, created = Attendance.objects.select_for_update().get_or_create(
            session=session,
            user=user,
            defaults={"status": status, "method": Attendance.Method.CHECK_IN},
        )
        if not created and row.status not in Attendance.ATTENDED:
            row.status = status
            row.method = Attendance.Method.CHECK_IN
            row.save()
    return row
