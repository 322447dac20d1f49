"""Reads for course pages, My learning, the admin report and the API. Each builds its answer
from a fixed number of queries, whatever the size of the course."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils import translation

from cms import tree_cache
from courses.models import (
    CourseEnrolment,
    CoursePage,
    LessonPage,
    LessonProgress,
    ModulePage,
)


@dataclass
class LessonItem:
    page: LessonPage
    done: bool
    current: bool = False


@dataclass
class ModuleItem:
    page: ModulePage
    lessons: list[LessonItem] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.done)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def percent(self) -> int:
        return _percent(self.done, self.total)


@dataclass
class Outline:
    course: CoursePage
    modules: list[ModuleItem]
    enrolled: bool
    next_lesson: LessonPage | None
    started: bool

    @property
    def lessons(self) -> list[LessonItem]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def done(self) -> int:
        return sum(module.done for module in self.modules)

    @property
    def total(self) -> int:
        return sum(module.total for module in self.modules)

    @property
    def percent(self) -> int:
        return _percent(self.done, self.total)


def _percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


@dataclass(frozen=True)
class _Structure:
    """A course's live modules and lessons in order, without their StreamFields: the same
    for everyone, kept until a page changes (`cms.tree_cache`)."""

    modules: tuple
    lessons: (
        tuple  # (lesson, its module's path), lessons of unpublished modules left out
    )


def _structure(course: CoursePage) -> _Structure:
    def read():
        modules = tuple(
            ModulePage.objects.child_of(course)
            .live()
            .select_related("locale")
            .defer_streamfields()
            .order_by("path")
        )
        live_paths = {module.path for module in modules}
        lessons = tuple(
            (lesson, lesson.path[: -LessonPage.steplen])
            for lesson in LessonPage.objects.descendant_of(course)
            .live()
            .select_related("locale")
            .defer_streamfields()
            .order_by("path")
            if lesson.path[: -LessonPage.steplen] in live_paths
        )
        return _Structure(modules=modules, lessons=lessons)

    # The path in the key: a course object read before the token may have an old one.
    return tree_cache.kept(("course", course.pk, course.path), read)


def course_outline(
    *, course: CoursePage, user, current: LessonPage | None = None
) -> Outline:
    """Live modules and lessons of a course, in order, with the person's progress (the
    structure kept until a page changes, then 2 queries for the person)."""
    structure = _structure(course)
    modules = {module.path: ModuleItem(page=module) for module in structure.modules}
    progress = {}
    enrolled = False
    if user.is_authenticated:
        progress = {
            row.lesson_key: row
            for row in LessonProgress.objects.filter(
                user=user, course_key=course.translation_key
            )
        }
        enrolled = CourseEnrolment.objects.filter(
            user=user, course_key=course.translation_key
        ).exists()
    for lesson, module_path in structure.lessons:
        row = progress.get(lesson.translation_key)
        modules[module_path].lessons.append(
            LessonItem(
                page=lesson,
                done=bool(row and row.is_complete),
                current=current is not None and lesson.pk == current.pk,
            )
        )
    items = [module for module in modules.values() if module.lessons]
    return Outline(
        course=course,
        modules=items,
        enrolled=enrolled,
        next_lesson=_next_lesson(items, progress),
        started=bool(progress),
    )


def _next_lesson(modules: list[ModuleItem], progress: dict) -> LessonPage | None:
    """Where to continue: the last lesson opened and not finished, else the first not done."""
    unfinished = [
        lesson for module in modules for lesson in module.lessons if not lesson.done
    ]
    if not unfinished:
        return None
    opened = [
        (progress[item.page.translation_key].last_viewed_at, item)
        for item in unfinished
        if item.page.translation_key in progress
    ]
    if opened:
        return max(opened, key=lambda pair: pair[0])[1].page
    return unfinished[0].page


def lesson_context(*, lesson: LessonPage, user) -> dict:
    """What a lesson page shows around its text: progress bars and the way on."""
    # The course by its path, and the module from its outline: kept, like the outline's
    # structure, until a page changes.
    step = lesson.steplen
    course_path = lesson.path[: -2 * step]
    course = tree_cache.kept(
        ("course-at", course_path),
        lambda: (
            CoursePage.objects.select_related("locale")
            .defer_streamfields()
            .filter(path=course_path)
            .first()
        ),
    )
    outline = course_outline(course=course, user=user, current=lesson)
    module_path = lesson.path[:-step]
    module = next(
        (m for m in _structure(course).modules if m.path == module_path), None
    ) or ModulePage.objects.select_related("locale").get(
        path=module_path
    )  # unpublished: a preview
    ordered = [item.page for item in outline.lessons]
    index = next((i for i, page in enumerate(ordered) if page.pk == lesson.pk), None)
    module_item = next((m for m in outline.modules if m.page.pk == module.pk), None)
    this = next((item for item in outline.lessons if item.page.pk == lesson.pk), None)
    return {
        "course": course,
        "module": module,
        "outline": outline,
        "module_progress": module_item,
        "lesson_done": bool(this and this.done),
        "previous_lesson": ordered[index - 1] if index else None,
        "next_lesson": ordered[index + 1]
        if index is not None and index + 1 < len(ordered)
        else None,
    }


@dataclass
class CourseCard:
    course: CoursePage | None
    course_key: object
    done: int
    total: int
    enrolled: bool = False

    @property
    def percent(self) -> int:
        return _percent(self.done, self.total)


def _lesson_totals(courses) -> dict:
    """Live lessons under each course, counted in one query."""
    totals = {}
    if not courses:
        return totals
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path)
    lessons = LessonPage.objects.live().filter(condition).values_list("path", flat=True)
    by_path = {course.path: course for course in courses}
    depth = len(next(iter(by_path)))
    for path in lessons:
        course = by_path.get(path[:depth])
        if course is not None:
            totals[course.pk] = totals.get(course.pk, 0) + 1
    return totals


def _done_counts(user, course_keys) -> dict:
    if not user.is_authenticated or not course_keys:
        return {}
    rows = (
        LessonProgress.objects.filter(
            user=user, course_key__in=course_keys, completed_at__isnull=False
        )
        .values("course_key")
        .annotate(done=Count("pk"))
    )
    return {row["course_key"]: row["done"] for row in rows}


def course_cards(*, index, user) -> list[CourseCard]:
    """The courses of a course list, with the person's progress in each (4 queries)."""
    courses = list(
        CoursePage.objects.child_of(index)
        .live()
        .select_related("locale")
        .order_by("path")
    )
    totals = _lesson_totals(courses)
    done = _done_counts(user, [course.translation_key for course in courses])
    enrolled = set()
    if user.is_authenticated:
        enrolled = set(
            CourseEnrolment.objects.filter(user=user).values_list(
                "course_key", flat=True
            )
        )
    return [
        CourseCard(
            course=course,
            course_key=course.translation_key,
            done=min(done.get(course.translation_key, 0), totals.get(course.pk, 0)),
            total=totals.get(course.pk, 0),
            enrolled=course.translation_key in enrolled,
        )
        for course in courses
    ]


