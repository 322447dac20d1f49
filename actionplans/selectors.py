"""Reads: who may see which plan or report, who owes a report, a participant's plans page,
and a cohort's overview for officers. Each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from actionplans.models import (
    ActionPlan,
    Checkpoint,
    FollowUpReport,
    Review,
)
from cohorts import selectors as cohort_selectors
from cohorts.models import Cohort, Enrolment

DONE = (FollowUpReport.Status.SUBMITTED, FollowUpReport.Status.ACCEPTED)


def can_review(user, cohort: Cohort) -> bool:
    """Trainers, facilitators and officers of the cohort (and administrators)."""
    return cohort_selectors.runs(user, cohort)


def can_record(user, cohort: Cohort) -> bool:
    """Officers of the cohort or its programme (and administrators)."""
    return cohort_selectors.manages(user, cohort)


def _scoped(rows, user, cohort: str):
    """A participant: their own rows. Staff: the rows of the cohorts they work on (reached
    through `cohort`), and their own. Administrators: all."""
    if not user.is_authenticated:
        return rows.none()
    if not user.is_staff:
        return rows.filter(user=user)
    if cohort_selectors.sees_everything(user):
        return rows.all()
    return rows.filter(
        Q(**{f"{cohort}__in": cohort_selectors.staff_cohorts(user).values("pk")})
        | Q(user=user)
    )


def visible_plans(user):
    return _scoped(ActionPlan.objects, user, "cohort")


def visible_reports(user):
    return _scoped(FollowUpReport.objects, user, "checkpoint__cohort")


def visible_checkpoints(user):
    if not user.is_authenticated:
        return Checkpoint.objects.none()
    if user.is_staff and cohort_selectors.sees_everything(user):
        return Checkpoint.objects.all()
    cohorts = Q(
        cohort__enrolments__user=user,
        cohort__enrolments__status=Enrolment.Status.ENROLLED,
    )
    if user.is_staff:
        cohorts |= Q(cohort__in=cohort_selectors.staff_cohorts(user).values("pk"))
    return Checkpoint.objects.filter(cohorts).distinct()


def owing(checkpoint: Checkpoint):
    """Plans whose participants owe a report at this checkpoint and have not submitted it:
    enrolled, plan approved."""
    return (
        ActionPlan.objects.filter(
            cohort_id=checkpoint.cohort_id,
            status=ActionPlan.Status.APPROVED,
            user__enrolments__cohort_id=checkpoint.cohort_id,
            user__enrolments__status=Enrolment.Status.ENROLLED,
        )
        .exclude(
            user_id__in=FollowUpReport.objects.filter(
                checkpoint=checkpoint, status__in=DONE
            ).values("user_id")
        )
        .select_related("user")
    )


@dataclass
class CohortPlans:
    cohort: Cohort
    plan: ActionPlan | None
    checkpoints: list = field(default_factory=list)  # (checkpoint, report or None)


def my_plans(user) -> list[CohortPlans]:
    """A participant's cohorts with their plan and each checkpoint's report."""
    enrolments = (
        Enrolment.objects.filter(
            user=user,
            status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WITHDRAWN],
        )
        .select_related("cohort", "cohort__programme")
        .order_by("-cohort__starts_on")
    )
    cohorts = [enrolment.cohort for enrolment in enrolments]
    withdrawn = {
        enrolment.cohort_id
        for enrolment in enrolments
        if enrolment.status == Enrolment.Status.WITHDRAWN
    }
    plans = {
        plan.cohort_id: plan
        for plan in ActionPlan.objects.filter(user=user, cohort__in=cohorts)
    }
    reports = {
        report.checkpoint_id: report
        for report in FollowUpReport.objects.filter(
            user=user, checkpoint__cohort__in=cohorts
        )
    }
    checkpoints = Checkpoint.objects.filter(cohort__in=cohorts).order_by(
        "offset_months"
    )
    by_cohort: dict[int, list] = {}
    for checkpoint in checkpoints:
        by_cohort.setdefault(checkpoint.cohort_id, []).append(
            (checkpoint, reports.get(checkpoint.pk))
        )
    rows = []
    for cohort in cohorts:
        row = CohortPlans(cohort, plans.get(cohort.pk), by_cohort.get(cohort.pk, []))
        row.withdrawn = cohort.pk in withdrawn
        rows.append(row)
    return rows


def plan_detail(plan_pk: int):
    return (
        ActionPlan.objects.select_related(
            "user", "cohort", "template", "template__locale"
        )
        .prefetch_related(
            "versions",
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer", "version").order_by(
                    "pk"
                ),
            ),
        )
        .get(pk=plan_pk)
    )


def review_queue(user):
    """Plans and reports waiting for `user`'s review (cohorts they run)."""
    cohorts = cohort_selectors.staff_cohorts(user).values("pk")
    plans = (
        ActionPlan.objects.filter(
            cohort__in=cohorts, status=ActionPlan.Status.SUBMITTED
        )
        .select_related("user", "cohort")
        .order_by("submitted_at")
    )
    reports = (
        FollowUpReport.objects.filter(
            checkpoint__cohort__in=cohorts, status=FollowUpReport.Status.SUBMITTED
        )
        .select_related("user", "checkpoint", "checkpoint__cohort")
        .order_by("submitted_at")
    )
    return plans, reports


@dataclass
class Overview:
    """A cohort at a glance: plan counts by status, and per checkpoint who owes, who has
    submitted, who is overdue."""

    cohort: Cohort
    plan_counts: dict
    rows: list  # (enrolment, plan, [(checkpoint, report, state)])
    checkpoints: list


def checkpoint_state(checkpoint, plan, report, today) -> str:
    if report is not None and report.status in DONE:
        return (
            "accepted"
            if report.status == FollowUpReport.Status.ACCEPTED
            else "submitted"
        )
    if report is not None and report.status == FollowUpReport.Status.CHANGES_REQUESTED:
        return "changes"
    if plan is None or plan.status != ActionPlan.Status.APPROVED:
        return "not_owed"
    if checkpoint.due_on < today:
        return "overdue"
    if report is not None:
        return "draft"
    return "due" if checkpoint.due_on <= today else "upcoming"


def overview(cohort: Cohort, today=None) -> Overview:
    today = today or timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(
            cohort=cohort,
            status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WITHDRAWN],
        )
        .select_related("user")
        .order_by("user__full_name")
    )
    plans = {plan.user_id: plan for plan in ActionPlan.objects.filter(cohort=cohort)}
    checkpoints = list(cohort.checkpoints.order_by("offset_months"))
    reports = {
        (report.checkpoint_id, report.user_id): report
        for report in FollowUpReport.objects.filter(checkpoint__cohort=cohort)
    }
    rows = []
    for enrolment in enrolments:
        plan = plans.get(enrolment.user_id)
        states = []
        for checkpoint in checkpoints:
            report = reports.get((checkpoint.pk, enrolment.user_id))
            state = (
                "withdrawn"
                if enrolment.status == Enrolment.Status.WITHDRAWN and report is None
                else checkpoint_state(checkpoint, plan, report, today)
            )
            states.append((checkpoint, report, state))
        rows.append((enrolment, plan, states))
    counts = dict(
        ActionPlan.objects.filter(cohort=cohort)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return Overview(cohort, counts, rows, checkpoints)
