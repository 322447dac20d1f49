"""Reads: whose cohorts a person may see, schedules, attendance rates, clash warnings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Attendance, Cohort, Enrolment, Programme, Session


def sees_everything(user) -> bool:
    return user.is_superuser or user.has_perm("cohorts.view_all_programmes")


def visible_programmes(user):
    """Officers: the programmes they run, or run a cohort of. Administrators: all."""
    if not user.is_authenticated:
        return Programme.objects.none()
    if sees_everything(user):
        return Programme.objects.all()
    return Programme.objects.filter(
        Q(officers=user) | Q(cohorts__officers=user)
    ).distinct()


def staff_cohorts(user):
    """Cohorts a staff member works on: officer of the programme or the cohort, trainer, or
    facilitator of one of its sessions (all cohorts for administrators)."""
    if not user.is_authenticated or not user.is_staff:
        return Cohort.objects.none()
    if sees_everything(user):
        return Cohort.objects.all()
    return Cohort.objects.filter(
        Q(programme__officers=user)
        | Q(officers=user)
        | Q(trainers=user)
        | Q(sessions__facilitators=user)
    ).distinct()


def managed_cohorts(user):
    """Cohorts whose enrolment and settings `user` may change: officers of the programme or
    the cohort, and administrators."""
    if not user.is_authenticated or not user.is_staff:
        return Cohort.objects.none()
    if sees_everything(user):
        return Cohort.objects.all()
    return Cohort.objects.filter(
        Q(programme__officers=user) | Q(officers=user)
    ).distinct()


def visible_participant_ids(user):
    """For `lms.scoping`: the participants whose learning records a staff member may see —
    everyone enrolled, waiting or withdrawn in a cohort they work on (not those who only
    asked to join); None (everyone) for administrators."""
    from people.models import User

    if sees_everything(user):
        return None
    return (
        User.objects.filter(
            enrolments__cohort__in=staff_cohorts(user).values("pk"),
            enrolments__status__in=[
                Enrolment.Status.ENROLLED,
                Enrolment.Status.WAITLISTED,
                Enrolment.Status.WITHDRAWN,
            ],
        )
        .values("pk")
        .distinct()
    )


def visible_cohorts(user):
    """The cohorts a staff member works on: as officer of the programme or the cohort, as
    trainer, or as facilitator of one of its sessions. Participants: their own."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    if sees_everything(user):
        return Cohort.objects.all()
    return Cohort.objects.filter(
        Q(programme__officers=user)
        | Q(officers=user)
        | Q(trainers=user)
        | Q(sessions__facilitators=user)
        | Q(enrolments__user=user, enrolments__status=Enrolment.Status.ENROLLED)
    ).distinct()


def runs(user, cohort: Cohort) -> bool:
    """Whether `user` may take registers and manage enrolment for `cohort` (staff only)."""
    if not user.is_authenticated or not user.is_staff:
        return False
    if sees_everything(user):
        return True
    return Cohort.objects.filter(
        Q(programme__officers=user)
        | Q(officers=user)
        | Q(trainers=user)
        | Q(sessions__facilitators=user),
        pk=cohort.pk,
    ).exists()


def manages(user, cohort: Cohort) -> bool:
    """Officers of the programme or the cohort (and administrators) manage enrolment."""
    return managed_cohorts(user).filter(pk=cohort.pk).exists()


def schedule_for(user, *, since=None):
    """Sessions a person is in (as participant, trainer or facilitator), from `since`."""
    since = since or timezone.now() - timedelta(hours=12)
    return (
        Session.objects.filter(ends_at__gte=since)
        .filter(
            Q(
                cohort__enrolments__user=user,
                cohort__enrolments__status=Enrolment.Status.ENROLLED,
            )
            | Q(cohort__trainers=user)
            | Q(facilitators=user)
        )
        .exclude(cohort__status=Cohort.Status.CANCELLED)
        .select_related("cohort", "venue", "host_cluster", "host_enterprise")
        .distinct()
        .order_by("starts_at")
    )


def waiting_for(user) -> list[Enrolment]:
    """A person's requests to join and waiting-list places, each waiting one with its
    `position` (1 = next in line)."""
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    ahead = (
        Enrolment.objects.filter(
            cohort=OuterRef("cohort"),
            status=Enrolment.Status.WAITLISTED,
            waitlisted_at__lte=OuterRef("waitlisted_at"),
        )
        .values("cohort")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Enrolment.objects.filter(
            user=user,
            status__in=[Enrolment.Status.REQUESTED, Enrolment.Status.WAITLISTED],
        )
        .select_related("cohort")
        .annotate(position=Coalesce(Subquery(ahead), 0))
        .order_by("cohort__starts_on")
    )


