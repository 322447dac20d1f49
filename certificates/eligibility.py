"""Who has earned a cohort's certificate, and if not, why not.

Each rule of the cohort's `CertificateSetup` is checked for every enrolled participant, in a
fixed number of queries whatever the cohort's size: attendance (as the People screen counts
it), every live lesson of the cohort's courses done, the post-test passed (in any of its
languages), the action plan submitted."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan
from assessments.models import Attempt
from cohorts.models import Cohort, Enrolment
from cohorts.selectors import attendance_by_participant
from courses.models import CoursePage, LessonPage, LessonProgress


@dataclass
class Eligibility:
    user: object
    reasons: list[str] = field(default_factory=list)
    attendance: float | None = None

    @property
    def eligible(self) -> bool:
        return not self.reasons


def _lesson_counts(courses) -> dict:
    """Live lessons under each course (by translation key), in one query."""
    if not courses:
        return {}
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path)
    paths = LessonPage.objects.live().filter(condition).values_list("path", flat=True)
    counts = {}
    for course in courses:
        counts[course.translation_key] = sum(
            1 for p in paths if p.startswith(course.path)
        )
    return counts


def check(cohort: Cohort, setup) -> list[Eligibility]:
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort, status=Enrolment.Status.ENROLLED)
        .select_related("user")
        .order_by("user__full_name")
    )
    users = [enrolment.user for enrolment in enrolments]
    ids = [user.pk for user in users]
    rates = attendance_by_participant(cohort) if setup.min_attendance else {}
    courses = []
    if setup.require_courses:
        courses = [
            page.specific
            for page in cohort.courses.all()
            if isinstance(page.specific, CoursePage)
        ]
    totals = _lesson_counts(courses)
    done = {}
    if courses:
        rows = (
            LessonProgress.objects.filter(
                user_id__in=ids,
                course_key__in=list(totals),
                completed_at__isnull=False,
            )
            .values("user_id", "course_key")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            done[(row["user_id"], row["course_key"])] = row["n"]
    passed = set()
    if setup.require_post_test and cohort.post_test_id:
        passed = set(
            Attempt.objects.filter(
                user_id__in=ids,
                quiz_key=cohort.post_test.translation_key,
                passed=True,
            ).values_list("user_id", flat=True)
        )
    planned = set()
    if setup.require_plan:
        planned = set(
            ActionPlan.objects.filter(cohort=cohort, user_id__in=ids)
            .exclude(status=ActionPlan.Status.DRAFT)
            .values_list("user_id", flat=True)
        )
    results = []
    for user in users:
        result = Eligibility(user=user)
        if setup.min_attendance:
            rate = rates.get(user.pk)
            percent = rate.percent if rate is not None else None
            result.attendance = percent
            # No session held for them yet (an online cohort): nothing to fall short of.
            if percent is not None and percent < setup.min_attendance:
                result.reasons.append(
                    _("Attendance %(percent)s%%, below %(minimum)s%%.")
                    % {"percent": round(percent), "minimum": setup.min_attendance}
                )
        for course in courses:
            total = totals.get(course.translation_key, 0)
            finished = done.get((user.pk, course.translation_key), 0)
            if finished < total:
                result.reasons.append(
                    _("%(course)s: %(done)s of %(total)s lessons done.")
                    % {"course": course.title, "done": finished, "total": total}
                )
        if setup.require_post_test:
            if not cohort.post_test_id:
                result.reasons.append(_("The cohort has no post-test set."))
            elif user.pk not in passed:
                result.reasons.append(_("Post-test not passed yet."))
        if setup.require_plan and user.pk not in planned:
            result.reasons.append(_("Action plan not submitted."))
        results.append(result)
    return results
