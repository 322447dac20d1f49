"""API: quizzes (never with their answers) and attempts — start or resume, answer, submit,
results. Participants see only their own attempts; staff with `assessments.view_attempt`
read those of the participants in their cohorts (`lms.scoping`)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments import selectors, services
from assessments.models import Attempt, Quiz
from assessments.questions import answer_label, feedback_texts
from lms import scoping


class QuizSerializer(serializers.ModelSerializer):
    key = serializers.UUIDField(source="translation_key")
    language = serializers.CharField(source="locale.language_code")
    question_count = serializers.SerializerMethodField()

    class Meta:
        model = Quiz
        fields = [
            "id",
            "key",
            "language",
            "title",
            "intro",
            "question_count",
            "pass_mark",
            "attempts_allowed",
            "time_limit_minutes",
            "show_answers",
        ]

    def get_question_count(self, quiz) -> int:
        return selectors.question_count(quiz)


class QuizViewSet(viewsets.ReadOnlyModelViewSet):
    """Quizzes, in the language asked for with `?lang=` (default: every language)."""

    serializer_class = QuizSerializer

    def get_queryset(self):
        quizzes = Quiz.objects.select_related("locale").order_by("title", "pk")
        language = self.request.query_params.get("lang")
        if language:
            quizzes = quizzes.filter(locale__language_code=language)
        return quizzes


class ItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    type = serializers.CharField(source="question_type")
    points = serializers.DecimalField(max_digits=5, decimal_places=2)
    question = serializers.JSONField(source="display")
    answer = serializers.JSONField()
    answered = serializers.BooleanField(source="is_answered")


class ResultItemSerializer(ItemSerializer):
    score = serializers.FloatField()
    answer_text = serializers.SerializerMethodField()
    right_answer = serializers.SerializerMethodField()
    feedback = serializers.SerializerMethodField()

    def get_answer_text(self, item) -> str:
        return answer_label(item.display, item.answer)

    def get_right_answer(self, item) -> list[str] | None:
        if not self.context.get("show_answers"):
            return None
        if item.question_type == "true_false":
            return ["true" if item.key["correct"] else "false"]
        return item.key.get("right_answer")

    def get_feedback(self, item) -> list[str]:
        if not self.context.get("show_feedback"):
            return []
        return feedback_texts(item)


class AttemptSerializer(serializers.ModelSerializer):
    quiz_title = serializers.CharField(source="quiz.title")
    participant = serializers.CharField(source="user.full_name")
    time_left = serializers.SerializerMethodField()

    class Meta:
        model = Attempt
        fields = [
            "id",
            "quiz",
            "quiz_key",
            "quiz_title",
            "participant",
            "number",
            "state",
            "closed_by",
            "language",
            "started_at",
            "deadline",
            "time_left",
            "submitted_at",
            "score",
            "max_score",
            "percent",
            "pass_mark",
            "passed",
        ]
        read_only_fields = fields

    def get_time_left(self, attempt) -> int | None:
        return attempt.time_left() if attempt.is_open else None


class AttemptDetailSerializer(AttemptSerializer):
    items = ItemSerializer(many=True, read_only=True)

    class Meta(AttemptSerializer.Meta):
        fields = [*AttemptSerializer.Meta.fields, "items"]
        read_only_fields = fields


class StartSerializer(serializers.Serializer):
    quiz = serializers.IntegerField(help_text="Id of the quiz (any translation).")
    language = serializers.CharField(
        required=False, help_text="Take it in this language where translated."
    )


class AnswerSerializer(serializers.Serializer):
    position = serializers.IntegerField(min_value=1)
    answer = serializers.JSONField(
        allow_null=True,
        help_text=(
            "single choice: option id; multiple choice: list of ids; true/false: "
            "boolean; numeric and short text: text; matching: {item id: match id}; "
            "ordering: item ids in order, or {item id: place}."
        ),
    )


class AnswersSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True)


class AttemptViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Attempts. POST starts one (or resumes the open one: 200 instead of 201);
    `answers/` saves answers (sending the same answer twice is harmless); `submit/` grades
    and closes it (twice is harmless); `results/` shows the graded attempt."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, not a request
            return Attempt.objects.none()
        attempts = Attempt.objects.select_related("quiz", "user").order_by(
            "-started_at"
        )
        user = self.request.user
        if not user.has_perm("assessments.view_attempt"):
            attempts = attempts.filter(user=user)
        else:
            attempts = scoping.narrow(attempts, user)
        quiz = self.request.query_params.get("quiz")
        if quiz and quiz.isdigit():
            key = Quiz.objects.filter(pk=quiz).values_list("translation_key").first()
            attempts = attempts.filter(quiz_key=key[0] if key else None)
        return attempts

    def get_serializer_class(self):
        return (
            AttemptDetailSerializer if self.action == "retrieve" else AttemptSerializer
        )

    def _own(self, pk) -> Attempt:
        """Writes are only ever to the caller's own attempts."""
        return get_object_or_404(
            Attempt.objects.select_related("quiz"), pk=pk, user=self.request.user
        )

    def retrieve(self, request, *args, **kwargs):
        attempt = self.get_object()
        services.close_if_expired(attempt)
        return Response(AttemptDetailSerializer(attempt).data)

    @extend_schema(request=StartSerializer, responses=AttemptDetailSerializer)
    def create(self, request):
        incoming = StartSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        quiz = get_object_or_404(Quiz, pk=incoming.validated_data["quiz"])
        quiz = services.quiz_in_language(quiz, incoming.validated_data.get("language"))
        try:
            attempt, created = services.attempt_start(user=request.user, quiz=quiz)
        except services.QuizError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(
            AttemptDetailSerializer(attempt).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(request=AnswersSerializer, responses=AttemptDetailSerializer)
    @action(detail=True, methods=["post"])
    def answers(self, request, pk=None):
        attempt = self._own(pk)
        incoming = AnswersSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        answers = {
            entry["position"]: entry["answer"]
            for entry in incoming.validated_data["answers"]
        }
        try:
            result = services.attempt_answer(attempt=attempt, answers=answers)
        except services.UnknownQuestion as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        except services.QuizError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        if result.errors:
            return Response(
                {
                    "detail": _("Some answers were not saved."),
                    "errors": {str(k): v for k, v in result.errors.items()},
                    "saved": result.saved,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        attempt.refresh_from_db()
        return Response(AttemptDetailSerializer(attempt).data)

    @extend_schema(request=None, responses=AttemptSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        attempt = services.attempt_submit(attempt=self._own(pk))
        return Response(AttemptSerializer(attempt).data)

    @extend_schema(responses=ResultItemSerializer(many=True))
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        attempt = self.get_object()
        services.close_if_expired(attempt)
        if attempt.is_open:
            return Response(
                {"detail": _("This attempt is not finished yet.")},
                status=status.HTTP_409_CONFLICT,
            )
        own = attempt.user_id == request.user.pk
        context = {
            "show_answers": services.answers_visible(attempt) or not own,
            "show_feedback": attempt.quiz.show_answers != "never" or not own,
        }
        return Response(
            {
                "attempt": AttemptSerializer(attempt).data,
                "items": ResultItemSerializer(
                    attempt.items.all(), many=True, context=context
                ).data,
            }
        )
