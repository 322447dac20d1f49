"""Action plans and the follow-up after training.

A cohort uses a plan *template* (a translatable snippet whose sections keep their block ids
in every language, so an answer written against the Sinhala template lines up with the
English one). Each participant has one `ActionPlan` per cohort: the draft they are writing
(`content`, keyed by section id) and, each time they submit, a frozen `PlanVersion`.
Reviewers approve or ask for changes, with a comment per section (`Review`).

After the cohort ends, `Checkpoint`s fall due (by default 1, 3 and 6 months after its end
date); everyone with an approved plan then owes a `FollowUpReport`: progress per action item,
what helped or blocked, `Evidence` files and `IndicatorValue`s for the programme's outcome
`Indicator`s.

Every row a person edits carries a `revision` number; a save names the revision it started
from, so two devices or two people never overwrite each other silently.
"""

from __future__ import annotations

import uuid

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import RevisionMixin, TranslatableMixin
from wagtail.search import index

from actionplans.blocks import PlanSectionsBlock
from cohorts.models import ClaimedMessage, Cohort, Programme
from lms.storage import private_storage

DEFAULT_OFFSETS = (1, 3, 6)


class PlanTemplate(TranslatableMixin, RevisionMixin, index.Indexed, models.Model):
    """What a plan asks for: an ordered list of sections (free text, SWOT, action items)."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown to participants above the plan."),
    )
    sections = StreamField(PlanSectionsBlock(), verbose_name=_("sections"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [FieldPanel("title"), FieldPanel("intro"), FieldPanel("sections")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("action-plan template")
        verbose_name_plural = _("action-plan templates")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def in_language(self, language: str | None = None) -> PlanTemplate:
        """This template in `language` (default: the active one) if translated, else
        itself."""
        language = language or get_language()
        if self.locale.language_code == language:
            return self
        other = (
            PlanTemplate.objects.filter(
                translation_key=self.translation_key, locale__language_code=language
            )
            .select_related("locale")
            .first()
        )
        return other or self


class CohortPlanSetup(models.Model):
    """Which template a cohort's participants fill in. Kept here, beside the plans, because
    `cohorts` sits below `actionplans` and knows nothing of them."""

    cohort = models.OneToOneField(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="plan_setup",
    )
    template = models.ForeignKey(
        PlanTemplate,
        verbose_name=_("action-plan template"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    plans_open = models.BooleanField(
        _("participants may write plans"),
        default=True,
    )

    class Meta:
        verbose_name = _("cohort plan set-up")
        verbose_name_plural = _("cohort plan set-ups")

    def __str__(self):
        return str(self.cohort)


class ActionPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes", _("Changes requested")
        APPROVED = "approved", _("Approved")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="action_plans",
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="action_plans",
    )
    template = models.ForeignKey(
        PlanTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    content = models.JSONField(_("answers"), default=dict, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["cohort", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cohort"], name="one_plan_per_person_and_cohort"
            )
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self):
        return f"{self.user} · {self.cohort}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    @cached_property
    def latest_version(self) -> PlanVersion | None:
        return self.versions.order_by("-number").first()

    def action_items(self) -> list[dict]:
        """The action items of the latest submitted version (what follow-up reports about),
        else of the draft."""
        version = self.latest_version
        content = version.content if version else self.content
        template = self.template
        items = []
        for section in template.sections:
            if section.block_type == "action_items":
                items.extend(content.get(section.id, {}).get("items", []))
        return items


class PlanVersion(models.Model):
    """A plan as it was submitted, frozen."""

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("answers"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="plan_version_numbers_unique"
            )
        ]

    def __str__(self):
        return f"{self.plan} v{self.number}"


class Indicator(models.Model):
    """An outcome a programme measures. Rows without a programme are the standard set,
    offered in every programme unless it hides them."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Percentage")
        NUMBER = "number", _("Number")
        PEOPLE = "people", _("People (of whom women, youth)")
        YES_NO = "yes_no", _("Yes or no")
        CHOICES = "choices", _("Choose any of a list")
        TEXT = "text", _("Text")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        help_text=_("Empty: a standard indicator, offered in every programme."),
    )
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("A short name for exports and the API, e.g. sales_change."),
    )
    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(
        _("name in other languages"),
        default=dict,
        blank=True,
        help_text=_("By language code."),
    )
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    choices = models.JSONField(
        _("options"),
        default=list,
        blank=True,
        help_text=_("For “choose any of a list”: one option per line."),
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("in use"), default=True)
    hidden_for = models.ManyToManyField(
        Programme,
        verbose_name=_("not used in"),
        blank=True,
        related_name="hidden_indicators",
        help_text=_("Programmes that do not measure this standard indicator."),
    )

    class Meta:
        verbose_name = _("outcome indicator")
        verbose_name_plural = _("outcome indicators")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="indicator_code_per_programme"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(programme__isnull=True),
                name="standard_indicator_code_unique",
            ),
        ]

    def __str__(self):
        return self.label()

    def label(self, language: str | None = None) -> str:
        from actionplans.indicators import standard_label

        language = language or get_language()
        if self.programme_id is None:
            label = standard_label(self.code)
            if label:
                return str(label)
        return self.names.get(language) or self.name