def my_learning(*, user) -> list[CourseCard]:
    """The person's courses, newest enrolment first, each in the active language where it
    exists (else its original), with progress. A course since deleted keeps its card."""
    enrolments = list(
        CourseEnrolment.objects.filter(user=user).order_by("-enrolled_at")
    )
    keys = [enrolment.course_key for enrolment in enrolments]
    preference = [translation.get_language(), settings.LANGUAGE_CODE]

    def rank(course):
        code = course.locale.language_code
        return preference.index(code) if code in preference else len(preference)

    pages = {}
    live = (
        CoursePage.objects.live()
        .filter(translation_key__in=keys)
        .select_related("locale")
    )
    for course in live:
        best = pages.get(course.translation_key)
        if best is None or rank(course) < rank(best):
            pages[course.translation_key] = course
    courses = list(pages.values())
    totals = _lesson_totals(courses)
    done = _done_counts(user, keys)
    cards = []
    for enrolment in enrolments:
        course = pages.get(enrolment.course_key)
        total = totals.get(course.pk, 0) if course else 0
        cards.append(
            CourseCard(
                course=course,
                course_key=enrolment.course_key,
                done=min(done.get(enrolment.course_key, 0), total),
                total=total,
                enrolled=True,
            )
        )
    return cards


@dataclass
class CourseReportRow:
    course: CoursePage
    participants: int
    finished: int
    average_percent: int


