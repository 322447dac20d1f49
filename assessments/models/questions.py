"""Question banks, questions and quizzes: what trainers write in the admin."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import RevisionMixin, TranslatableMixin
from wagtail.search import index

from assessments.blocks import AnswerStreamBlock, QuizItemsBlock


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    NUMERIC = "numeric", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    MATCHING = "matching", _("Matching pairs")
    ORDERING = "ordering", _("Ordering")


class QuestionBank(models.Model):
    """A named set of questions (Moodle calls it a category), for reuse and random draws."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class QuestionTopic(TaggedItemBase):
    content_object = ParentalKey(
        "assessments.Question", on_delete=models.CASCADE, related_name="topic_items"
    )


class Question(TranslatableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """One question in one language. Its translations share `translation_key`, and the ids
    inside its answer key, so results can be compared across languages."""

    bank = models.ForeignKey(
        QuestionBank,
        verbose_name=_("question bank"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_(
            "A short name to find the question by; participants do not see it."
        ),
    )
    text = models.TextField(_("question"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    points = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
    )
    answer = StreamField(AnswerStreamBlock(), verbose_name=_("answer"))
    question_type = models.CharField(
        _("type"), max_length=20, choices=QuestionType.choices, editable=False
    )
    feedback_right = models.TextField(_("feedback for a right answer"), blank=True)
    feedback_wrong = models.TextField(_("feedback for a wrong answer"), blank=True)
    general_feedback = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Shown with the results, whatever the answer."),
    )
    topics = ClusterTaggableManager(
        verbose_name=_("topics"), through=QuestionTopic, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldPanel("answer"),
        MultiFieldPanel(
            [
                FieldPanel("feedback_right"),
                FieldPanel("feedback_wrong"),
                FieldPanel("general_feedback"),
            ],
            heading=_("Feedback"),
        ),
        FieldRowPanel([FieldPanel("bank"), FieldPanel("points")]),
        FieldPanel("topics"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("text"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
        index.FilterField("bank"),
        index.FilterField("question_type"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["bank", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.question_type = self.answer_block.block_type if self.answer else ""
        super().save(*args, **kwargs)

    @property
    def answer_block(self):
        return self.answer[0] if self.answer else None


class ShowAnswers(models.TextChoices):
    AFTER_ATTEMPT = "after_attempt", _("After each attempt")
    AFTER_CLOSING = "after_closing", _("Once passed or out of attempts")
    NEVER = "never", _("Never (score and feedback only)")


class Quiz(TranslatableMixin, RevisionMixin, index.Indexed, models.Model):
    """A quiz: chosen questions and random draws from banks, with its rules."""

    title = models.CharField(_("title"), max_length=255)
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown before the quiz starts.")
    )
    items = StreamField(QuizItemsBlock(), verbose_name=_("questions"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=60,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means unlimited.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no time limit."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    show_answers = models.CharField(
        _("show the right answers"),
        max_length=20,
        choices=ShowAnswers.choices,
        default=ShowAnswers.AFTER_CLOSING,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("items"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("pass_mark"), FieldPanel("attempts_allowed")]
                ),
                FieldPanel("time_limit_minutes"),
                FieldRowPanel(
                    [FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]
                ),
                FieldPanel("show_answers"),
            ],
            heading=_("Rules"),
        ),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]
        permissions = [("view_quiz_report", _("Can see quiz results and analysis"))]

    def __str__(self):
        return self.title

    @property
    def unlimited_attempts(self) -> bool:
        return self.attempts_allowed == 0