def roster(session: Session):
    """Enrolled participants of the session's cohort with their attendance row, if any."""
    enrolments = (
        session.cohort.enrolments.filter(status=Enrolment.Status.ENROLLED)
        .select_related("user")
        .order_by("user__full_name", "user__pk")
    )
    rows = {row.user_id: row for row in session.attendance.all()}
    return [(enrolment.user, rows.get(enrolment.user_id)) for enrolment in enrolments]


@dataclass
class Rate:
    held: int
    attended: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.attended / self.held, 1) if self.held else None


def attendance_by_participant(cohort: Cohort, *, now=None) -> dict[int, Rate]:
    """Per enrolled participant: sessions held for them so far, and how many they attended
    (present or late). A session counts as held for someone if it started after they were
    enrolled, or if they have a register row for it; online module windows have no register
    and do not count; excused absences do. Three queries, whatever the cohort's size."""
    now = now or timezone.now()
    sessions = dict(
        cohort.sessions.filter(starts_at__lte=now)
        .exclude(kind=Session.Kind.ONLINE)
        .values_list("pk", "starts_at")
    )
    rows: dict[int, dict[int, str]] = {}
    for user_id, session_id, status in Attendance.objects.filter(
        session_id__in=list(sessions)
    ).values_list("user_id", "session_id", "status"):
        rows.setdefault(user_id, {})[session_id] = status
    rates = {}
    for user_id, enrolled_at in cohort.enrolments.filter(
        status=Enrolment.Status.ENROLLED
    ).values_list("user_id", "enrolled_at"):
        mine = rows.get(user_id, {})
        held = {
            pk
            for pk, start in sessions.items()
            if enrolled_at is None or start >= enrolled_at
        } | set(mine)
        attended = sum(1 for pk in held if mine.get(pk) in Attendance.ATTENDED)
        rates[user_id] = Rate(len(held), attended)
    return rates


def cohort_attendance(cohort: Cohort, *, now=None) -> Rate:
    rates = attendance_by_participant(cohort, now=now).values()
    return Rate(sum(r.held for r in rates), sum(r.attended for r in rates))


@dataclass
class Clash:
    kind: str  # trainer, venue, participant
    who: str
    session: Session
    other: Session

    @property
    def message(self) -> str:
        labels = {
            "trainer": _("%(who)s also facilitates “%(other)s” at the same time."),
            "venue": _("%(who)s is also booked for “%(other)s” at the same time."),
            "participant": _(
                "%(who)s is also expected at “%(other)s” at the same time."
            ),
        }
        return labels[self.kind] % {"who": self.who, "other": self.other}


def clashes(session: Session) -> list[Clash]:
    """Other sessions that overlap this one and share a facilitator or trainer, the venue,
    or an enrolled participant."""
    if session.starts_at is None or session.ends_at is None:
        return []
    overlapping = (
        Session.objects.filter(
            starts_at__lt=session.ends_at, ends_at__gt=session.starts_at
        )
        .exclude(pk=session.pk)
        .exclude(cohort__status=Cohort.Status.CANCELLED)
        .select_related("cohort", "venue")
        .prefetch_related("facilitators", "cohort__trainers")
    )
    found: list[Clash] = []
    mine_people = set()
    if session.pk:
        mine_people = {u.pk: u for u in session.facilitators.all()}
    if session.cohort_id:
        mine_people.update({u.pk: u for u in session.cohort.trainers.all()})
        my_participants = set(
            session.cohort.enrolments.filter(
                status=Enrolment.Status.ENROLLED
            ).values_list("user_id", flat=True)
        )
    else:
        my_participants = set()
    for other in overlapping:
        theirs = {u.pk for u in other.facilitators.all()} | {
            u.pk for u in other.cohort.trainers.all()
        }
        for pk in sorted(set(mine_people) & theirs):
            found.append(Clash("trainer", str(mine_people[pk]), session, other))
        if session.venue_id and other.venue_id == session.venue_id:
            found.append(Clash("venue", str(session.venue), session, other))
        if other.cohort_id != session.cohort_id and my_participants:
            shared = Enrolment.objects.filter(
                cohort_id=other.cohort_id,
                status=Enrolment.Status.ENROLLED,
                user_id__in=my_participants,
            ).select_related("user")[:5]
            for enrolment in shared:
                found.append(Clash("participant", str(enrolment.user), session, other))
    return found
