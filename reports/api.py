"""Read-only indicator endpoints for funders' M&E systems: `/api/v1/reports/summary/`,
`follow-up/`, `outcomes/` and `participants/`, with the dashboards' filters and breakdowns.

The same rules as the pages: staff only; the figures cover the cohorts the caller works on
(officers: their programmes; trainers: their cohorts; administrators: all)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from cohorts.models import Cohort
from cohorts.selectors import sees_everything, staff_cohorts, visible_programmes
from reports import dashboard, selectors
from reports.models import ParticipantFact
from reports.selectors import Filters, compliance_rate, outcome_rate


class IsStaff(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(
            request.user and request.user.is_authenticated and request.user.is_staff
        )


class FilterSerializer(serializers.Serializer):
    programme = serializers.IntegerField(required=False, min_value=1)
    cohort = serializers.IntegerField(required=False, min_value=1)
    start = serializers.DateField(
        required=False, help_text="Cohorts starting on or after"
    )
    end = serializers.DateField(
        required=False, help_text="Cohorts starting on or before"
    )
    by = serializers.ChoiceField(
        choices=list(selectors.BREAKDOWNS), required=False, allow_blank=True
    )
    youth = serializers.IntegerField(required=False, min_value=15, max_value=60)

    def validate(self, data):
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise serializers.ValidationError(
                {"end": "The end comes before the start."}
            )
        return data


class DrillSerializer(FilterSerializer):
    measure = serializers.CharField(required=False, default="invited")
    group = serializers.CharField(required=False, allow_blank=True)


class ParticipantSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.full_name")
    cohort_name = serializers.CharField(source="cohort.name")
    cluster_name = serializers.CharField(source="cluster.name", default=None)

    class Meta:
        model = ParticipantFact
        fields = [
            "user",
            "name",
            "cohort",
            "cohort_name",
            "gender",
            "age",
            "cluster",
            "cluster_name",
            "sector",
            "district",
            "country",
            "status",
            "enrolled",
            "attended",
            "completed",
            "certified",
            "sessions_held",
            "sessions_attended",
            "visits_attended",
            "lessons_total",
            "lessons_done",
            "pre_score",
            "post_score",
            "post_passed",
            "plan_status",
            "refreshed_at",
        ]


def _row(row: selectors.Row, extra: dict | None = None) -> dict:
    values = {k: v for k, v in row.values.items() if k != "refreshed"}
    return {"group": row.key or None, "label": row.label, **values, **(extra or {})}


class Pages(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class FigureViewSet(viewsets.ViewSet):
    """Figures of the programmes and cohorts you work on. `by` breaks every figure down
    (gender, age, cluster, sector, district, country, cohort); `youth` sets the age under
    which a participant counts as youth (default 35)."""

    permission_classes = [IsStaff]

    def _filters(self, request, serializer_class=FilterSerializer):
        incoming = serializer_class(data=request.query_params)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        user = request.user
        if (
            data.get("programme")
            and not visible_programmes(user).filter(pk=data["programme"]).exists()
        ):
            raise NotFound("No such programme.")
        if data.get("cohort"):
            cohorts = Cohort.objects.filter(pk=data["cohort"])
            if not sees_everything(user):
                cohorts = cohorts.filter(pk__in=staff_cohorts(user).values("pk"))
            if not cohorts.exists():
                raise NotFound("No such cohort.")
        filters = Filters(
            programme_id=data.get("programme"),
            cohort_id=data.get("cohort"),
            start=data.get("start"),
            end=data.get("end"),
            by=data.get("by") or "",
            youth=data.get("youth") or selectors.youth_age(),
        )
        return filters, data

    @extend_schema(
        parameters=[FilterSerializer],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT)},
    )
    @action(detail=False)
    def summary(self, request):
        """Reach (people invited, enrolled, attended, completed, certified), attendance,
        lessons, tests and learning gain, and action plans; a total and one row per group."""
        filters, _data = self._filters(request)
        view = dashboard.build(request.user, filters)

        def extra(row):
            return {
                "attendance_percent": row.attendance,
                "lessons_percent": row.lessons,
                "completion_percent": row.completion,
                "learning_gain": row.gain,
                "post_test_pass_percent": row.pass_rate,
            }

        return Response(
            {
                "refreshed_at": view.refreshed,
                "filters": filters.query(),
                "visits_held": view.visits,
                "total": _row(view.total, extra(view.total)),
                "groups": [_row(row, extra(row)) for row in view.participants.rows],
            }
        )

    @extend_schema(
        parameters=[FilterSerializer],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT)},
    )
    @action(detail=False, url_path="follow-up")
    def follow_up(self, request):
        """Per checkpoint: reports owed, due so far, submitted and overdue, and compliance
        (submitted of those due); and the compliance of each month's due reports."""
        filters, _data = self._filters(request)
        view = dashboard.build(request.user, filters)

        def extra(row):
            return {"compliance_percent": compliance_rate(row)}

        return Response(
            {
                "refreshed_at": view.refreshed,
                "filters": filters.query(),
                "checkpoints": [
                    {
                        "offset_months": checkpoint.offset,
                        "total": _row(
                            checkpoint.table.total, extra(checkpoint.table.total)
                        ),
                        "groups": [_row(r, extra(r)) for r in checkpoint.table.rows],
                    }
                    for checkpoint in view.follow_up
                ],
                "by_month": view.by_month,
            }
        )

    @extend_schema(
        parameters=[FilterSerializer],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT)},
    )
    @action(detail=False)
    def outcomes(self, request):
        """Each outcome indicator from participants' latest reports: how many reported,
        sum, mean, number above zero, of whom women and youth, yes answers, and the share."""
        filters, _data = self._filters(request)
        view = dashboard.build(request.user, filters)
        result = []
        for outcome in view.outcomes:
            indicator = outcome.indicator

            def extra(row, kind=indicator.kind):
                return {"percent": outcome_rate(kind, row)}

            result.append(
                {
                    "indicator": indicator.pk,
                    "code": indicator.code,
                    "name": indicator.label(),
                    "kind": indicator.kind,
                    "unit": indicator.unit,
                    "total": _row(outcome.table.total, extra(outcome.table.total)),
                    "groups": [_row(r, extra(r)) for r in outcome.table.rows],
                }
            )
        return Response(
            {
                "refreshed_at": view.refreshed,
                "filters": filters.query(),
                "indicators": result,
            }
        )

    @extend_schema(
        parameters=[DrillSerializer], responses={200: ParticipantSerializer(many=True)}
    )
    @action(detail=False)
    def participants(self, request):
        """The participants behind a figure: `measure` as on the dashboard (enrolled,
        attended, completed, certified, plans_approved, `follow_up:3:overdue`,
        `outcome:<indicator id>` …) and `group` within the breakdown `by`."""
        filters, data = self._filters(request, DrillSerializer)
        measure = data.get("measure") or "invited"
        if selectors.measure_label(measure, filters.programme_id) is None:
            raise NotFound("No such measure.")
        facts = (
            selectors.drill(
                selectors.facts_for(request.user, filters),
                measure=measure,
                by=filters.by,
                group=data.get("group") if "group" in data else None,
                youth=filters.youth,
            )
            .select_related("user", "cohort", "cluster")
            .order_by("user__full_name", "pk")
        )
        paginator = Pages()
        page = paginator.paginate_queryset(facts, request, view=self)
        return paginator.get_paginated_response(
            ParticipantSerializer(page, many=True).data
        )
