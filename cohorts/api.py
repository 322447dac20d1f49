"""API: programmes, cohorts, sessions, enrolments and attendance. A participant sees their
own; a trainer the cohorts they teach; an officer the programmes and cohorts they run
(`cohorts.selectors`). Writes go through `cohorts.services`, with the same rules as the
pages."""

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cohorts import selectors, services
from cohorts.models import Attendance, Cohort, Enrolment, Programme, Session


def _fake(view) -> bool:
    return getattr(view, "swagger_fake_view", False)


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["id", "name", "description", "funder", "partner_list", "countries"]


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        if _fake(self):
            return Programme.objects.none()
        user = self.request.user
        return (
            Programme.objects.filter(
                Q(pk__in=selectors.visible_programmes(user).values("pk"))
                | Q(cohorts__in=selectors.visible_cohorts(user).values("pk"))
            )
            .distinct()
            .order_by("name")
        )


class CohortSerializer(serializers.ModelSerializer):
    enrolled = serializers.IntegerField(read_only=True)

    class Meta:
        model = Cohort
        fields = [
            "id", "programme", "name", "language", "starts_on", "ends_on", "venue",
            "capacity", "enrolled", "status", "self_enrolment", "enrolment_opens",
            "enrolment_closes", "pre_test", "post_test",
        ]  # fmt: skip


class CohortViewSet(viewsets.ReadOnlyModelViewSet):
    """Cohorts you work on or are enrolled in. `POST {id}/join/` asks to join an open one."""

    serializer_class = CohortSerializer

    def get_queryset(self):
        if _fake(self):
            return Cohort.objects.none()
        from django.db.models import Count

        user = self.request.user
        visible = Q(pk__in=selectors.visible_cohorts(user).values("pk"))
        if self.action == "join":
            visible |= Q(status=Cohort.Status.OPEN, self_enrolment=True)
        return (
            Cohort.objects.filter(visible)
            .annotate(
                enrolled=Count("enrolments", filter=Q(enrolments__status="enrolled"))
            )
            .order_by("-starts_on", "pk")
        )

    @extend_schema(request=None, responses={201: None})
    @action(detail=True, methods=["post"])
    def join(self, request, pk=None):
        cohort = self.get_object()
        try:
            enrolment = services.request_to_join(cohort=cohort, user=request.user)
        except services.CohortError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(
            EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED
        )


class SessionSerializer(serializers.ModelSerializer):
    place = serializers.CharField(read_only=True)

    class Meta:
        model = Session
        fields = [
            "id", "cohort", "kind", "title", "starts_at", "ends_at", "time_zone", "place",
            "venue", "address", "latitude", "longitude", "meeting_point", "transport_note",
            "host_contact", "learning_objectives", "capacity",
        ]  # fmt: skip


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """Sessions of the cohorts you see; `?cohort=` narrows."""

    serializer_class = SessionSerializer

    def get_queryset(self):
        if _fake(self):
            return Session.objects.none()
        sessions = Session.objects.filter(
            cohort__in=selectors.visible_cohorts(self.request.user).values("pk")
        ).select_related("venue", "host_cluster", "host_enterprise")
        cohort = self.request.query_params.get("cohort")
        if cohort and cohort.isascii() and cohort.isdigit():
            sessions = sessions.filter(cohort_id=cohort)
        return sessions.order_by("starts_at", "pk")


class EnrolmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enrolment
        fields = [
            "id", "cohort", "user", "status", "source", "waitlisted_at", "enrolled_at",
            "withdrawn_at", "reason",
        ]  # fmt: skip
        read_only_fields = [f for f in fields if f not in ("cohort", "user")]
        validators = []  # enrolling someone already enrolled returns their enrolment


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=500, allow_blank=True, allow_null=True, required=False
    )


def _reason(request) -> str:
    incoming = ReasonSerializer(
        data=request.data if isinstance(request.data, dict) else {}
    )
    incoming.is_valid(raise_exception=True)
    return incoming.validated_data.get("reason") or ""


class EnrolmentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Your own enrolments; officers: their cohorts' (POST enrols, `withdraw/`,
    `approve/`, `decline/`)."""

    serializer_class = EnrolmentSerializer

    def get_queryset(self):
        if _fake(self):
            return Enrolment.objects.none()
        user = self.request.user
        staff = selectors.staff_cohorts(user).values("pk")
        rows = Enrolment.objects.filter(Q(user=user) | Q(cohort__in=staff))
        cohort = self.request.query_params.get("cohort")
        if cohort and cohort.isascii() and cohort.isdigit():
            rows = rows.filter(cohort_id=cohort)
        return rows.order_by("cohort", "pk")

    def _manage(self, cohort):
        if not selectors.manages(self.request.user, cohort):
            raise PermissionDenied(_("Only the cohort's officers manage enrolment."))

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        cohort = incoming.validated_data["cohort"]
        user = incoming.validated_data["user"]
        self._manage(cohort)
        if user.is_staff:
            return Response(
                {"detail": _("Only participants are enrolled.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            enrolment = services.enrol(cohort=cohort, user=user)
        except services.CohortError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(
            self.get_serializer(enrolment).data, status=status.HTTP_201_CREATED
        )

    def _act(self, request, fn, **kwargs):
        enrolment = self.get_object()
        self._manage(enrolment.cohort)
        try:
            enrolment = fn(enrolment=enrolment, **kwargs)
        except services.CohortError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(self.get_serializer(enrolment).data)

    @extend_schema(request=ReasonSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._act(request, services.withdraw, reason=_reason(request))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._act(request, services.approve)

    @extend_schema(request=ReasonSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._act(request, services.decline, reason=_reason(request))


class AttendanceSerializer(serializers.ModelSerializer):
    seen = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text="The row's recorded_at as you last saw it ('' if none): a row changed "
        "since is not overwritten (409).",
    )

    class Meta:
        model = Attendance
        fields = [
            "id",
            "session",
            "user",
            "status",
            "method",
            "recorded_at",
            "note",
            "seen",
        ]
        read_only_fields = ["method", "recorded_at"]
        validators = []  # a row already there is updated (or reported), not refused


class CheckInSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=64)


class AttendanceViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Your own attendance; trainers and officers: their cohorts' (POST records one row of
    the register). `check-in/` with a session's QR token checks you in."""

    serializer_class = AttendanceSerializer

    def get_queryset(self):
        if _fake(self):
            return Attendance.objects.none()
        user = self.request.user
        staff = selectors.staff_cohorts(user).values("pk")
        rows = Attendance.objects.filter(Q(user=user) | Q(session__cohort__in=staff))
        session = self.request.query_params.get("session")
        if session and session.isascii() and session.isdigit():
            rows = rows.filter(session_id=session)
        return rows.order_by("session", "user", "pk")

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        session = data["session"]
        if not selectors.runs(request.user, session.cohort):
            raise PermissionDenied(
                _("Only the cohort's trainers and officers take its register.")
            )
        result = services.take_register(
            session=session,
            entries=[
                services.RegisterEntry(
                    user_id=data["user"].pk,
                    status=data["status"],
                    seen=data.get("seen", ""),
                    note=data.get("note", ""),
                )
            ],
            by=request.user,
        )
        if result.conflicts:
            return Response(
                {"detail": _("Someone else changed this row since you saw it.")},
                status=status.HTTP_409_CONFLICT,
            )
        row = Attendance.objects.filter(session=session, user=data["user"]).first()
        if row is None:
            return Response(
                {"detail": _("This person is not enrolled in the session's cohort.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CheckInSerializer, responses={201: AttendanceSerializer})
    @action(detail=False, methods=["post"], url_path="check-in")
    def check_in(self, request):
        incoming = CheckInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            row = services.check_in(
                token=incoming.validated_data["token"], user=request.user
            )
        except services.CohortError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)
