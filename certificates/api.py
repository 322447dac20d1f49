"""API: `/api/v1/certificates/`. Participants list their own; trainers and officers those
of their cohorts (`?cohort=`); officers issue (`POST`), issue to everyone eligible
(`issue-all/`), re-issue and revoke. `verify/<code>/` is public: the same facts as the
verification page."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from certificates import services
from certificates.models import Certificate, IssueJob
from cohorts import selectors as cohort_selectors
from cohorts.models import Cohort
from people.models import User


def _id(value) -> int | None:
    text = str(value) if value is not None else ""
    return int(text) if text.isascii() and text.isdigit() else None


class CertificateSerializer(serializers.ModelSerializer):
    pdf_url = serializers.SerializerMethodField()
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id", "user", "cohort", "number", "code", "full_name", "language", "status",
            "version", "issued_at", "override_reason", "revoked_at", "revoked_reason",
            "pdf_url", "verify_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_pdf_url(self, certificate) -> str:
        return reverse("certificates:download", args=[certificate.number])

    def get_verify_url(self, certificate) -> str:
        return reverse("certificate-verify", args=[certificate.code])


class VerifiedSerializer(serializers.Serializer):
    name = serializers.CharField()
    programme = serializers.CharField()
    cohort = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    issuer = serializers.CharField()
    number = serializers.CharField()
    issued_on = serializers.DateField()
    status = serializers.CharField()
    revoked_on = serializers.DateField(allow_null=True)


class IssueSerializer(serializers.Serializer):
    cohort = serializers.IntegerField()
    user = serializers.IntegerField()
    override_reason = serializers.CharField(
        required=False, allow_blank=True, default=""
    )


class CohortSerializer(serializers.Serializer):
    cohort = serializers.IntegerField()


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ReissueSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = IssueJob
        fields = [
            "id",
            "cohort",
            "state",
            "total",
            "done",
            "issued",
            "skipped",
            "error",
        ]


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CertificateSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Certificate.objects.none()
        user = self.request.user
        rows = Certificate.objects.all()
        if not cohort_selectors.sees_everything(user):
            rows = rows.filter(
                Q(user=user)
                | Q(cohort__in=cohort_selectors.staff_cohorts(user).values("pk"))
            )
        cohort = _id(self.request.query_params.get("cohort"))
        if cohort:
            rows = rows.filter(cohort_id=cohort)
        return rows.order_by("-issued_at")

    def _managed(self, cohort_id) -> Cohort:
        cohort = Cohort.objects.filter(pk=cohort_id).first()
        if cohort is None or not cohort_selectors.runs(self.request.user, cohort):
            raise NotFound
        if not cohort_selectors.manages(self.request.user, cohort):
            raise PermissionDenied(_("Only the cohort's officers issue certificates."))
        return cohort

    @extend_schema(request=IssueSerializer, responses=CertificateSerializer)
    def create(self, request):
        incoming = IssueSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        cohort = self._managed(data["cohort"])
        person = User.objects.filter(pk=data["user"]).first()
        if person is None:
            raise NotFound
        try:
            issued = services.issue(
                cohort=cohort,
                user=person,
                by=request.user,
                override_reason=data["override_reason"],
            )
        except services.CertificateError as error:
            return Response(
                {"detail": error.message}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(
            self.get_serializer(issued.certificate).data,
            status=201 if issued.created else 200,
        )

    @extend_schema(request=CohortSerializer, responses=JobSerializer)
    @action(detail=False, methods=["post"], url_path="issue-all")
    def issue_all(self, request):
        incoming = CohortSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        cohort = self._managed(incoming.validated_data["cohort"])
        try:
            job = services.start_issue_all(cohort=cohort, by=request.user)
        except services.CertificateError as error:
            return Response(
                {"detail": error.message}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(JobSerializer(job).data, status=202)

    def _act(self, request, fn, serializer_class, **fixed):
        certificate = self.get_object()
        if certificate.cohort_id is None:
            raise NotFound
        self._managed(certificate.cohort_id)
        incoming = serializer_class(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            certificate = fn(
                certificate=certificate, by=request.user, **incoming.validated_data
            )
        except services.CertificateError as error:
            return Response(
                {"detail": error.message}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(self.get_serializer(certificate).data)

    @extend_schema(request=RevokeSerializer, responses=CertificateSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        return self._act(request, services.revoke, RevokeSerializer)

    @extend_schema(request=ReissueSerializer, responses=CertificateSerializer)
    @action(detail=True, methods=["post"])
    def reissue(self, request, pk=None):
        return self._act(request, services.reissue, ReissueSerializer)

    @extend_schema(responses=VerifiedSerializer)
    @action(
        detail=False,
        methods=["get"],
        url_path=r"verify/(?P<code>[A-Za-z0-9]{1,40})",
        url_name="verify-code",  # not "verify": the page's name is certificate-verify
        permission_classes=[AllowAny],
        authentication_classes=[],
    )
    def verify(self, request, code=None):
        from certificates.views import _over_limit

        if _over_limit(request):
            return Response(
                {
                    "detail": _(
                        "Too many checks from this connection. Please wait a minute and try again."
                    )
                },
                status=429,
            )
        certificate = Certificate.objects.filter(code=code.upper()).first()
        if certificate is None:
            raise NotFound
        return Response(
            {
                "name": certificate.full_name,
                "programme": certificate.programme_name,
                "cohort": certificate.cohort_name,
                "starts_on": certificate.starts_on,
                "ends_on": certificate.ends_on,
                "issuer": certificate.issuer,
                "number": certificate.number,
                "issued_on": certificate.issued_at.date(),
                "status": certificate.status,
                "revoked_on": certificate.revoked_at.date()
                if certificate.revoked_at
                else None,
            }
        )
