"""API: action plans (with versions and reviews), follow-up checkpoints and reports, and the
outcome indicators. A participant sees only their own plans and reports; a trainer those of
the cohorts they teach; an officer those of the programmes and cohorts they run. Writes go
through `actionplans.services`, with the same rules as the pages: a save names the
`revision` it started from and gets 409 with what is stored now if someone saved first."""

from __future__ import annotations

import uuid

from django.db.models import Q
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from actionplans import indicators, selectors, services
from actionplans.models import (
    ActionPlan,
    Checkpoint,
    Evidence,
    FollowUpReport,
    Indicator,
    IndicatorValue,
    PlanVersion,
    Review,
)
from cohorts import selectors as cohort_selectors
from cohorts.models import Cohort
from people.models import User


def _fake(view) -> bool:
    return getattr(view, "swagger_fake_view", False)


def _id(value) -> int | None:
    """A positive id from a query parameter or body field, else None ("²" is a digit to
    `str.isdigit` but not to `int`)."""
    text = str(value) if value is not None else ""
    return int(text) if text.isascii() and text.isdigit() else None


def _conflict(view, conflict: services.Conflict) -> Response:
    """409 with what is stored now, so the caller can show both versions."""
    return Response(
        {
            "detail": conflict.message,
            "current": view.get_serializer(conflict.current).data,
        },
        status=status.HTTP_409_CONFLICT,
    )


def _refused(error: services.PlanError, code=status.HTTP_400_BAD_REQUEST):
    body = {"detail": error.message}
    if isinstance(error, services.Incomplete):
        body["problems"] = error.problems
    return Response(body, status=code)


class ReviewSerializer(serializers.ModelSerializer):
    reviewer_name = serializers.CharField(
        source="reviewer.full_name", default="", read_only=True
    )
    version = serializers.IntegerField(
        source="version.number", default=None, read_only=True
    )

    class Meta:
        model = Review
        fields = ["id", "version", "reviewer", "reviewer_name", "decision", "comment",
                  "section_comments", "created_at"]  # fmt: skip


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanVersion
        fields = ["number", "content", "submitted_at", "submitted_by"]


class SectionSerializer(serializers.Serializer):
    id = serializers.CharField()
    type = serializers.CharField()
    title = serializers.CharField()
    help = serializers.CharField()
    required = serializers.BooleanField()


class ActionPlanSerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="user.full_name", read_only=True)
    sections = serializers.SerializerMethodField()
    content = serializers.SerializerMethodField(
        help_text="The draft, for its writer only (null for anyone else: read `versions`)."
    )
    versions = VersionSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)

    class Meta:
        model = ActionPlan
        fields = [
            "id", "user", "participant_name", "cohort", "template", "language", "status",
            "sections", "content", "revision", "updated_at", "submitted_at", "approved_at",
            "versions", "reviews",
        ]  # fmt: skip
        read_only_fields = fields

    def get_content(self, plan) -> dict | None:
        request = self.context.get("request")
        if request is not None and request.user.pk == plan.user_id:
            return plan.content
        return None

    def get_sections(self, plan) -> list[dict]:
        return [
            {
                "id": block.id,
                "type": block.block_type,
                "title": block.value["title"],
                "help": block.value.get("help") or "",
                "required": block.value.get("required", True),
            }
            for block in plan.template.sections
        ]


class StartPlanSerializer(serializers.Serializer):
    cohort = serializers.IntegerField()


class DraftSerializer(serializers.Serializer):
    content = serializers.JSONField()
    revision = serializers.IntegerField()


class SubmitSerializer(serializers.Serializer):
    revision = serializers.IntegerField()
    content = serializers.JSONField(required=False)


class PlanReviewSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    decision = serializers.ChoiceField(choices=Review.Decision.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    section_comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )


class ActionPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Plans you may read. `POST` with a cohort starts yours; `PATCH {id}/` saves the draft
    (`content` by section id, and the `revision` you read); `POST {id}/submit/` sends it for
    review; trainers and officers `POST {id}/review/`. `?cohort=` filters."""

    serializer_class = ActionPlanSerializer

    def get_queryset(self):
        if _fake(self):
            return ActionPlan.objects.none()
        rows = (
            selectors.visible_plans(self.request.user)
            .select_related("user", "template")
            .prefetch_related("versions", "reviews__reviewer", "reviews__version")
        )
        cohort = _id(self.request.query_params.get("cohort"))
        if cohort:
            rows = rows.filter(cohort_id=cohort)
        return rows.order_by("cohort", "pk")

    @extend_schema(request=StartPlanSerializer, responses=ActionPlanSerializer)
    def create(self, request):
        incoming = StartPlanSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        cohort = Cohort.objects.filter(pk=incoming.validated_data["cohort"]).first()
        if cohort is None:
            raise NotFound
        try:
            plan = services.start_plan(
                user=request.user,
                cohort=cohort,
                language=getattr(request, "LANGUAGE_CODE", None)
                or request.user.preferred_language,
            )
        except services.PlanError as error:
            return _refused(error, status.HTTP_403_FORBIDDEN)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=plan.pk)).data, status=201
        )

    def _conflict(self, conflict: services.Conflict):
        return _conflict(self, conflict)

    @extend_schema(request=DraftSerializer, responses=ActionPlanSerializer)
    def partial_update(self, request, pk=None):
        plan = self.get_object()
        incoming = DraftSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        if not isinstance(data["content"], dict):
            return Response(
                {"detail": _("content must be an object by section id.")}, status=400
            )
        # The sections sent replace those sections; the others stay as they are.
        content = {**plan.content, **data["content"]}
        try:
            services.save_draft(
                plan=plan, by=request.user, content=content, revision=data["revision"]
            )
        except services.Conflict as conflict:
            return self._conflict(conflict)
        except services.PlanError as error:
            return _refused(
                error,
                status.HTTP_409_CONFLICT if plan.user_id == request.user.pk else 403,
            )
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=SubmitSerializer, responses=ActionPlanSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        plan = self.get_object()
        incoming = SubmitSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        if "content" in data:
            if not isinstance(data["content"], dict):
                return Response(
                    {"detail": _("content must be an object by section id.")},
                    status=400,
                )
            data["content"] = {**plan.content, **data["content"]}
        try:
            services.submit_plan(plan=plan, by=request.user, **data)
        except services.Conflict as conflict:
            return self._conflict(conflict)
        except services.PlanError as error:
            return _refused(error)
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=PlanReviewSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        plan = self.get_object()
        if (
            not selectors.can_review(request.user, plan.cohort)
            or plan.user_id == request.user.pk
        ):
            raise PermissionDenied(
                _("Only the cohort's trainers and officers review plans.")
            )
        incoming = PlanReviewSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            review = services.review_plan(
                plan=plan,
                version_number=data["version"],
                reviewer=request.user,
                decision=data["decision"],
                comment=data["comment"],
                section_comments=data["section_comments"],
            )
        except services.PlanError as error:
            return _refused(error, status.HTTP_409_CONFLICT)
        return Response(ReviewSerializer(review).data, status=201)


class CheckpointSerializer(serializers.ModelSerializer):
    class Meta:
        model = Checkpoint
        fields = ["id", "cohort", "offset_months", "due_on"]


class CheckpointViewSet(viewsets.ReadOnlyModelViewSet):
    """Follow-up checkpoints of the cohorts you are enrolled in or work on. `?cohort=`."""

    serializer_class = CheckpointSerializer

    def get_queryset(self):
        if _fake(self):
            return Checkpoint.objects.none()
        rows = selectors.visible_checkpoints(self.request.user)
        cohort = _id(self.request.query_params.get("cohort"))
        if cohort:
            rows = rows.filter(cohort_id=cohort)
        return rows.order_by("cohort", "offset_months")


class ValueSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="indicator.code", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "code",
            "number",
            "women",
            "youth",
            "yes",
            "choices",
            "text",
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = [
            "id",
            "original_name",
            "content_type",
            "size",
            "caption",
            "uploaded_at",
            "key",
        ]


class ReportSerializer(serializers.ModelSerializer):
    values = ValueSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)

    class Meta:
        model = FollowUpReport
        fields = [
            "id", "checkpoint", "plan", "user", "status", "items", "helped", "blocked",
            "story", "values", "evidence", "method", "recorded_by", "revision",
            "updated_at", "submitted_at", "reviews",
        ]  # fmt: skip
        read_only_fields = fields


class ReportInputSerializer(serializers.Serializer):
    revision = serializers.IntegerField(required=False, default=0)
    items = serializers.DictField(
        child=serializers.DictField(), required=False, default=dict
    )
    helped = serializers.CharField(required=False, allow_blank=True, default="")
    blocked = serializers.CharField(required=False, allow_blank=True, default="")
    story = serializers.CharField(required=False, allow_blank=True, default="")
    values = serializers.DictField(
        child=serializers.DictField(),
        required=False,
        default=dict,
        help_text="By indicator id or code: number, women, youth, yes, choices, text.",
    )


class RecordSerializer(ReportInputSerializer):
    checkpoint = serializers.IntegerField()
    user = serializers.IntegerField()
    method = serializers.ChoiceField(
        choices=[("phone", "phone"), ("meeting", "meeting")]
    )


class ReportReviewSerializer(serializers.Serializer):
    revision = serializers.IntegerField()
    decision = serializers.ChoiceField(choices=Review.Decision.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    item_comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )


def _stored_values(report) -> dict:
    return {str(value.indicator_id): value.as_dict() for value in report.values.all()}


def _as_form(report_like, data: dict) -> MultiValueDict:
    """The JSON body as the report form would post it, so both are read by one reader."""
    form = MultiValueDict()
    for item_id, state in (data.get("items") or {}).items():
        state = state if isinstance(state, dict) else {}
        prefix = f"i-{item_id}"
        form[f"{prefix}-status"] = str(state.get("status") or "")
        percent = state.get("percent")
        form[f"{prefix}-percent"] = "" if percent is None else str(percent)
        form[f"{prefix}-note"] = str(state.get("note") or "")
    for name in ("helped", "blocked", "story"):
        form[name] = data.get(name) or ""
    programme = report_like.checkpoint.cohort.programme
    by_code = {i.code: i for i in indicators.for_programme(programme)}
    by_pk = {str(i.pk): i for i in by_code.values()}
    for key, value in (data.get("values") or {}).items():
        indicator = by_pk.get(str(key)) or by_code.get(str(key))
        if indicator is None or not isinstance(value, dict):
            continue
        prefix = f"k-{indicator.pk}"
        for suffix, field in (("", "number"), ("-women", "women"), ("-youth", "youth")):
            if value.get(field) is not None:
                form[prefix + suffix] = str(value[field])
        if value.get("yes") is not None:
            form[prefix] = "yes" if value["yes"] else "no"
        if isinstance(value.get("choices"), list) and value["choices"]:
            form.setlist(prefix, [str(c) for c in value["choices"]])
        if value.get("text"):
            form[prefix] = str(value["text"])
    return form


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Follow-up reports you may read. `POST` with a checkpoint starts yours; `PATCH {id}/`
    saves it (with the `revision` you read); `POST {id}/submit/`; `POST {id}/evidence/`
    (multipart `file`, optional `caption` and idempotency `key`); trainers and officers
    `POST {id}/review/`; officers `POST record/` a report from a call or a visit."""

    serializer_class = ReportSerializer
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        if _fake(self):
            return FollowUpReport.objects.none()
        rows = selectors.visible_reports(self.request.user).prefetch_related(
            "values__indicator", "evidence", "reviews__reviewer", "reviews__version"
        )
        for name in ("checkpoint", "cohort"):
            value = _id(self.request.query_params.get(name))
            if value:
                rows = rows.filter(
                    **{
                        "checkpoint__cohort_id"
                        if name == "cohort"
                        else "checkpoint_id": value
                    }
                )
        return rows.order_by("checkpoint", "pk")

    def _read(self, report, data):
        """What the report will hold: the stored report with the fields sent laid over it
        (an action item or indicator sent replaces that one; the others stay)."""
        sent = self.request.data if isinstance(self.request.data, dict) else {}
        merged = {
            "items": {**(report.items or {})} if report.pk else {},
            "values": _stored_values(report) if report.pk else {},
        }
        for name in ("helped", "blocked", "story"):
            merged[name] = data[name] if name in sent else getattr(report, name, "")
        for item_id, state in (data.get("items") or {}).items():
            merged["items"][item_id] = state if isinstance(state, dict) else {}
        merged["values"].update(data.get("values") or {})
        given, errors = services.read_report_form(report, _as_form(report, merged))
        if errors:
            raise services.Incomplete(errors)
        return given

    def _fresh(self, pk):
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=StartPlanSerializer, responses=ReportSerializer)
    def create(self, request):
        body = request.data if isinstance(request.data, dict) else {}
        checkpoint = (
            selectors.visible_checkpoints(request.user)
            .filter(pk=_id(body.get("checkpoint")))
            .first()
        )
        if checkpoint is None:
            raise NotFound
        try:
            report = services.start_report(user=request.user, checkpoint=checkpoint)
        except services.PlanError as error:
            return _refused(error, status.HTTP_403_FORBIDDEN)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=report.pk)).data, status=201
        )

    @extend_schema(request=ReportInputSerializer, responses=ReportSerializer)
    def partial_update(self, request, pk=None):
        report = self.get_object()
        incoming = ReportInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            given = self._read(report, incoming.validated_data)
            services.save_report(
                report=report,
                given=given,
                revision=incoming.validated_data["revision"],
                by=request.user,
            )
        except services.Conflict as conflict:
            return _conflict(self, conflict)
        except services.PlanError as error:
            return _refused(error)
        return self._fresh(report.pk)

    @extend_schema(request=ReportInputSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = self.get_object()
        incoming = ReportInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        has_input = any(
            k in request.data for k in ("items", "helped", "blocked", "story", "values")
        )
        try:
            given = self._read(report, data) if has_input else None
            services.submit_report(
                report=report, given=given, revision=data["revision"], by=request.user
            )
        except services.Conflict as conflict:
            return _conflict(self, conflict)
        except services.PlanError as error:
            return _refused(error)
        return self._fresh(report.pk)

    @extend_schema(request=ReportReviewSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        report = self.get_object()
        if (
            not selectors.can_review(request.user, report.checkpoint.cohort)
            or report.user_id == request.user.pk
        ):
            raise PermissionDenied(
                _("Only the cohort's trainers and officers review reports.")
            )
        incoming = ReportReviewSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            review = services.review_report(
                report=report,
                revision=data["revision"],
                reviewer=request.user,
                decision=data["decision"],
                comment=data["comment"],
                item_comments=data["item_comments"],
            )
        except services.PlanError as error:
            return _refused(error, status.HTTP_409_CONFLICT)
        return Response(ReviewSerializer(review).data, status=201)

    @extend_schema(request=RecordSerializer, responses=ReportSerializer)
    @action(detail=False, methods=["post"])
    def record(self, request):
        incoming = RecordSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        checkpoint = (
            selectors.visible_checkpoints(request.user)
            .filter(pk=data["checkpoint"])
            .select_related("cohort__programme")
            .first()
        )
        if checkpoint is None:
            raise NotFound
        if not selectors.can_record(request.user, checkpoint.cohort):
            raise PermissionDenied(_("Only the cohort's officers record reports."))
        participant = User.objects.filter(pk=data["user"]).first()
        if participant is None:
            raise NotFound
        reason = services.owes(participant, checkpoint)
        if reason:
            return _refused(services.PlanError(reason))
        plan = ActionPlan.objects.get(user=participant, cohort=checkpoint.cohort)
        shell = FollowUpReport.objects.filter(
            user=participant, checkpoint=checkpoint
        ).first() or FollowUpReport(user=participant, checkpoint=checkpoint, plan=plan)
        try:
            given = self._read(shell, data)
            report = services.record_on_behalf(
                checkpoint=checkpoint,
                user=participant,
                given=given,
                method=data["method"],
                by=request.user,
                # A report that exists must be named by the revision read: nothing the
                # participant wrote is overwritten unseen.
                revision=data["revision"] if shell.pk else None,
            )
        except services.Conflict as conflict:
            return _conflict(self, conflict)
        except services.PlanError as error:
            return _refused(error, status.HTTP_409_CONFLICT)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=report.pk)).data, status=201
        )

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "caption": {"type": "string"},
                    "key": {"type": "string", "format": "uuid"},
                },
            }
        },
        responses=EvidenceSerializer,
    )
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        report = self.get_object()
        body = request.data if hasattr(request.data, "get") else {}
        key = body.get("key") or None
        if key:
            try:
                key = uuid.UUID(str(key))
            except ValueError:
                return Response({"detail": _("The key must be a UUID.")}, status=400)
        try:
            outcome = services.add_evidence(
                report=report,
                upload=request.FILES.get("file"),
                by=request.user,
                caption=str(body.get("caption", "")),
                key=key,
            )
        except services.PlanError as error:
            return _refused(error)
        return Response(
            EvidenceSerializer(outcome.obj).data, status=201 if outcome.changed else 200
        )


class IndicatorSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "programme",
            "code",
            "label",
            "kind",
            "unit",
            "choices",
            "position",
        ]

    def get_label(self, indicator) -> str:
        return indicator.label()


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Outcome indicators: the standard set and those of the programmes you take part in
    or run. `?programme=` gives exactly what that programme's reports ask."""

    serializer_class = IndicatorSerializer

    def get_queryset(self):
        if _fake(self):
            return Indicator.objects.none()
        user = self.request.user
        programmes = (
            cohort_selectors.visible_programmes(user).values("pk")
            if user.is_staff
            else None
        )
        mine = Q(programme__cohorts__enrolments__user=user)
        if programmes is not None:
            mine |= Q(programme__in=programmes)
        rows = Indicator.objects.filter(
            Q(programme__isnull=True) | mine, active=True
        ).distinct()
        programme = _id(self.request.query_params.get("programme"))
        if programme:
            rows = rows.filter(
                Q(programme__isnull=True) | Q(programme_id=programme)
            ).exclude(hidden_for=programme)
        return rows.order_by("position", "pk")
