"""The blocks a question's answer key is written with, one per question type, and the quiz
block that lessons embed.

A question's `answer` StreamField holds exactly one of these blocks; its type is the question
type. Translating a question through wagtail-localize translates the texts (options, accepted
answers, pairs) and keeps the ids of list items, the right/wrong flags and the numbers, so an
option means the same thing in every language and item analysis can compare them.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock


def _fail(field: str, message) -> None:
    raise StructBlockValidationError(block_errors={field: ValidationError(message)})


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Right answer"), required=False)
    feedback = blocks.CharBlock(
        label=_("Feedback when chosen"), required=False, max_length=500
    )

    class Meta:
        icon = "radio-full"
        label = _("Option")


class _ChoiceBlock(blocks.StructBlock):
    options = blocks.ListBlock(OptionBlock(), min_num=2, label=_("Options"))

    def _right(self, value) -> int:
        return sum(1 for option in value["options"] if option["correct"])


class SingleChoiceBlock(_ChoiceBlock):
    def clean(self, value):
        value = super().clean(value)
        if self._right(value) != 1:
            _fail("options", _("Mark exactly one option as the right answer."))
        return value

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        help_text = _("One right option.")


class MultipleChoiceBlock(_ChoiceBlock):
    partial_credit = blocks.BooleanBlock(
        label=_("Partial credit"),
        required=False,
        default=True,
        help_text=_(
            "Each right option chosen earns a share; each wrong one chosen costs a share."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        if self._right(value) < 1:
            _fail("options", _("Mark at least one option as right."))
        return value

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")
        help_text = _("One or more right options.")


class TrueFalseBlock(blocks.StructBlock):
    correct = blocks.ChoiceBlock(
        choices=[("true", _("True")), ("false", _("False"))],
        label=_("The statement is"),
    )

    class Meta:
        icon = "tick"
        label = _("True or false")


class NumberBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(label=_("Right value"))
    tolerance = blocks.DecimalBlock(
        label=_("Tolerance (±)"),
        default=0,
        min_value=0,
        required=False,
        help_text=_("Answers this far from the right value still count."),
    )

    class Meta:
        icon = "order"
        label = _("Accepted value")


class NumericBlock(NumberBlock):
    """The right value and tolerance (from `NumberBlock`), a unit, other accepted values."""

    unit = blocks.CharBlock(
        label=_("Unit"),
        required=False,
        max_length=40,
        help_text=_("Shown after the answer box, for example kg or %."),
    )
    also_accepted = blocks.ListBlock(
        NumberBlock(), default=[], label=_("Also accepted"), collapsed=True
    )

    class Meta:
        icon = "order"
        label = _("Number")


class ShortTextBlock(blocks.StructBlock):
    accepted = blocks.ListBlock(
        blocks.CharBlock(max_length=255, label=_("Accepted answer")),
        min_num=1,
        label=_("Accepted answers"),
    )
    case_sensitive = blocks.BooleanBlock(
        label=_("Upper and lower case must match"), required=False, default=False
    )

    class Meta:
        icon = "pilcrow"
        label = _("Short text")


class PairBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("Item"), max_length=255)
    match = blocks.CharBlock(label=_("Its match"), max_length=255)

    class Meta:
        icon = "link"
        label = _("Pair")


class MatchingBlock(blocks.StructBlock):
    pairs = blocks.ListBlock(PairBlock(), min_num=2, label=_("Pairs"))
    partial_credit = blocks.BooleanBlock(
        label=_("Partial credit"), required=False, default=True
    )

    class Meta:
        icon = "link"
        label = _("Matching pairs")


class OrderingBlock(blocks.StructBlock):
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=255, label=_("Item")),
        min_num=2,
        label=_("Items, in the right order"),
    )
    partial_credit = blocks.BooleanBlock(
        label=_("Partial credit"), required=False, default=True
    )

    class Meta:
        icon = "list-ol"
        label = _("Ordering")


class AnswerStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    numeric = NumericBlock()
    short_text = ShortTextBlock()
    matching = MatchingBlock()
    ordering = OrderingBlock()

    class Meta:
        min_num = 1
        max_num = 1


class DrawBlock(blocks.StructBlock):
    bank = SnippetChooserBlock("assessments.QuestionBank", label=_("Question bank"))
    topic = blocks.CharBlock(
        label=_("Topic"),
        required=False,
        max_length=100,
        help_text=_("Only questions tagged with this topic. Leave empty for any."),
    )
    count = blocks.IntegerBlock(label=_("How many"), min_value=1, default=1)

    class Meta:
        icon = "crosshairs"
        label = _("Random questions from a bank")


class QuizItemsBlock(blocks.StreamBlock):
    question = SnippetChooserBlock("assessments.Question", label=_("Question"))
    draw = DrawBlock()

    class Meta:
        min_num = 1


class QuizBlock(blocks.StructBlock):
    """A quiz inside a lesson. Passing it completes the lesson when that is the lesson's
    rule (`cms.signals.activity_passed`)."""

    quiz = SnippetChooserBlock("assessments.Quiz", label=_("Quiz"))

    def get_context(self, value, parent_context=None):
        from django.urls import reverse

        from assessments import selectors, services

        context = super().get_context(value, parent_context=parent_context)
        quiz = value["quiz"]
        if quiz is None:
            return context
        quiz = services.quiz_in_language(quiz)
        request = (parent_context or {}).get("request")
        page = (parent_context or {}).get("page")
        start_url = reverse("assessments:start", args=[quiz.pk])
        deferred_url = reverse("assessments:deferred", args=[quiz.pk])
        if page is not None:
            start_url += f"?lesson={page.pk}"
            deferred_url += f"?lesson={page.pk}"
        context.update(
            quiz=quiz,
            start_url=start_url,
            # Without a time limit the quiz can be answered offline (`quiz_deferred`).
            deferred_url=None if quiz.time_limit_minutes else deferred_url,
            question_count=selectors.question_count(quiz),
            status=selectors.quiz_status(request.user, quiz) if request else None,
        )
        return context

    class Meta:
        icon = "help"
        label = _("Quiz")
        template = "assessments/blocks/quiz_block.html"