def course_report() -> list[CourseReportRow]:
    """Every course in its original language: how many take it, how many finished, and
    their average progress (4 queries)."""
    from wagtail.models import Locale

    default = Locale.get_default()
    courses = list(CoursePage.objects.filter(locale=default).order_by("path"))
    totals = _lesson_totals(courses)
    keys = [course.translation_key for course in courses]
    enrolled = {}
    for row in (
        CourseEnrolment.objects.filter(course_key__in=keys)
        .values("course_key")
        .annotate(n=Count("pk"))
    ):
        enrolled[row["course_key"]] = row["n"]
    done_by = {}
    for row in (
        LessonProgress.objects.filter(course_key__in=keys, completed_at__isnull=False)
        .values("course_key", "user")
        .annotate(done=Count("pk"))
    ):
        done_by.setdefault(row["course_key"], []).append(row["done"])
    rows = []
    for course in courses:
        total = totals.get(course.pk, 0)
        people = enrolled.get(course.translation_key, 0)
        counts = [min(done, total) for done in done_by.get(course.translation_key, [])]
        finished = sum(1 for done in counts if total and done >= total)
        average = (
            round(sum(_percent(done, total) for done in counts) / people)
            if people
            else 0
        )
        rows.append(CourseReportRow(course, people, finished, average))
    return rows


@dataclass
class ParticipantRow:
    user: object
    cluster: str
    district: str
    done: int
    total: int
    last_viewed_at: object

    @property
    def percent(self) -> int:
        return _percent(self.done, self.total)


def participant_report(*, course: CoursePage, users=None) -> list[ParticipantRow]:
    """Everyone enrolled in a course with their progress (3 queries). `users` (ids) limits
    it, e.g. to the participants a trainer may see."""
    from django.db.models import Max

    total = _lesson_totals([course]).get(course.pk, 0)
    stats = {
        row["user"]: row
        for row in LessonProgress.objects.filter(course_key=course.translation_key)
        .values("user")
        .annotate(
            done=Count("pk", filter=Q(completed_at__isnull=False)),
            last=Max("last_viewed_at"),
        )
    }
    enrolments = CourseEnrolment.objects.filter(course_key=course.translation_key)
    if users is not None:
        enrolments = enrolments.filter(user__in=users)
    enrolments = enrolments.select_related(
        "user__participant_profile__cluster"
    ).order_by("user__full_name")
    rows = []
    for enrolment in enrolments:
        user = enrolment.user
        profile = getattr(user, "participant_profile", None)
        stat = stats.get(user.pk, {})
        rows.append(
            ParticipantRow(
                user=user,
                cluster=profile.cluster.name if profile and profile.cluster else "",
                district=profile.district if profile else "",
                done=min(stat.get("done", 0), total),
                total=total,
                last_viewed_at=stat.get("last"),
            )
        )
    return rows


@dataclass
class StaleTranslation:
    page: object
    source_changed_at: object
    synced_at: object


def stale_translations() -> list[StaleTranslation]:
    """Translated pages whose original was published again after the translation was last
    synchronised with it (3 queries)."""
    from wagtail.models import Page
    from wagtail_localize.models import Translation

    translations = list(
        Translation.objects.filter(enabled=True).select_related(
            "source", "target_locale"
        )
    )
    keys = {t.source.object_id for t in translations}
    pages = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys).select_related(
            "locale"
        )
    }
    stale = []
    for item in translations:
        source_page = pages.get((item.source.object_id, item.source.locale_id))
        target_page = pages.get((item.source.object_id, item.target_locale_id))
        if (
            source_page is None
            or target_page is None
            or not source_page.last_published_at
        ):
            continue
        if source_page.last_published_at > item.source.last_updated_at:
            stale.append(
                StaleTranslation(
                    page=target_page,
                    source_changed_at=source_page.last_published_at,
                    synced_at=item.source.last_updated_at,
                )
            )
    return sorted(stale, key=lambda row: (row.page.path, row.page.locale.language_code))
