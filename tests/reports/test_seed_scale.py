"""seed_scale: a large, realistic data set for the dashboards, scaled down to a couple of
hundred participants; `--clear` replaces exactly that data and nothing else."""

import sys
import types
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q, signals
from django.urls import get_resolver
from wagtail.models import ReferenceIndex

from actionplans.models import (
    ActionPlan,
    Checkpoint,
    FollowUpReport,
    Indicator,
    IndicatorValue,
)
from assessments.models import Attempt, Quiz
from certificates.models import Certificate
from cohorts import services as cohort_services
from cohorts.models import Cohort, Enrolment, Programme, Session
from courses.models import CoursePage, LessonProgress
from people import roles
from people.models import Cluster, Enterprise, Gender, ParticipantProfile, User
from tests.cert_fixtures import certificate_setup

pytestmark = pytest.mark.django_db

SCALE = "Scale: "


def seed(*options, participants=200):
    out = StringIO()
    call_command(
        "seed_scale",
        "--participants",
        str(participants),
        "--no-facts",
        *options,
        stdout=out,
    )
    return out.getvalue()


def scale_people():
    return User.objects.filter(
        is_staff=False, participant_profile__cluster__name__startswith=SCALE
    )


def counts() -> dict:
    """What a second run with the same seed must make again, row for row."""
    scale = Q(programme__name__startswith=SCALE)
    return {
        "people": scale_people().count(),
        "cohorts": Cohort.objects.filter(scale).count(),
        "enrolments": Enrolment.objects.filter(cohort__programme__name__startswith=SCALE).count(),
        "progress": LessonProgress.objects.filter(user__in=scale_people()).count(),
        "attempts": Attempt.objects.filter(user__in=scale_people()).count(),
        "plans": ActionPlan.objects.filter(cohort__programme__name__startswith=SCALE).count(),
        "reports": FollowUpReport.objects.filter(user__in=scale_people()).count(),
        "certificates": Certificate.objects.filter(number__startswith="SCALE-").count(),
    }  # fmt: skip


def others() -> dict:
    """Rows that are not scale data, table by table."""
    scale_cohort = Q(cohort__programme__name__startswith=SCALE)
    return {
        "users": User.objects.exclude(email__endswith="@scale.invalid")
        .exclude(phone__startswith="+9990")
        .count(),
        "programmes": Programme.objects.exclude(name__startswith=SCALE).count(),
        "cohorts": Cohort.objects.exclude(programme__name__startswith=SCALE).count(),
        "sessions": Session.objects.exclude(scale_cohort).count(),
        "enrolments": Enrolment.objects.exclude(scale_cohort).count(),
        "clusters": Cluster.objects.exclude(name__startswith=SCALE).count(),
        "indicators": Indicator.objects.exclude(
            programme__name__startswith=SCALE
        ).count(),
        "quizzes": Quiz.objects.exclude(title__startswith=SCALE).count(),
        "certificates": Certificate.objects.exclude(number__startswith="SCALE").count(),
        "pages": CoursePage.objects.exclude(title__startswith=SCALE).count(),
    }


