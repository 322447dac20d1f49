"""API: H5P activities (what they are, never their files), results, and the endpoint the
lesson page posts the player's xAPI statements to. Participants see only their own results;
staff with `interactive.view_h5presult` read those of the participants in their cohorts
(`lms.scoping`)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Page

from interactive import selectors, services
from interactive.models import H5PContent, H5PResult
from lms import scoping


class ActivitySerializer(serializers.ModelSerializer):
    content_type = serializers.CharField(source="content_type_label")
    licence = serializers.CharField(source="licence_label")
    translations = serializers.SerializerMethodField()

    class Meta:
        model = H5PContent
        fields = [
            "id",
            "uuid",
            "title",
            "language",
            "translation_group",
            "translations",
            "content_type",
            "licence",
            "authors",
            "pass_mark",
        ]

    def get_translations(self, content) -> dict[str, int]:
        groups = self.context.get("groups", {})
        return {
            language: pk
            for pk, language in groups.get(content.translation_group, [])
            if pk != content.pk
        }


class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    """H5P activities, in the language asked for with `?lang=` (default: all)."""

    serializer_class = ActivitySerializer

    def get_queryset(self):
        activities = H5PContent.objects.select_related("main_library").order_by(
            "title", "pk"
        )
        language = self.request.query_params.get("lang")
        if language:
            activities = activities.filter(language=language)
        return activities

    def get_serializer_context(self):
        context = super().get_serializer_context()
        groups: dict = {}
        for pk, group, language in H5PContent.objects.values_list(
            "pk", "translation_group", "language"
        ):
            groups.setdefault(group, []).append((pk, language))
        context["groups"] = groups
        return context


class ResultSerializer(serializers.ModelSerializer):
    percent = serializers.FloatField(allow_null=True)

    class Meta:
        model = H5PResult
        fields = [
            "id",
            "user",
            "content",
            "page",
            "score",
            "max_score",
            "percent",
            "completed",
            "success",
            "passed",
            "statements",
            "first_at",
            "last_at",
        ]


class ResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Results: your own; everyone's for staff allowed to see them. `?content=` narrows."""

    serializer_class = ResultSerializer

    def get_queryset(self):
        results = H5PResult.objects.order_by("-last_at", "pk")
        if getattr(self, "swagger_fake_view", False):  # drawing the schema: no one asks
            return results.none()
        user = self.request.user
        if not user.has_perm("interactive.view_h5presult"):
            results = results.filter(user=user)
        else:
            results = scoping.narrow(results, user)
        content = self.request.query_params.get("content")
        if content and content.isascii() and content.isdigit():
            results = results.filter(content_id=content)
        return results


class StatementSerializer(serializers.Serializer):
    key = serializers.UUIDField(
        help_text="A new UUID per statement; a resend reuses it."
    )
    content = serializers.IntegerField()
    page = serializers.IntegerField(required=False, allow_null=True)
    statement = serializers.JSONField()

    def validate_statement(self, value):
        if not isinstance(value, dict) or len(str(value)) > 64_000:
            raise serializers.ValidationError(_("The result could not be read."))
        return value


class RecordedSerializer(serializers.Serializer):
    score = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    max_score = serializers.DecimalField(
        max_digits=9, decimal_places=2, allow_null=True
    )
    percent = serializers.FloatField(allow_null=True)
    completed = serializers.BooleanField()
    passed = serializers.BooleanField()
    duplicate = serializers.BooleanField()


class StatementView(APIView):
    """Record one xAPI statement from the H5P player: 201 when it counted, 200 when this key
    was received before (nothing changes), 400 when it cannot count."""

    @extend_schema(request=StatementSerializer, responses={201: RecordedSerializer})
    def post(self, request):
        incoming = StatementSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        content = H5PContent.objects.filter(pk=data["content"]).first()
        if content is None:
            return _refused(
                _("This activity no longer exists."), status.HTTP_404_NOT_FOUND
            )
        page = None
        if data.get("page") is not None:
            page = Page.objects.live().filter(pk=data["page"]).first()
            if page is None or not selectors.page_embeds(page, content):
                return _refused(_("This activity is not part of that lesson."))
        try:
            recorded = services.record_statement(
                user=request.user,
                content=content,
                key=data["key"],
                statement=data["statement"],
                page=page,
            )
        except services.StatementRefused as error:
            return _refused(str(error))
        result = recorded.result
        body = RecordedSerializer(
            {
                "score": result.score if result else None,
                "max_score": result.max_score if result else None,
                "percent": result.percent if result else None,
                "completed": bool(result and result.completed),
                "passed": bool(result and result.passed),
                "duplicate": not recorded.created,
            }
        ).data
        return Response(
            body,
            status=status.HTTP_201_CREATED if recorded.created else status.HTTP_200_OK,
        )


def _refused(message, code=status.HTTP_400_BAD_REQUEST):
    return Response({"detail": message}, status=code)
