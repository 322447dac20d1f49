"""Courses as Wagtail pages (course index → course → module → lesson) and each participant's
progress through them.

Progress is keyed by the pages' `translation_key`, which a page shares with all its
translations: a lesson done in Khmer is done in English too, and a course that is deleted
leaves its participants' records intact.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.models import BasePage
from courses.blocks import LessonStreamBlock


class Topic(models.TextChoices):
    FOOD_SAFETY = "food_safety", _("Food safety and HACCP")
    ISO_STANDARDS = "iso_standards", _("ISO standards")
    EXPORT_DOCUMENTATION = "export_documentation", _("HS codes and export documents")
    NON_TARIFF_MEASURES = "non_tariff_measures", _("Non-tariff measures")
    PACKAGING_LABELLING = "packaging_labelling", _("Packaging, labelling and barcodes")
    PRODUCTIVITY = "productivity", _("Productivity")
    FINANCIAL_LITERACY = "financial_literacy", _("Financial literacy and bookkeeping")
    MARKETING = "marketing", _("Marketing and e-commerce")


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CompletionRule(models.TextChoices):
    VIEWED = "viewed", _("Done when opened")
    MARKED_DONE = "marked_done", _("Done when the participant marks it done")
    ACTIVITY_PASSED = "activity_passed", _("Done when its quiz or activity is passed")


class CourseIndexPage(BasePage):
    """The list of courses."""

    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course list")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_cards

        context = super().get_context(request, *args, **kwargs)
        context["cards"] = course_cards(index=self, user=request.user)
        return context


class CoursePage(BasePage):
    """A course: what it teaches, to whom, and how long it takes."""

    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(200)],
        help_text=_("Study time for the whole course, in hours."),
    )
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences."))
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Outcome"), max_length=250))],
        verbose_name=_("learning outcomes"),
        blank=True,
        help_text=_("What a participant can do after the course, one per line."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("topic"),
        FieldPanel("level"),
        FieldPanel("estimated_hours"),
        FieldPanel("learning_outcomes"),
        FieldPanel("cover_image"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(course=self, user=request.user)
        return context

    @property
    def languages_available(self) -> list[str]:
        """Language codes this course is published in (the source and its live translations)."""
        return sorted(
            CoursePage.objects.live()
            .filter(translation_key=self.translation_key)
            .values_list("locale__language_code", flat=True)
        )


class ModulePage(BasePage):
    """A part of a course: a few lessons on one theme, often one workshop day."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: show it inside its course's outline.
        from django.shortcuts import redirect

        course = self.get_parent().specific
        return redirect(f"{course.get_url(request)}#module-{self.pk}")


class LessonPage(RoutablePageMixin, BasePage):
    """One lesson: text and media a participant reads in ten minutes or less."""

    summary = models.TextField(_("summary"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    completion_rule = models.CharField(
        _("when is it done?"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.VIEWED,
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    settings_panels = [
        *BasePage.settings_panels,
        FieldPanel("estimated_minutes"),
        FieldPanel("completion_rule"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    @path("")
    def lesson(self, request):
        from courses import services
        from courses.selectors import lesson_context

        # Only participants' reading counts: trainers checking a lesson would otherwise
        # show up as enrolled in the progress reports.
        # Nor a phone downloading the course to read later (site.js sends this header):
        # reading it offline is reported at sync.
        user = request.user
        if (
            user.is_authenticated
            and not user.is_staff
            and not getattr(request, "is_preview", False)
            and "X-Offline-Save" not in request.headers
        ):
            services.lesson_view(user=user, lesson=self)
        return self.render(
            request, context_overrides=lesson_context(lesson=self, user=request.user)
        )

    @path("done/")
    def mark_done(self, request):
        from courses.views import lesson_mark_done

        return lesson_mark_done(request, lesson=self)


class CourseEnrolment(models.Model):
    """A participant taking a course, whichever language they read it in."""

    class Source(models.TextChoices):
        SELF = "self", _("Started by the participant")
        COHORT = "cohort", _("Enrolled with a cohort")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="course_enrolments",
    )
    course_key = models.UUIDField(
        _("course"), help_text=_("The course's translation key.")
    )
    source = models.CharField(
        _("how"), max_length=10, choices=Source.choices, default=Source.SELF
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)

    class Meta:
        verbose_name = _("course enrolment")
        verbose_name_plural = _("course enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course_key"], name="enrolment_once"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.course_key}"


class LessonProgress(models.Model):
    """One row per participant and lesson, kept current by `courses.services`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson_key = models.UUIDField(_("lesson"))
    module_key = models.UUIDField(_("module"))
    course_key = models.UUIDField(_("course"))
    first_viewed_at = models.DateTimeField(_("first opened"))
    last_viewed_at = models.DateTimeField(_("last opened"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.CharField(
        _("completed by"), max_length=20, choices=CompletionRule.choices, blank=True
    )
    # Language of the page the participant last read, for reports on language use.
    last_language = models.CharField(_("last language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson_key"], name="progress_once"
            ),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True, completed_by="")
                | models.Q(completed_at__isnull=False) & ~models.Q(completed_by=""),
                name="progress_completion_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "course_key"], name="progress_by_course"),
            # The reports' ten-minute refresh looks for lessons finished since its last run.
            models.Index(fields=["completed_at"], name="progress_completed"),
        ]
        permissions = [("view_progress_report", _("Can see participants' progress"))]

    def __str__(self):
        return f"{self.user} · {self.lesson_key}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class LessonEvent(models.Model):
    """What a participant did with a lesson, one row per action, never changed."""

    class Kind(models.TextChoices):
        VIEWED = "viewed", _("Opened")
        MARKED_DONE = "marked_done", _("Marked done")
        ACTIVITY_PASSED = "activity_passed", _("Passed its activity")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_events"
    )
    lesson_key = models.UUIDField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    language = models.CharField(max_length=8)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("lesson event")
        verbose_name_plural = _("lesson events")
        indexes = [models.Index(fields=["user", "lesson_key"], name="event_by_lesson")]

    def __str__(self):
        return f"{self.user} {self.kind} {self.lesson_key} {self.at:%Y-%m-%d %H:%M}"
