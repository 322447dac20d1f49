"""Participants' attempts at quizzes.

An attempt takes a snapshot of its questions when it starts: what the participant sees
(`AttemptItem.display`, never the answers) and how it is graded (`AttemptItem.key`). Editing a
question later changes neither, so an attempt in progress stays consistent and old results keep
their meaning. Attempts are counted per quiz `translation_key`: a participant who switches
language continues the same series of attempts.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models.questions import Question, QuestionType, Quiz


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Finished")

    class ClosedBy(models.TextChoices):
        PARTICIPANT = "participant", _("Submitted by the participant")
        TIME_LIMIT = "time_limit", _("Closed when time ran out")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    quiz = models.ForeignKey(
        Quiz, verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="attempts"
    )
    quiz_key = models.UUIDField(_("quiz (all languages)"), db_index=True)
    # The lesson the quiz was started from: passing it may complete that lesson.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.IN_PROGRESS
    )
    closed_by = models.CharField(
        _("closed by"), max_length=20, choices=ClosedBy.choices, blank=True
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("finished"), null=True, blank=True)
    score = models.DecimalField(
        _("score"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    max_score = models.DecimalField(_("maximum score"), max_digits=8, decimal_places=2)
    percent = models.FloatField(_("percent"), null=True, blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz_key", "number"], name="attempt_number_once"
            ),
            # A double-pressed "Start" cannot open two attempts.
            models.UniqueConstraint(
                fields=["user", "quiz_key"],
                condition=models.Q(state="in_progress"),
                name="one_open_attempt",
            ),
            models.CheckConstraint(
                condition=models.Q(state="in_progress", submitted_at__isnull=True)
                | models.Q(state="submitted", submitted_at__isnull=False),
                name="attempt_state_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["quiz_key", "state"], name="attempt_by_quiz"),
            # The reports' ten-minute refresh looks for attempts finished since its last run.
            models.Index(fields=["submitted_at"], name="attempt_submitted"),
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz} · {self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.IN_PROGRESS

    def time_left(self, now=None):
        """Seconds left before the deadline, or None without a time limit."""
        if self.deadline is None:
            return None
        return max(0, int((self.deadline - (now or timezone.now())).total_seconds()))


class AttemptItem(models.Model):
    """One question of an attempt, in the order the participant sees it."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    question_key = models.UUIDField(_("question (all languages)"), db_index=True)
    question_type = models.CharField(
        _("type"), max_length=20, choices=QuestionType.choices
    )
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    display = models.JSONField(_("as shown"))
    key = models.JSONField(_("answer key"))
    answer = models.JSONField(_("answer"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    score = models.FloatField(_("score (0–1)"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt question")
        verbose_name_plural = _("attempt questions")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="attempt_position_once"
            )
        ]

    def __str__(self):
        return f"{self.attempt_id} · {self.position}"

    @property
    def field_name(self) -> str:
        return f"q{self.position}"

    @property
    def is_answered(self) -> bool:
        return self.answer not in (None, "", [], {})

    @property
    def points_scored(self):
        if self.score is None:
            return None
        return round(float(self.points) * self.score, 2)