def test_a_realistic_data_set_in_the_proportions_asked_for():
    output = seed()

    assert "Scale data: 200 participants" in output
    people = scale_people()
    assert people.count() == 200
    assert not any(user.has_usable_password() for user in people[:20])
    # One national programme holds about 40 % of everyone: the worst-case dashboard.
    programmes = Programme.objects.filter(name__startswith=SCALE)
    assert programmes.count() == 5
    shares = sorted(
        Enrolment.objects.filter(cohort__programme__in=programmes)
        .values("cohort__programme")
        .annotate(people=Count("user", distinct=True))
        .values_list("people", flat=True)
    )
    assert 0.35 <= shares[-1] / 200 <= 0.45
    for programme in programmes:
        officer = programme.officers.get()
        assert officer.is_staff
        assert roles.OFFICER in officer.role_names
        assert programme.cohorts.filter(trainers__isnull=False).exists()

    profiles = ParticipantProfile.objects.filter(user__in=people)
    women = profiles.filter(gender=Gender.FEMALE).count() / 200
    assert 0.45 <= women <= 0.7
    assert profiles.filter(gender__in=[Gender.OTHER, Gender.UNDISCLOSED]).exists()
    young = profiles.filter(birth_year__gt=date.today().year - 35).count() / 200
    assert 0.25 <= young <= 0.55
    # Place comes from the cluster, and the cluster's country from the programme.
    assert not profiles.exclude(district=F("cluster__district")).exists()
    assert not profiles.exclude(country=F("cluster__country")).exists()
    assert Cluster.objects.filter(name__startswith=SCALE).count() >= 5

    twice = (
        Enrolment.objects.filter(user__in=people)
        .values("user")
        .annotate(cohorts=Count("cohort"))
        .filter(cohorts__gt=1)
        .count()
    )
    assert 10 <= twice <= 30
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert Enrolment.Status.ENROLLED in statuses and len(statuses) >= 4

    cohorts = Cohort.objects.filter(programme__in=programmes)
    for cohort in cohorts.prefetch_related("checkpoints", "sessions", "courses"):
        due = {c.offset_months: c.due_on for c in cohort.checkpoints.all()}
        assert due == {m: Checkpoint.due_for(cohort.ends_on, m) for m in (1, 3, 6)}
        kinds = [s.kind for s in cohort.sessions.all()]
        assert kinds.count(Session.Kind.VISIT) == 1
        assert 4 <= kinds.count(Session.Kind.WORKSHOP) <= 6
        assert 1 <= len(cohort.courses.all()) <= 2
        assert cohort.pre_test_id and cohort.post_test_id
        assert cohort.starts_on >= date.today() - timedelta(days=731)

    progress = LessonProgress.objects.filter(user__in=people).count() / 200
    assert 7 <= progress <= 14
    attempts = Attempt.objects.filter(user__in=people)
    assert 1.5 <= attempts.count() / 200 <= 2.5
    assert not attempts.exclude(state="submitted").exists()
    enrolled = Enrolment.objects.filter(
        user__in=people, status=Enrolment.Status.ENROLLED
    ).count()
    plans = ActionPlan.objects.filter(user__in=people)
    assert 0.35 <= plans.count() / enrolled <= 0.7
    assert len(set(plans.values_list("status", flat=True))) == 4

    # Reports: approved plans only, at checkpoints of the plan's own cohort that are open.
    reports = FollowUpReport.objects.filter(user__in=people)
    assert reports.count() > plans.filter(status="approved").count()
    assert not reports.exclude(checkpoint__cohort=F("plan__cohort")).exists()
    assert not reports.exclude(user=F("plan__user")).exists()
    assert not reports.exclude(plan__status="approved").exists()
    assert not reports.filter(
        checkpoint__due_on__gt=date.today() + timedelta(days=14)
    ).exists()
    assert reports.exclude(story="").exists()
    values = IndicatorValue.objects.filter(report__in=reports)
    assert values.values("indicator").distinct().count() >= 8
    jobs = values.filter(indicator__code="jobs_created")
    assert not jobs.filter(Q(women__gt=F("number")) | Q(youth__gt=F("number"))).exists()

    certificates = Certificate.objects.filter(user__in=people)
    completed = Enrolment.objects.filter(
        user__in=people,
        status=Enrolment.Status.ENROLLED,
        cohort__status=Cohort.Status.COMPLETED,
    ).count()
    assert 0.45 <= certificates.count() / completed <= 0.8
    assert not certificates.exclude(number__startswith="SCALE-").exists()
    assert not certificates.exclude(cohort__status=Cohort.Status.COMPLETED).exists()


def test_a_second_run_without_clear_refuses(course_tree):
    seed(participants=40)

    with pytest.raises(CommandError, match="--clear"):
        seed(participants=40)
    assert scale_people().count() == 40


