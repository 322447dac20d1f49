import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from cms.models import StandardPage
from people.models import Cluster, ParticipantProfile, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_realistic_and_idempotent(
    client, django_capture_on_commit_callbacks
):
    # wagtail-localize publishes translations when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--allow-production")
    counts = (
        User.objects.count(),
        Cluster.objects.count(),
        StandardPage.objects.count(),
    )
    call_command("seed_demo", "--allow-production")
    assert (
        User.objects.count(),
        Cluster.objects.count(),
        StandardPage.objects.count(),
    ) == counts

    assert ParticipantProfile.objects.count() >= 12
    assert Cluster.objects.filter(
        name__icontains="mushroom", district="Kegalle"
    ).exists()
    assert Cluster.objects.filter(country="RW", sector="leather").exists()
    assert Cluster.objects.filter(name__icontains="clay jewellery").exists()
    # Participants signing in with a phone only, as many do.
    assert ParticipantProfile.objects.filter(user__email__isnull=True).count() >= 6
    # Reports break down by gender: both are represented.
    genders = set(ParticipantProfile.objects.values_list("gender", flat=True))
    assert {"female", "male"} <= genders

    for login in ["participant@demo.clusteracademy.org", "+94 77 123 4567"]:
        response = client.post(
            "/en/accounts/sign-in/", {"username": login, "password": "cluster-demo"}
        )
        assert response.status_code == 302, login
        client.logout()
    assert client.get("/en/about/").status_code == 200

    # Five courses of 2 modules × 2 lessons, translated into si, bn and km; one into rw.
    # The HACCP course ends with a quiz lesson (English only: the demo quiz is not
    # translated, so its lesson is not either).
    from assessments.models import Question, Quiz
    from courses.models import CoursePage, LessonPage

    assert CoursePage.objects.filter(locale__language_code="en").count() == 5
    assert LessonPage.objects.filter(locale__language_code="en").count() == 21
    quiz_lesson = LessonPage.objects.get(slug="check-what-you-learnt")
    assert quiz_lesson.completion_rule == "activity_passed"
    assert [
        b.value["quiz"].title for b in quiz_lesson.body if b.block_type == "quiz"
    ] == ["Food safety check"]
    assert Quiz.objects.count() == 3 and Question.objects.count() == 7
    for language in ("si", "bn", "km"):
        assert (
            LessonPage.objects.filter(locale__language_code=language, live=True).count()
            == 20
        )
    assert LessonPage.objects.filter(locale__language_code="rw").count() == 4
    response = client.get("/km/courses/haccp-basics/")
    page = response.content.decode()
    assert response.status_code == 200
    khmer = CoursePage.objects.get(locale__language_code="km", slug="haccp-basics")
    assert khmer.title in page and "HACCP basics for small food" not in page
    assert "not yet available" not in page
    lesson = LessonPage.objects.filter(locale__language_code="rw").first()
    assert client.get(lesson.url).status_code == 200

    from cohorts.models import Cohort
    from interactive.models import H5PContent

    english, sinhala = (H5PContent.objects.get(language=code) for code in ("en", "si"))
    assert english.translation_group == sinhala.translation_group
    hygiene = LessonPage.objects.get(
        locale__language_code="en", slug="good-hygiene-first"
    )
    assert [b.value["content"] for b in hygiene.body if b.block_type == "h5p"] == [
        english
    ]
    from cohorts.demo import COHORT

    cohort = Cohort.objects.get(name=COHORT)
    assert cohort.sessions.count() == 3
    assert cohort.enrolments.filter(status="enrolled").count() >= 4
    assert cohort.trainers.filter(email="trainer@demo.clusteracademy.org").exists()

    from actionplans.demo import EARLIER
    from actionplans.models import ActionPlan, FollowUpReport

    # A draft to continue, a plan waiting for the trainer, and a finished cohort whose
    # follow-up is under way (one report by the participant, one by phone).
    assert sorted(cohort.action_plans.values_list("status", flat=True)) == [
        "draft",
        "submitted",
    ]
    earlier = Cohort.objects.get(name=EARLIER)
    assert set(earlier.action_plans.values_list("status", flat=True)) == {"approved"}
    assert sorted(FollowUpReport.objects.values_list("method", "status")) == [
        ("phone", "submitted"),
        ("self", "accepted"),
    ]
    from certificates.models import Certificate

    # Certificates in Sinhala, Khmer and English with Kinyarwanda beside it.
    kumari = Certificate.objects.get(user__email="participant@demo.clusteracademy.org")
    assert kumari.language == "si" and kumari.template.locale.language_code == "si"
    assert Certificate.objects.filter(language="km").exists()
    bilingual = Certificate.objects.filter(template__second_language="rw").first()
    assert bilingual.language == "en"
    assert bilingual.template.in_language("rw") is not None
    assert client.get(f"/verify/{kumari.code}/").status_code == 200

    participant = User.objects.get(email="participant@demo.clusteracademy.org")
    client.force_login(participant)
    page = client.get("/si/plans/").content.decode()
    assert ActionPlan.objects.filter(user=participant).count() == 2
    assert earlier.name in page and cohort.name in page


def test_if_empty_leaves_an_existing_site_alone(participant):
    call_command("seed_demo", "--allow-production", "--if-empty")
    assert User.objects.count() == 1


@override_settings(DEBUG=False)
def test_seed_demo_refuses_in_production():
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
