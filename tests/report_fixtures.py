"""A small world whose every figure is worked out by hand (see the comments), for the
reports tests.

Programme P (officer `officer`) has two cohorts:
- A (trainer `trainer`): ended 100 days ago; the course of `course_tree` (4 lessons),
  a pre-test and a post-test; two past workshops, a past exposure visit, an online window
  (never counted) and a workshop in three days (not held yet).
- B: ended 30 days ago; no course, no tests; one past workshop.
Programme Q (officer `other_officer`) has cohort C with one participant and a visit.

People (age from the start year of their first cohort):
- p1 female, 31 (youth), cluster K1 (agriculture, Kegalle): in A and in B;
- p2 male, 46, cluster K2 (pottery, Matale): in A;
- p3 female, 26 (youth), cluster K2: in A, withdrew after the first workshop;
- p4 female, 56, cluster K1: asked to join A (never enrolled);
- p5 male, no birth year, cluster K1: in B;
- p6 female, 40, cluster K3 (LK, Colombo): in C (the other programme).
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from actionplans.default_template import TRANSLATION_KEY
from actionplans.models import (
    ActionPlan,
    Checkpoint,
    FollowUpReport,
    Indicator,
    IndicatorValue,
    PlanTemplate,
)
from assessments.models import Attempt
from certificates.models import Certificate
from cohorts.models import Attendance, Cohort, Enrolment, Programme, Session
from courses.models import LessonProgress
from people.models import Cluster, Sector
from tests import factories
from tests.cert_fixtures import certificate_setup
from tests.course_fixtures import course_tree  # noqa: F401 - a fixture used below
from tests.quiz_fixtures import make_quiz


def moment(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def session(cohort, day, kind=Session.Kind.WORKSHOP, title="Workshop"):
    start = moment(day)
    return Session.objects.create(
        cohort=cohort,
        kind=kind,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        time_zone="Asia/Colombo",
    )


def enrol(cohort, user, status=Enrolment.Status.ENROLLED, **fields):
    fields.setdefault(
        "enrolled_at",
        moment(cohort.starts_on - timedelta(days=5))
        if status in (Enrolment.Status.ENROLLED, Enrolment.Status.WITHDRAWN)
        else None,
    )
    return Enrolment.objects.create(
        cohort=cohort, user=user, status=status, source="officer", **fields
    )


def mark(session_, user, status):
    Attendance.objects.create(
        session=session_, user=user, status=status, method="register"
    )


def attempt(user, quiz, number, percent, passed=None, state=Attempt.State.SUBMITTED):
    submitted = timezone.now() - timedelta(days=125 - number)  # during cohort A
    return Attempt.objects.create(
        user=user,
        quiz=quiz,
        quiz_key=quiz.translation_key,
        number=number,
        state=state,
        started_at=submitted - timedelta(minutes=10),
        submitted_at=submitted if state == Attempt.State.SUBMITTED else None,
        score=percent,
        max_score=100,
        percent=percent,
        pass_mark=60,
        passed=passed
        if passed is not None
        else (percent is not None and percent >= 60),
    )


def plan(cohort, user, status, template):
    return ActionPlan.objects.create(
        user=user, cohort=cohort, template=template, language="en", status=status
    )


def report(checkpoint, plan_, status, values=None, story=""):
    row = FollowUpReport.objects.create(
        checkpoint=checkpoint,
        plan=plan_,
        user=plan_.user,
        status=status,
        story=story,
        submitted_at=timezone.now() if status in ("submitted", "accepted") else None,
    )
    for code, fields in (values or {}).items():
        IndicatorValue.objects.create(
            report=row,
            indicator=Indicator.objects.get(code=code, programme=None),
            **fields,
        )
    return row


@pytest.fixture
def report_world(db, course_tree):  # noqa: F811
    today = timezone.localdate()
    officer = factories.make_officer()
    other_officer = factories.make_officer()
    trainer = factories.make_trainer()
    administrator = factories.make_administrator()
    programme = Programme.objects.create(name="Programme P", funder="EU")
    programme.officers.add(officer)
    other = Programme.objects.create(name="Programme Q")
    other.officers.add(other_officer)

    pre = make_quiz([], title="Pre-test")
    post = make_quiz([], title="Post-test")
    a_start = today - timedelta(days=130)
    a = Cohort.objects.create(
        programme=programme,
        name="Cohort A",
        language="en",
        starts_on=a_start,
        ends_on=today - timedelta(days=100),
        status=Cohort.Status.COMPLETED,
        pre_test=pre,
        post_test=post,
    )
    a.trainers.add(trainer)
    a.courses.add(course_tree.course)
    b = Cohort.objects.create(
        programme=programme,
        name="Cohort B",
        language="en",
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=30),
        status=Cohort.Status.COMPLETED,
    )
    c = Cohort.objects.create(
        programme=other,
        name="Cohort C",
        language="en",
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=30),
        status=Cohort.Status.COMPLETED,
    )

    year = a_start.year
    k1 = Cluster.objects.create(
        name="K1 mushrooms", sector=Sector.AGRICULTURE, district="Kegalle", country="LK"
    )
    k2 = Cluster.objects.create(
        name="K2 potters", sector=Sector.POTTERY, district="Matale", country="LK"
    )
    k3 = Cluster.objects.create(
        name="K3 leather", sector=Sector.LEATHER, district="Colombo", country="LK"
    )

    def person(name, gender, age, cluster):
        return factories.make_participant(
            full_name=name,
            gender=gender,
            birth_year=(year - age) if age is not None else None,
            cluster=cluster,
            district=cluster.district,
            country="LK",
        )

    p1 = person("Amali One", "female", 31, k1)
    p2 = person("Bandara Two", "male", 46, k2)
    p3 = person("Chathu Three", "female", 26, k2)
    p4 = person("Dilini Four", "female", 56, k1)
    p5 = person("Eranga Five", "male", None, k1)
    p6 = person("Fathima Six", "female", 40, k3)

    # Sessions
    w1 = session(a, a_start + timedelta(days=1))
    w2 = session(a, a_start + timedelta(days=2))
    visit = session(a, a_start + timedelta(days=5), Session.Kind.VISIT, "Visit")
    online = session(a, a_start + timedelta(days=3), Session.Kind.ONLINE, "Online")
    session(a, today + timedelta(days=3))  # not held yet
    b1 = session(b, b.starts_on + timedelta(days=1))
    c_visit = session(c, c.starts_on + timedelta(days=2), Session.Kind.VISIT, "Visit")

    # Enrolments
    enrol(a, p1)
    enrol(a, p2)
    enrol(
        a,
        p3,
        Enrolment.Status.WITHDRAWN,
        withdrawn_at=moment(a_start + timedelta(days=1), 18),
    )
    enrol(a, p4, Enrolment.Status.REQUESTED)
    enrol(b, p1)
    enrol(b, p5)
    enrol(c, p6)

    # Registers. Held for p1 in A: w1, w2, visit (3), attended 3 (late counts), 1 visit.
    # p2: 3 held, attended 1. p3 withdrew after w1: held 1, attended 1.
    # B: p1 1/1, p5 0/1. Programme P: held 9, attended 6 (66.7 %);
    # women (p1 ×2, p3) 5/5, men (p2, p5) 1/4.
    mark(w1, p1, "present")
    mark(w2, p1, "late")
    mark(visit, p1, "present")
    mark(online, p1, "present")  # online windows never count
    mark(w1, p2, "absent")
    mark(w2, p2, "present")
    mark(visit, p2, "absent")
    mark(w1, p3, "present")
    mark(b1, p1, "present")
    mark(b1, p5, "absent")
    mark(c_visit, p6, "present")

    # Lessons: the course has 4. p1 did 4, p2 2, p3 none: 6 of 12 (50 %).
    # Completed: p1 in A (all lessons) and in B (attended 1 of 1 ≥ 75 %); p5 no.
    for lesson in course_tree.lessons:
        done(p1, lesson, course_tree)
    for lesson in course_tree.lessons[:2]:
        done(p2, lesson, course_tree)
    # Viewed but not done: does not count.
    LessonProgress.objects.create(
        user=p3,
        lesson_key=course_tree.lessons[0].translation_key,
        module_key=course_tree.lessons[0].get_parent().translation_key,
        course_key=course_tree.course.translation_key,
        first_viewed_at=timezone.now(),
        last_viewed_at=timezone.now(),
    )

    # Tests: pre p1 40, p2 60, p3 30 (mean 43.3); post p1 best of 70 and 90 → 90 (passed),
    # p2 50 (failed; an unfinished attempt is ignored). Both tests: p1, p2:
    # gain = (90 + 50)/2 − (40 + 60)/2 = 20 points. Passed 1 of 2.
    attempt(p1, pre, 1, 40)
    attempt(p2, pre, 1, 60)
    attempt(p3, pre, 1, 30)
    attempt(p1, post, 1, 70, passed=True)
    attempt(p1, post, 2, 90)
    attempt(p2, post, 1, 50)
    attempt(p2, post, 2, None, state=Attempt.State.IN_PROGRESS)

    # Plans: A p1 approved, p2 approved, p3 submitted; B p1 draft, p5 none.
    template = PlanTemplate.objects.get(
        translation_key=TRANSLATION_KEY, locale__language_code="en"
    )
    plan1 = plan(a, p1, ActionPlan.Status.APPROVED, template)
    plan2 = plan(a, p2, ActionPlan.Status.APPROVED, template)
    plan(a, p3, ActionPlan.Status.SUBMITTED, template)
    plan(b, p1, ActionPlan.Status.DRAFT, template)

    # Follow-up in A (checkpoints at 1, 3 and 6 months after the end: 6 is not due yet).
    one, three, six = Checkpoint.objects.filter(cohort=a).order_by("offset_months")
    assert one.due_on < today and three.due_on < today < six.due_on
    # 1 month: p1 and p2 submitted (100 %). 3 months: p1 accepted, p2 sent back (overdue):
    # 50 %. 6 months: owed 2, due 0.
    report(one, plan1, "submitted", {"sales_change": {"number": Decimal("10")}})
    report(
        three,
        plan1,
        "accepted",
        {
            "sales_change": {"number": Decimal("30")},
            "jobs_created": {"number": Decimal("3"), "women": 2, "youth": 1},
            "bank_account": {"yes": True},
            "certifications": {"choices": ["HACCP"]},
        },
        story="We now sell dried mushrooms to two hotels.",
    )
    report(six, plan1, "draft", {"sales_change": {"number": Decimal("500")}})
    report(
        one,
        plan2,
        "submitted",
        {
            "sales_change": {"number": Decimal("-10")},
            "jobs_created": {"number": Decimal("0"), "women": 0, "youth": 0},
            "bank_account": {"yes": False},
            "certifications": {"choices": []},
        },
    )
    report(three, plan2, "changes", {"sales_change": {"number": Decimal("99")}})
    # Outcomes (latest submitted or accepted report): p1's 3-month, p2's 1-month.
    # Sales: n 2, sum 20, mean 10, above zero 1. Jobs: sum 3 (women 2, youth 1).
    # Bank account: 1 yes of 2. Certifications: 1 of 2 chose any.

    # Certificates: p1 in A valid; p2 in A revoked (not certified).
    template = certificate_setup(a).template
    certificate(a, p1, "valid", template)
    certificate(a, p2, "revoked", template)

    return SimpleNamespace(
        today=today,
        officer=officer,
        other_officer=other_officer,
        trainer=trainer,
        administrator=administrator,
        programme=programme,
        other=other,
        a=a,
        b=b,
        c=c,
        people=[p1, p2, p3, p4, p5, p6],
        clusters=[k1, k2, k3],
        checkpoints=[one, three, six],
    )


def done(user, lesson, tree):
    now = timezone.now()
    LessonProgress.objects.create(
        user=user,
        lesson_key=lesson.translation_key,
        module_key=lesson.get_parent().translation_key,
        course_key=tree.course.translation_key,
        first_viewed_at=now,
        last_viewed_at=now,
        completed_at=now,
        completed_by="marked_done",
    )


_numbers = iter(range(1, 10_000))


def certificate(cohort, user, status, template):
    n = next(_numbers)
    return Certificate.objects.create(
        user=user,
        cohort=cohort,
        programme_name=cohort.programme.name,
        cohort_name=cohort.name,
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
        issuer="Chamber",
        heading="Certificate",
        template_key=template.translation_key,
        template=template,
        number=f"T-{n:05d}",
        code=f"CODE{n:08d}",
        full_name=user.full_name,
        language="en",
        status=status,
    )
