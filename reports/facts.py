"""Refreshing the reporting tables (`reports.models`) from the other apps, which are only read.

`refresh(cohort_ids)` recomputes every enrolment of those cohorts in chunks of
`CHUNK` cohorts, each chunk in a fixed number of queries and one transaction, so a national
data set (100,000 participants, a million progress rows) is rebuilt in minutes and one
cohort in a few milliseconds. The rules are the ones the rest of the site uses:

- attendance as the register screen counts it (`cohorts.selectors.attendance_by_participant`):
  sessions held for someone are those that started after they enrolled (and, for those who
  withdrew, before they withdrew) or that have their register row; online module windows
  do not count; present and late count as attended;
- completed: every live lesson of the cohort's courses done; in a cohort without courses,
  once it has ended, at least `COMPLETION_ATTENDANCE` % of the sessions held attended;
- pre-test: the first finished attempt since enrolling (or since 30 days before the cohort
  started, if earlier); post-test: the best finished attempt since then (when both are the
  same quiz, the best after the first); any language of the quiz counts;
- follow-up: owed by an enrolled participant whose plan is approved (and by anyone who
  reported anyway); submitted or accepted counts as submitted; overdue once the due date is
  past;
- outcomes: the indicator values of the participant's latest submitted or accepted report in
  the cohort (the latest checkpoint); over several cohorts only their latest report in the
  programme counts (`OutcomeFact.counted`), so nobody's sales are counted twice.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from actionplans.models import (
    ActionPlan,
    Checkpoint,
    FollowUpReport,
    IndicatorValue,
    Review,
)
from assessments.models import Attempt, Quiz
from certificates.models import Certificate
from cohorts.models import Attendance, Cohort, Enrolment, Session
from courses.models import CoursePage, LessonPage, LessonProgress
from people.models import ParticipantProfile
from reports import snapshots
from reports.models import (
    FollowUpFact,
    OutcomeFact,
    ParticipantFact,
    RefreshRun,
)

CHUNK = 200
# Each ten-minute run looks a little further back than the last run's start, so a write
# committed while that run was reading is not missed.
OVERLAP = datetime.timedelta(minutes=5)
COMPLETION_ATTENDANCE = 75
TESTS_BEFORE_START = datetime.timedelta(days=30)
DONE = (FollowUpReport.Status.SUBMITTED, FollowUpReport.Status.ACCEPTED)
ENROLLED_ONCE = (Enrolment.Status.ENROLLED, Enrolment.Status.WITHDRAWN)


def rebuild(*, stdout=None) -> int:
    """Every cohort, from scratch (the nightly run, and after `seed_scale`)."""
    ids = list(Cohort.objects.order_by("pk").values_list("pk", flat=True))
    return _run(RefreshRun.Kind.ALL, ids, stdout=stdout)


def refresh_changed(*, now=None) -> int:
    """Cohorts with anything new since the last run started (every ten minutes)."""
    now = now or timezone.now()
    # Only runs that looked at everything changed: a "Refresh figures" of one cohort says
    # nothing about the others.
    last = RefreshRun.objects.filter(
        finished_at__isnull=False,
        kind__in=[RefreshRun.Kind.CHANGED, RefreshRun.Kind.ALL],
    ).first()
    if last is None:
        return rebuild()
    since = last.started_at - OVERLAP
    return _run(RefreshRun.Kind.CHANGED, sorted(changed_since(since, now)))


def refresh(cohort_ids, *, kind=RefreshRun.Kind.ON_DEMAND) -> int:
    return _run(kind, sorted(set(cohort_ids)))


def changed_since(since: datetime.datetime, now: datetime.datetime) -> set[int]:
    """Cohorts whose figures may have moved since `since`: edited enrolments, registers,
    plans (saved, submitted, approved), reports (saved, submitted), reviews, certificates;
    lessons finished and quizzes submitted by their participants; sessions that started and
    checkpoints that fell due in between. A participant's report also refreshes their other
    cohorts (outcomes count each person once). What this does not see — profile edits,
    cohort edits, lessons unpublished, deleted rows — waits for the nightly rebuild."""
    cohorts: set[int] = set()

    def add(queryset, field="cohort_id"):
        cohorts.update(queryset.values_list(field, flat=True).distinct())

    add(Enrolment.objects.filter(updated_at__gte=since))
    add(Attendance.objects.filter(recorded_at__gte=since), "session__cohort_id")
    add(Session.objects.filter(starts_at__gte=since, starts_at__lte=now))
    add(
        Checkpoint.objects.filter(
            due_on__gte=timezone.localdate(since), due_on__lte=timezone.localdate(now)
        )
    )
    add(
        ActionPlan.objects.filter(
            Q(updated_at__gte=since)
            | Q(submitted_at__gte=since)
            | Q(approved_at__gte=since)
        )
    )
    reports = FollowUpReport.objects.filter(
        Q(updated_at__gte=since) | Q(submitted_at__gte=since)
    )
    reviews = Review.objects.filter(created_at__gte=since)
    add(reviews.filter(plan__isnull=False), "plan__cohort_id")
    reporters = set(reports.values_list("user_id", flat=True)) | set(
        reviews.filter(report__isnull=False).values_list("report__user_id", flat=True)
    )
    add(Enrolment.objects.filter(user_id__in=sorted(reporters)))
    add(
        Certificate.objects.filter(
            Q(issued_at__gte=since) | Q(revoked_at__gte=since), cohort__isnull=False
        )
    )
    users = LessonProgress.objects.filter(completed_at__gte=since).values("user_id")
    testers = Attempt.objects.filter(submitted_at__gte=since).values("user_id")
    add(Enrolment.objects.filter(Q(user_id__in=users) | Q(user_id__in=testers)))
    return cohorts


def _run(kind, cohort_ids: list[int], *, stdout=None) -> int:
    run = RefreshRun.objects.create(kind=kind, cohorts=len(cohort_ids))
    done = 0
    for start in range(0, len(cohort_ids), CHUNK):
        chunk = cohort_ids[start : start + CHUNK]
        done += _refresh_chunk(chunk)
        if stdout is not None:
            stdout.write(
                f"  facts: {start + len(chunk)}/{len(cohort_ids)} cohorts, "
                f"{done} participants"
            )
    RefreshRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    if kind == RefreshRun.Kind.ALL and connection.vendor == "postgresql":
        # Fresh statistics after rewriting every row, so the dashboards' plans fit.
        with connection.cursor() as cursor:
            for model in (ParticipantFact, FollowUpFact, OutcomeFact):
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')
    # Keep a month of runs: enough to see how long they take.
    RefreshRun.objects.filter(
        started_at__lt=timezone.now() - datetime.timedelta(days=30)
    ).delete()
    return done


def _lesson_totals(course_ids: set[int]) -> tuple[dict[int, tuple], set]:
    """Per course page id: (translation key, live lessons under it), and the translation
    keys of those live lessons, in two queries."""
    courses = list(
        CoursePage.objects.filter(pk__in=course_ids).values_list(
            "pk", "translation_key", "path"
        )
    )
    if not courses:
        return {}, set()
    condition = Q()
    for _pk, _key, path in courses:
        condition |= Q(path__startswith=path)
    lessons = list(
        LessonPage.objects.live()
        .filter(condition)
        .values_list("path", "translation_key")
    )
    totals = {
        pk: (key, sum(1 for lesson, _key in lessons if lesson.startswith(path)))
        for pk, key, path in courses
    }
    return totals, {key for _path, key in lessons}


def _refresh_chunk(cohort_ids: list[int]) -> int:
    """Read and replace in one transaction, holding the cohorts' rows (PostgreSQL; SQLite
    writes one at a time anyway), so two refreshes of a cohort never interleave and the
    later reading is the one kept."""
    with transaction.atomic():
        list(
            Cohort.objects.select_for_update()
            .filter(pk__in=cohort_ids)
            .values_list("pk", flat=True)
        )
        return _recompute(cohort_ids)


def _recompute(cohort_ids: list[int]) -> int:
    now = timezone.now()
    today = timezone.localdate(now)
    cohorts = {
        row["pk"]: row
        for row in Cohort.objects.filter(pk__in=cohort_ids).values(
            "pk", "programme_id", "starts_on", "ends_on", "pre_test_id", "post_test_id"
        )
    }
    enrolments = list(
        Enrolment.objects.filter(cohort_id__in=cohort_ids).values(
            "pk", "cohort_id", "user_id", "status", "enrolled_at", "withdrawn_at"
        )
    )
    members = Enrolment.objects.filter(cohort_id__in=cohort_ids).values("user_id")
    profiles = {
        row["user_id"]: row
        for row in ParticipantProfile.objects.filter(user_id__in=members).values(
            "user_id",
            "gender",
            "birth_year",
            "district",
            "country",
            "cluster_id",
            "cluster__sector",
            "cluster__district",
            "cluster__country",
        )
    }
    first_start = dict(
        Enrolment.objects.filter(user_id__in=members, status__in=ENROLLED_ONCE)
        .values("user_id")
        .annotate(first=Min("cohort__starts_on"))
        .values_list("user_id", "first")
    )

    # Sessions and registers
    sessions = {
        row["pk"]: row
        for row in Session.objects.filter(cohort_id__in=cohort_ids, starts_at__lte=now)
        .exclude(kind=Session.Kind.ONLINE)
        .values("pk", "cohort_id", "starts_at", "kind")
    }
    by_cohort_sessions = defaultdict(list)
    for session in sessions.values():
        by_cohort_sessions[session["cohort_id"]].append(session)
    register: dict[tuple, dict[int, str]] = defaultdict(dict)
    for user_id, session_id, status in Attendance.objects.filter(
        session_id__in=list(sessions)
    ).values_list("user_id", "session_id", "status"):
        register[(sessions[session_id]["cohort_id"], user_id)][session_id] = status

    # Courses and lessons
    course_links = defaultdict(list)
    for cohort_id, page_id in Cohort.courses.through.objects.filter(
        cohort_id__in=cohort_ids
    ).values_list("cohort_id", "page_id"):
        course_links[cohort_id].append(page_id)
    totals, live_lessons = _lesson_totals(
        {pk for pages in course_links.values() for pk in pages}
    )
    keys = {key for key, _n in totals.values()}
    done_lessons = {}
    if keys:
        for row in (
            LessonProgress.objects.filter(
                user_id__in=members,
                course_key__in=keys,
                lesson_key__in=live_lessons,
                completed_at__isnull=False,
            )
            .values("user_id", "course_key")
            .annotate(n=Count("pk"))
        ):
            done_lessons[(row["user_id"], row["course_key"])] = row["n"]

    # Tests: quiz ids to their keys (any language of the quiz counts)
    quiz_ids = {c["pre_test_id"] for c in cohorts.values()} | {
        c["post_test_id"] for c in cohorts.values()
    }
    quiz_keys = dict(
        Quiz.objects.filter(pk__in=quiz_ids - {None}).values_list(
            "pk", "translation_key"
        )
    )
    attempts = defaultdict(list)
    if quiz_keys:
        for row in (
            Attempt.objects.filter(
                user_id__in=members,
                quiz_key__in=set(quiz_keys.values()),
                state=Attempt.State.SUBMITTED,
            )
            .order_by("submitted_at", "number")
            .values_list("user_id", "quiz_key", "percent", "passed", "submitted_at")
        ):
            attempts[(row[0], row[1])].append((row[2], row[3], row[4]))

    plans = {
        (row[0], row[1]): row[2]
        for row in ActionPlan.objects.filter(cohort_id__in=cohort_ids).values_list(
            "cohort_id", "user_id", "status"
        )
    }
    certified = set(
        Certificate.objects.filter(
            cohort_id__in=cohort_ids, status=Certificate.Status.VALID
        ).values_list("cohort_id", "user_id")
    )
    checkpoints = defaultdict(list)
    for row in Checkpoint.objects.filter(cohort_id__in=cohort_ids).values(
        "pk", "cohort_id", "offset_months", "due_on"
    ):
        checkpoints[row["cohort_id"]].append(row)
    reports = {}
    latest = {}  # (cohort, user) -> (offset, report id): the latest report counted
    for row in FollowUpReport.objects.filter(
        checkpoint__cohort_id__in=cohort_ids
    ).values(
        "pk", "checkpoint_id", "user_id", "status", "checkpoint__cohort_id",
        "checkpoint__offset_months",
    ):  # fmt: skip
        reports[(row["checkpoint_id"], row["user_id"])] = row["status"]
        if row["status"] in DONE:
            key = (row["checkpoint__cohort_id"], row["user_id"])
            candidate = (row["checkpoint__offset_months"], row["pk"])
            if key not in latest or candidate > latest[key]:
                latest[key] = candidate
    # The latest report of each person in each programme (in any cohort, in this chunk or
    # not): outcomes over several cohorts count only that one.
    newest = {}
    for user_id, programme_id, due_on, pk in FollowUpReport.objects.filter(
        user_id__in=members,
        status__in=DONE,
        checkpoint__cohort__programme_id__in={
            c["programme_id"] for c in cohorts.values()
        },
    ).values_list(
        "user_id", "checkpoint__cohort__programme_id", "checkpoint__due_on", "pk"
    ):
        key = (programme_id, user_id)
        if key not in newest or (due_on, pk) > newest[key]:
            newest[key] = (due_on, pk)
    values = defaultdict(list)
    for value in IndicatorValue.objects.filter(
        report_id__in=[pk for _offset, pk in latest.values()]
    ).values("report_id", "indicator_id", "number", "women", "youth", "yes", "choices"):
        values[value["report_id"]].append(value)

    facts, follow_ups, outcomes = [], [], []
    for enrolment in enrolments:
        cohort = cohorts[enrolment["cohort_id"]]
        cohort_id, user_id = cohort["pk"], enrolment["user_id"]
        profile = profiles.get(user_id, {})
        birth_year = profile.get("birth_year")
        first = first_start.get(user_id) or cohort["starts_on"]
        enrolled = enrolment["status"] in ENROLLED_ONCE
        fact = ParticipantFact(
            enrolment_id=enrolment["pk"],
            programme_id=cohort["programme_id"],
            cohort_id=cohort_id,
            user_id=user_id,
            starts_on=cohort["starts_on"],
            gender=profile.get("gender") or "",
            age=(first.year - birth_year) if birth_year else None,
            cluster_id=profile.get("cluster_id"),
            sector=profile.get("cluster__sector") or "",
            district=profile.get("district") or profile.get("cluster__district") or "",
            country=profile.get("country") or profile.get("cluster__country") or "",
            status=enrolment["status"],
            enrolled=enrolled,
            plan_status=plans.get((cohort_id, user_id), ""),
            certified=(cohort_id, user_id) in certified,
            refreshed_at=now,
        )
        if enrolled:
            mine = register.get((cohort_id, user_id), {})
            since, until = enrolment["enrolled_at"], enrolment["withdrawn_at"]
            if enrolment["status"] != Enrolment.Status.WITHDRAWN:
                until = None
            held = [
                s
                for s in by_cohort_sessions[cohort_id]
                if s["pk"] in mine
                or (
                    (since is None or s["starts_at"] >= since)
                    and (until is None or s["starts_at"] < until)
                )
            ]
            attended = [s for s in held if mine.get(s["pk"]) in Attendance.ATTENDED]
            fact.sessions_held = len(held)
            fact.sessions_attended = len(attended)
            fact.visits_attended = sum(
                1 for s in attended if s["kind"] == Session.Kind.VISIT
            )
            fact.attended = bool(attended)
            for page_id in course_links[cohort_id]:
                key, total = totals.get(page_id, (None, 0))
                fact.lessons_total += total
                fact.lessons_done += min(total, done_lessons.get((user_id, key), 0))
            fact.pre_score, fact.post_score, fact.post_passed = _tests(
                cohort,
                quiz_keys,
                attempts,
                user_id,
                since or moment(cohort["starts_on"]),
            )
            if fact.lessons_total:
                fact.completed = fact.lessons_done >= fact.lessons_total
            else:
                fact.completed = bool(
                    cohort["ends_on"] < today
                    and fact.sessions_held
                    and 100 * fact.sessions_attended
                    >= COMPLETION_ATTENDANCE * fact.sessions_held
                )
        facts.append(fact)
        approved = fact.plan_status == ActionPlan.Status.APPROVED
        for checkpoint in checkpoints[cohort_id]:
            status = reports.get((checkpoint["pk"], user_id))
            submitted = status in DONE
            owed = submitted or (
                enrolment["status"] == Enrolment.Status.ENROLLED and approved
            )
            if not owed:
                continue
            follow_ups.append(
                FollowUpFact(
                    fact=fact,
                    checkpoint_id=checkpoint["pk"],
                    offset_months=checkpoint["offset_months"],
                    due_on=checkpoint["due_on"],
                    owed=True,
                    submitted=submitted,
                    overdue=not submitted and checkpoint["due_on"] < today,
                )
            )
        counted = latest.get((cohort_id, user_id))
        newest_pk = newest.get((cohort["programme_id"], user_id), (None, None))[1]
        for value in values.get(counted[1], []) if counted else []:
            chosen = value["choices"] or []
            outcomes.append(
                OutcomeFact(
                    fact=fact,
                    indicator_id=value["indicator_id"],
                    number=float(value["number"])
                    if value["number"] is not None
                    else None,
                    women=value["women"],
                    youth=value["youth"],
                    yes=value["yes"]
                    if value["yes"] is not None
                    else (bool(chosen) or None),
                    chosen=chosen,
                    counted=counted[1] == newest_pk,
                )
            )

    with transaction.atomic():  # a savepoint inside the chunk's transaction
        # By the old rows' ids, each table on its own index: a DELETE joining the tables
        # can be planned very badly by PostgreSQL right after a bulk load.
        old = list(
            ParticipantFact.objects.filter(cohort_id__in=cohort_ids).values_list(
                "pk", flat=True
            )
        )
        for start in range(0, len(old), 5000):
            part = old[start : start + 5000]
            OutcomeFact.objects.filter(fact_id__in=part).delete()
            FollowUpFact.objects.filter(fact_id__in=part).delete()
            ParticipantFact.objects.filter(pk__in=part).delete()
        ParticipantFact.objects.bulk_create(facts, batch_size=2000)
        for item in follow_ups + outcomes:
            item.fact_id = item.fact.pk
        FollowUpFact.objects.bulk_create(follow_ups, batch_size=2000)
        OutcomeFact.objects.bulk_create(outcomes, batch_size=2000)
        programmes = {c["programme_id"] for c in cohorts.values()}
        _mark_people({fact.user_id for fact in facts}, programmes)
        snapshots.changed(programmes)
    return len(facts)


PERSON_FLAGS = {
    "p_enrolled": lambda row: row["enrolled"],
    "p_attended": lambda row: row["attended"],
    "p_completed": lambda row: row["completed"],
    "p_certified": lambda row: row["certified"],
    "p_visited": lambda row: row["visits_attended"] > 0,
    "p_withdrawn": lambda row: row["status"] == Enrolment.Status.WITHDRAWN,
}


def _mark_people(users: set[int], programmes: set[int]) -> None:
    """Recompute, for these people in these programmes, which of their rows stands for them
    and what they did in any cohort of the programme (rows in other chunks included)."""
    if not users:
        return
    rows = list(
        ParticipantFact.objects.filter(
            user_id__in=users, programme_id__in=programmes
        ).values(
            "pk",
            "user_id",
            "programme_id",
            "enrolled",
            "attended",
            "completed",
            "certified",
            "visits_attended",
            "status",
        )
    )
    people = defaultdict(list)
    for row in rows:
        people[(row["programme_id"], row["user_id"])].append(row)
    # One UPDATE per combination of flags (at most 64), not one per person.
    combinations = defaultdict(list)
    for person_rows in people.values():
        flags = tuple(
            any(test(row) for row in person_rows) for test in PERSON_FLAGS.values()
        )
        combinations[flags].append(min(row["pk"] for row in person_rows))
    ParticipantFact.objects.filter(pk__in=[row["pk"] for row in rows]).update(
        person_first=False, **dict.fromkeys(PERSON_FLAGS, False)
    )
    for flags, pks in combinations.items():
        for start in range(0, len(pks), 5000):
            ParticipantFact.objects.filter(pk__in=pks[start : start + 5000]).update(
                person_first=True, **dict(zip(PERSON_FLAGS, flags, strict=True))
            )


def moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _tests(cohort, quiz_keys, attempts, user_id, since):
    """Pre-test: the first attempt since enrolling in this cohort; post-test: the best one
    (someone who repeats a programme is scored afresh in the new cohort)."""
    pre_key = quiz_keys.get(cohort["pre_test_id"])
    post_key = quiz_keys.get(cohort["post_test_id"])

    def taken(key):
        found = attempts.get((user_id, key), []) if key else []
        return [a for a in found if a[2] is None or a[2] >= since]

    pre_attempts, post_attempts = taken(pre_key), taken(post_key)
    pre = pre_attempts[0][0] if pre_attempts else None
    if post_key and post_key == pre_key:
        post_attempts = post_attempts[1:]
    scored = [a for a in post_attempts if a[0] is not None]
    if not scored:
        return pre, None, None
    best = max(scored, key=lambda a: a[0])
    return pre, best[0], any(a[1] for a in post_attempts)
