"""API: the course outline with the caller's progress, and recording lesson progress."""

import uuid

from django.shortcuts import get_object_or_404
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from courses import services
from courses.models import CoursePage, LessonPage, LessonProgress
from courses.selectors import course_outline


class LessonOutlineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="page.pk")
    key = serializers.UUIDField(source="page.translation_key")
    title = serializers.CharField(source="page.title")
    url = serializers.SerializerMethodField()
    completion_rule = serializers.CharField(source="page.completion_rule")
    estimated_minutes = serializers.IntegerField(source="page.estimated_minutes")
    done = serializers.BooleanField()

    def get_url(self, item) -> str:
        return item.page.get_url(self.context.get("request"))


class ModuleOutlineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="page.pk")
    title = serializers.CharField(source="page.title")
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()
    lessons = LessonOutlineSerializer(many=True)


class CourseSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="course.pk")
    key = serializers.UUIDField(source="course.translation_key")
    title = serializers.CharField(source="course.title")
    language = serializers.CharField(source="course.locale.language_code")
    topic = serializers.CharField(source="course.topic")
    level = serializers.CharField(source="course.level")
    estimated_hours = serializers.DecimalField(
        source="course.estimated_hours", max_digits=4, decimal_places=1
    )
    summary = serializers.CharField(source="course.summary")
    enrolled = serializers.BooleanField()
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()
    next_lesson = serializers.SerializerMethodField()
    modules = ModuleOutlineSerializer(many=True)

    def get_next_lesson(self, outline) -> int | None:
        return outline.next_lesson.pk if outline.next_lesson else None


class CourseViewSet(viewsets.ViewSet):
    lookup_value_regex = r"\d+"

    """Published courses in the caller's language (falling back to the original), each with
    its modules, lessons and the caller's progress. `?lang=km` asks for another language."""

    def _courses(self, request):
        language = request.query_params.get("lang") or translation.get_language()
        by_key = {}
        for course in (
            CoursePage.objects.live().select_related("locale").order_by("path")
        ):
            current = by_key.get(course.translation_key)
            if current is None or course.locale.language_code == language:
                by_key[course.translation_key] = course
        return list(by_key.values())

    @extend_schema(responses=CourseSerializer(many=True))
    def list(self, request):
        outlines = [
            course_outline(course=course, user=request.user)
            for course in self._courses(request)
        ]
        return Response(
            CourseSerializer(outlines, many=True, context={"request": request}).data
        )

    @extend_schema(
        responses=CourseSerializer,
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
    )
    def retrieve(self, request, pk=None):
        course = get_object_or_404(CoursePage.objects.live(), pk=pk)
        outline = course_outline(course=course, user=request.user)
        return Response(CourseSerializer(outline, context={"request": request}).data)


class ProgressSerializer(serializers.ModelSerializer):
    done = serializers.BooleanField(source="is_complete", read_only=True)

    class Meta:
        model = LessonProgress
        fields = [
            "lesson_key",
            "module_key",
            "course_key",
            "first_viewed_at",
            "last_viewed_at",
            "completed_at",
            "completed_by",
            "done",
        ]
        read_only_fields = fields


class ProgressWriteSerializer(serializers.Serializer):
    lesson = serializers.IntegerField(
        help_text="Id of the lesson page (any translation)."
    )
    action = serializers.ChoiceField(choices=["viewed", "done"])


class ProgressViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's own lesson progress. POST records that a lesson was opened ("viewed")
    or finished ("done"); both are safe to send twice."""

    serializer_class = ProgressSerializer

    def get_queryset(self):
        queryset = LessonProgress.objects.filter(user=self.request.user).order_by(
            "-last_viewed_at"
        )
        course = self.request.query_params.get("course")
        if course:
            try:
                queryset = queryset.filter(course_key=uuid.UUID(course))
            except ValueError:
                return queryset.none()
        return queryset

    @extend_schema(request=ProgressWriteSerializer, responses=ProgressSerializer)
    def create(self, request):
        incoming = ProgressWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        lesson = (
            LessonPage.objects.live()
            .filter(pk=incoming.validated_data["lesson"])
            .first()
        )
        if lesson is None:
            return Response(
                {
                    "lesson": [
                        translation.gettext(
                            "There is no published lesson with this id."
                        )
                    ]
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        if incoming.validated_data["action"] == "viewed":
            progress = services.lesson_view(user=request.user, lesson=lesson)
        else:
            try:
                progress = services.lesson_mark_done(user=request.user, lesson=lesson)
            except services.CompletionNotAllowed:
                return Response(
                    {
                        "action": [
                            translation.gettext(
                                "This lesson is done when you pass its activity."
                            )
                        ]
                    },
                    status=status.HTTP_400_BAD_REQUEST,
                )
        return Response(ProgressSerializer(progress).data, status=status.HTTP_200_OK)