def test_clear_replaces_the_scale_data_and_only_that(course_tree, cohort_set):
    """Data made by other means (a programme, its cohort, a participant, an existing
    course, a certificate) survives, and the same seed makes the same data again."""
    person = cohort_set.participants[0]
    cohort_services.enrol(cohort=cohort_set.cohort, user=person)
    certificate = Certificate.objects.create(
        user=person,
        cohort=cohort_set.cohort,
        programme_name=cohort_set.programme.name,
        cohort_name=cohort_set.cohort.name,
        starts_on=cohort_set.cohort.starts_on,
        ends_on=cohort_set.cohort.ends_on,
        issuer="Chamber",
        heading="Certificate",
        template=(template := certificate_setup(cohort_set.cohort).template),
        template_key=template.translation_key,
        number="CA-2026-00001",
        full_name=person.full_name,
        language="en",
    )
    before = others()
    seed(participants=120)
    assert others() == before
    first = counts()
    programmes = set(
        Programme.objects.filter(name__startswith=SCALE).values_list("pk", flat=True)
    )
    # The site's own course is used, not copied.
    assert Cohort.objects.filter(courses=course_tree.course).count() == first["cohorts"]

    output = seed("--clear", participants=120)

    assert "cleared" in output
    assert counts() == first
    assert others() == before
    assert not Programme.objects.filter(pk__in=programmes).exists()
    assert Programme.objects.filter(name__startswith=SCALE).count() == 5
    assert CoursePage.objects.live().get() == course_tree.course
    assert Enrolment.objects.filter(user=person, cohort=cohort_set.cohort).exists()
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_even_one_participant_makes_a_consistent_set(course_tree):
    seed(participants=1)

    person = scale_people().get()
    enrolment = Enrolment.objects.get(user=person)
    assert enrolment.cohort.programme.name.startswith("Scale: Sri Lanka")
    assert enrolment.cohort.checkpoints.count() == 3


def test_clear_with_the_admin_loaded_keeps_the_reference_index_clean(course_tree):
    """Once the URLconf is loaded (as before any management command, after the system
    checks), Wagtail's reference index listens to the deletes of every model the admin
    lists: cohorts, profiles, indicators. Their rows still go, with their references."""
    assert get_resolver().url_patterns
    assert signals.post_delete.has_listeners(Cohort)
    indicators = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Indicator)
    )
    seed(participants=40)
    first = Indicator.objects.get(programme__name__startswith=SCALE)
    assert indicators.filter(object_id=str(first.pk)).exists()
    references = ReferenceIndex.objects.count()

    seed("--clear", participants=40)

    assert ReferenceIndex.objects.count() == references
    existing = {str(pk) for pk in Indicator.objects.values_list("pk", flat=True)}
    assert set(indicators.values_list("object_id", flat=True)) <= existing
    assert scale_people().count() == 40


def test_clear_refuses_when_other_data_depends_on_scale_data(course_tree):
    """An enterprise someone registered for a scale participant protects the account:
    nothing is deleted, and the message says why."""
    seed(participants=30)
    person = scale_people().first()
    Enterprise.objects.create(name="Real business", owner=person)
    before = counts()

    with pytest.raises(CommandError, match="enterprises"):
        seed("--clear", participants=30)

    assert counts() == before


def test_without_courses_it_makes_its_own_and_clear_removes_them():
    seed(participants=60)
    courses = set(CoursePage.objects.values_list("pk", flat=True))
    quizzes = set(Quiz.objects.values_list("pk", flat=True))
    assert len(courses) == 3
    assert all(
        title.startswith(SCALE)
        for title in CoursePage.objects.values_list("title", flat=True)
    )

    seed("--clear", participants=60)

    assert CoursePage.objects.count() == 3
    assert not CoursePage.objects.filter(pk__in=courses).exists()
    assert not Quiz.objects.filter(pk__in=quizzes).exists()
    assert Quiz.objects.filter(title__startswith=SCALE).count() == 2


def test_report_facts_are_rebuilt_unless_asked_not_to(course_tree, monkeypatch):
    calls = []

    def rebuild(*, stdout):
        calls.append(stdout)
        stdout.write("facts: 2 cohorts")

    facts = types.ModuleType("reports.facts")
    facts.rebuild = rebuild
    monkeypatch.setitem(sys.modules, "reports.facts", facts)
    monkeypatch.setattr("reports.facts", facts, raising=False)

    out = StringIO()
    call_command("seed_scale", "--participants", "30", stdout=out)

    assert len(calls) == 1
    assert "facts: 2 cohorts" in out.getvalue()
    assert "Report facts rebuilt in" in out.getvalue()
    seed("--clear", participants=30)
    assert len(calls) == 1