class Checkpoint(models.Model):
    """A follow-up date of a cohort: `offset_months` after its end date."""

    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="checkpoints",
    )
    offset_months = models.PositiveSmallIntegerField(
        _("months after the end"),
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    due_on = models.DateField(_("due"))

    class Meta:
        verbose_name = _("follow-up checkpoint")
        verbose_name_plural = _("follow-up checkpoints")
        ordering = ["cohort", "offset_months"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "offset_months"], name="checkpoint_offsets_unique"
            )
        ]
        indexes = [models.Index(fields=["due_on"])]

    def __str__(self):
        return _("%(months)s-month follow-up") % {"months": self.offset_months}

    @staticmethod
    def due_for(ends_on, months: int):
        return ends_on + relativedelta(months=months)


class FollowUpReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted")

    class Method(models.TextChoices):
        SELF = "self", _("By the participant")
        PHONE = "phone", _("Phone interview")
        MEETING = "meeting", _("Follow-up meeting or visit")

    class ItemStatus(models.TextChoices):
        NOT_STARTED = "not_started", pgettext_lazy("action progress", "Not started")
        IN_PROGRESS = "in_progress", pgettext_lazy("action progress", "In progress")
        DONE = "done", pgettext_lazy("action progress", "Done")
        DROPPED = "dropped", pgettext_lazy("action progress", "Dropped")

    checkpoint = models.ForeignKey(
        Checkpoint,
        verbose_name=_("checkpoint"),
        # A checkpoint with reports cannot be removed on its own (deleting its cohort,
        # and with it the plans and their reports, still can).
        on_delete=models.RESTRICT,
        related_name="reports",
    )
    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("action plan"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="follow_up_reports",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    items = models.JSONField(
        _("progress per action item"),
        default=dict,
        blank=True,
        help_text=_("By action item id: status, percent done, note."),
    )
    helped = models.TextField(_("what helped"), blank=True)
    blocked = models.TextField(_("what got in the way"), blank=True)
    story = models.TextField(
        _("what changed in your business"),
        blank=True,
        help_text=_("In your own words; it may be quoted in reports to funders."),
    )
    method = models.CharField(
        _("recorded"), max_length=10, choices=Method.choices, default=Method.SELF
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")
        ordering = ["checkpoint", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkpoint", "user"], name="one_report_per_checkpoint"
            )
        ]
        indexes = [models.Index(fields=["checkpoint", "status"])]

    def __str__(self):
        return f"{self.user} · {self.checkpoint}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    @property
    def on_behalf(self) -> bool:
        return self.method != self.Method.SELF


class IndicatorValue(models.Model):
    report = models.ForeignKey(
        FollowUpReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="values",
    )
    number = models.DecimalField(
        _("number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    women = models.PositiveIntegerField(_("of whom women"), null=True, blank=True)
    youth = models.PositiveIntegerField(_("of whom youth"), null=True, blank=True)
    yes = models.BooleanField(_("yes"), null=True, blank=True)
    choices = models.JSONField(_("chosen"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="one_value_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} · {self.report_id}"

    FIELDS = ("number", "women", "youth", "yes", "choices", "text")

    def as_dict(self) -> dict:
        """The answer's columns, in the shape `indicators.read` returns."""
        return {name: getattr(self, name) for name in self.FIELDS}

    @property
    def display(self) -> str:
        from actionplans.indicators import display_value

        return display_value(self)


def evidence_path(instance, filename):
    return f"follow-up/{instance.report.checkpoint.cohort_id}/{uuid.uuid4().hex}/{filename}"


class Evidence(models.Model):
    """A photo or document backing a follow-up report, in private storage."""

    report = models.ForeignKey(
        FollowUpReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(
        _("file"), upload_to=evidence_path, storage=private_storage, max_length=300
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    key = models.UUIDField(_("idempotency key"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["report", "uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="evidence_sent_once")
        ]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Review(models.Model):
    """A reviewer's decision on a submitted plan version or a follow-up report, with a
    general comment and one per section (plans) or per action item (reports)."""

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        CHANGES = "changes", _("Ask for changes")

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reviews",
    )
    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reviews",
    )
    report = models.ForeignKey(
        FollowUpReport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    section_comments = models.JSONField(
        _("comments per section"), default=dict, blank=True
    )
    created_at = models.DateTimeField(_("reviewed"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(plan__isnull=False, report__isnull=True)
                    | models.Q(plan__isnull=True, report__isnull=False)
                ),
                name="review_of_plan_or_report",
            )
        ]

    def __str__(self):
        return f"{self.get_decision_display()} · {self.reviewer}"


class Notice(ClaimedMessage):
    """One follow-up message to one person, claimed before it is sent (see
    `cohorts.reminders`): so each reminder and escalation goes once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Follow-up due soon")
        DUE_TODAY = "due_today", _("Follow-up due today")
        OVERDUE = "overdue", _("Overdue reports (to officers)")
        REVIEWED = "reviewed", _("Plan or report reviewed")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    checkpoint = models.ForeignKey(
        Checkpoint, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up notice")
        verbose_name_plural = _("follow-up notices")
