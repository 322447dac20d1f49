"""The REST API, version 1. Each app registers its viewsets here."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter
from rest_framework.throttling import ScopedRateThrottle

from actionplans.api import (
    ActionPlanViewSet,
    CheckpointViewSet,
    IndicatorViewSet,
    ReportViewSet,
)
from assessments.api import AttemptViewSet, QuizViewSet
from certificates.api import CertificateViewSet
from cohorts.api import (
    AttendanceViewSet,
    CohortViewSet,
    EnrolmentViewSet,
    ProgrammeViewSet,
    SessionViewSet,
)
from courses.api import CourseViewSet, ProgressViewSet
from interactive.api import ActivityViewSet, ResultViewSet, StatementView
from people.api import MeView
from reports.api import FigureViewSet


class TokenView(ObtainAuthToken):
    """Exchange an email address or phone number and a password for an API token."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"


router = DefaultRouter()
router.register("courses", CourseViewSet, basename="course")
router.register("progress", ProgressViewSet, basename="progress")
router.register("quizzes", QuizViewSet, basename="quiz")
router.register("attempts", AttemptViewSet, basename="attempt")
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("cohorts", CohortViewSet, basename="cohort")
router.register("sessions", SessionViewSet, basename="session")
router.register("enrolments", EnrolmentViewSet, basename="enrolment")
router.register("attendance", AttendanceViewSet, basename="attendance")
router.register("h5p/activities", ActivityViewSet, basename="h5p-activity")
router.register("h5p/results", ResultViewSet, basename="h5p-result")
router.register("action-plans", ActionPlanViewSet, basename="action-plan")
router.register(
    "follow-ups/checkpoints", CheckpointViewSet, basename="follow-up-checkpoint"
)
router.register("follow-ups/reports", ReportViewSet, basename="follow-up-report")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("certificates", CertificateViewSet, basename="certificate")
router.register("reports", FigureViewSet, basename="figures")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("h5p/statements/", StatementView.as_view(), name="api-h5p-statements"),
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"
    ),
    *router.urls,
]
