"""Every write to plans and follow-up, with its rules.

Concurrent edits: a plan and a report carry a `revision`. Each save names the revision the
writer started from; if someone (or another device) saved in between, the save is refused
with `Conflict`, which carries what is stored now, and nothing is overwritten. Reviews lock
the row and name the version they read, so two reviewers at once cannot both decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans import answers, indicators
from actionplans import evidence as evidence_files
from actionplans.models import (
    DEFAULT_OFFSETS,
    ActionPlan,
    Checkpoint,
    CohortPlanSetup,
    Evidence,
    FollowUpReport,
    IndicatorValue,
    PlanTemplate,
    PlanVersion,
    Review,
)
from cohorts.models import Cohort, Enrolment


class PlanError(Exception):
    """A refusal with a message for the person, in their language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Conflict(PlanError):
    """Saved by someone else (or on another device) since the writer loaded it."""

    def __init__(self, current):
        super().__init__(
            _(
                "This was changed elsewhere since you opened it (on another device or by "
                "someone else). Nothing was overwritten: compare the two and save again."
            )
        )
        self.current = current


class Incomplete(PlanError):
    def __init__(self, found: dict):
        super().__init__(_("Some parts still need filling in before you can submit."))
        self.problems = found


@dataclass
class Outcome:
    """What a write did: `changed` is False for a resend that changed nothing."""

    obj: object
    changed: bool = True


def _on_commit_notice(kind, **kwargs):
    from django_q.tasks import async_task

    transaction.on_commit(
        lambda: async_task("actionplans.notices.review_notice", kind, **kwargs)
    )


# --- plans ------------------------------------------------------------------------------


def default_template() -> PlanTemplate | None:
    """The template a cohort without its own choice uses: the oldest one in the site's
    default language."""
    return (
        PlanTemplate.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("pk")
        .first()
        or PlanTemplate.objects.order_by("pk").first()
    )


def template_for(cohort: Cohort) -> PlanTemplate | None:
    setup = (
        CohortPlanSetup.objects.filter(cohort=cohort).select_related("template").first()
    )
    if setup and setup.template:
        return setup.template
    return default_template()


def plans_open(cohort: Cohort) -> bool:
    setup = CohortPlanSetup.objects.filter(cohort=cohort).first()
    return setup.plans_open if setup else True


def _enrolment(user, cohort) -> Enrolment | None:
    return Enrolment.objects.filter(user=user, cohort=cohort).first()


def start_plan(*, user, cohort: Cohort, language: str) -> ActionPlan:
    """The person's plan for the cohort, started (in `language`) if they have none. Only
    enrolled participants start plans."""
    plan = ActionPlan.objects.filter(user=user, cohort=cohort).first()
    if plan:
        return plan
    enrolment = _enrolment(user, cohort)
    if enrolment is None or enrolment.status != Enrolment.Status.ENROLLED:
        raise PlanError(
            _("Only participants enrolled in this cohort write a plan for it.")
        )
    if not plans_open(cohort):
        raise PlanError(_("Action plans for this cohort are not open yet."))
    template = template_for(cohort)
    if template is None:
        raise PlanError(
            _("There is no action-plan template yet. Please ask your trainer.")
        )
    template = template.in_language(language)
    try:
        with transaction.atomic():
            return ActionPlan.objects.create(
                user=user,
                cohort=cohort,
                template=template,
                language=template.locale.language_code,
                content=answers.clean(template, {}),
                updated_by=user,
            )
    except IntegrityError:  # started at the same moment from another tab
        return ActionPlan.objects.get(user=user, cohort=cohort)


def _check_writer(plan: ActionPlan, by) -> None:
    if by.pk != plan.user_id:
        raise PlanError(_("Only the participant writes their plan."))
    if not plans_open(plan.cohort):
        raise PlanError(_("Action plans for this cohort are closed for now."))
    enrolment = _enrolment(plan.user, plan.cohort)
    if enrolment is None or enrolment.status != Enrolment.Status.ENROLLED:
        raise PlanError(
            _(
                "You are no longer enrolled in this cohort, so the plan cannot be changed."
            )
        )


def save_draft(*, plan: ActionPlan, content: dict, revision: int, by) -> Outcome:
    """Save the draft if nobody saved since `revision`; a resend of the same text is a
    no-op. Raises `Conflict` (nothing written) or `PlanError`."""
    _check_writer(plan, by)
    with transaction.atomic():
        locked = ActionPlan.objects.select_for_update().get(pk=plan.pk)
        cleaned = answers.clean(locked.template, content)
        if not locked.editable:
            if locked.content == cleaned:
                return Outcome(locked, changed=False)
            raise PlanError(
                _(
                    "This plan has been submitted; it can be changed again if the reviewer asks for changes."
                )
            )
        if cleaned == locked.content:
            return Outcome(locked, changed=False)
        if revision != locked.revision:
            raise Conflict(locked)
        locked.content = cleaned
        locked.revision += 1
        locked.updated_at = timezone.now()
        locked.updated_by = by
        locked.save(update_fields=["content", "revision", "updated_at", "updated_by"])
    return Outcome(locked)


def submit_plan(
    *, plan: ActionPlan, revision: int, by, content: dict | None = None
) -> Outcome:
    """Freeze the plan as a new version and send it for review. Submitting twice (a double
    tap, a resend) makes one version."""
    _check_writer(plan, by)
    with transaction.atomic():
        locked = ActionPlan.objects.select_for_update().get(pk=plan.pk)
        cleaned = (
            answers.clean(locked.template, content)
            if content is not None
            else locked.content
        )
        latest = locked.versions.order_by("-number").first()
        if (
            locked.status == ActionPlan.Status.SUBMITTED
            and latest
            and latest.content == cleaned
        ):
            return Outcome(locked, changed=False)
        if not locked.editable:
            raise PlanError(_("This plan has already been submitted."))
        if cleaned != locked.content and revision != locked.revision:
            raise Conflict(locked)
        found = answers.problems(locked.template, cleaned)
        if found:
            if (
                cleaned != locked.content
            ):  # keep what was typed even though it can't go yet
                locked.content = cleaned
                locked.revision += 1
                locked.updated_at = timezone.now()
                locked.updated_by = by
                locked.save(
                    update_fields=["content", "revision", "updated_at", "updated_by"]
                )
        else:
            _freeze(locked, latest, cleaned, by)
    if found:  # raised outside the transaction, so the draft above is kept
        raise Incomplete(found)
    return Outcome(locked)


def _freeze(locked: ActionPlan, latest, cleaned: dict, by) -> None:
    now = timezone.now()
    PlanVersion.objects.create(
        plan=locked,
        number=(latest.number + 1) if latest else 1,
        content=cleaned,
        submitted_at=now,
        submitted_by=by,
    )
    locked.content = cleaned
    locked.status = ActionPlan.Status.SUBMITTED
    locked.submitted_at = now
    locked.revision += 1
    locked.updated_at = now
    locked.updated_by = by
    locked.save()


def _review_input(decision: str, comment: str, comments: dict | None):
    """A review's comment and its comments per section or action, trimmed; asking for
    changes needs at least one."""
    if decision not in Review.Decision.values:
        raise PlanError(_("Choose approve or ask for changes."))
    comments = {
        key: answers._text(value, 2000)
        for key, value in (comments or {}).items()
        if isinstance(value, str) and value.strip()
    }
    comment = answers._text(comment, 5000)
    if decision == Review.Decision.CHANGES and not (comment or comments):
        raise PlanError(_("Say what should change: write a comment."))
    return comment, comments


def review_plan(
    *,
    plan: ActionPlan,
    version_number: int,
    reviewer,
    decision: str,
    comment: str = "",
    section_comments: dict | None = None,
) -> Review:
    """Approve the submitted version, or ask for changes. `version_number` is the version
    the reviewer read: if the plan has moved on, or another reviewer decided first, the
    review is refused."""
    comment, section_comments = _review_input(decision, comment, section_comments)
    with transaction.atomic():
        locked = ActionPlan.objects.select_for_update().get(pk=plan.pk)
        latest = locked.versions.order_by("-number").first()
        if locked.status != ActionPlan.Status.SUBMITTED or latest is None:
            last = locked.reviews.select_related("reviewer").order_by("-pk").first()
            if last and latest and last.version_id == latest.pk:
                raise PlanError(
                    _("%(name)s reviewed this version already (%(decision)s).")
                    % {
                        "name": last.reviewer.full_name if last.reviewer else "?",
                        "decision": last.get_decision_display(),
                    }
                )
            raise PlanError(_("This plan is not waiting for a review."))
        if latest.number != version_number:
            raise PlanError(
                _(
                    "The participant submitted a newer version (%(n)s); please read it first."
                )
                % {"n": latest.number}
            )
        review = Review.objects.create(
            plan=locked,
            version=latest,
            reviewer=reviewer,
            decision=decision,
            comment=comment,
            section_comments=section_comments,
        )
        now = timezone.now()
        if decision == Review.Decision.APPROVE:
            locked.status = ActionPlan.Status.APPROVED
            locked.approved_at = now
        else:
            locked.status = ActionPlan.Status.CHANGES_REQUESTED
        locked.revision += 1
        locked.save(update_fields=["status", "approved_at", "revision"])
    _on_commit_notice("plan", review_pk=review.pk)
    return review


# --- checkpoints ------------------------------------------------------------------------


def sync_checkpoints(cohort: Cohort) -> list[Checkpoint]:
    """Give a cohort its default checkpoints if it has none, and move every checkpoint's
    due date with the cohort's end date."""
    checkpoints = list(cohort.checkpoints.all())
    if not checkpoints:
        for months in DEFAULT_OFFSETS:
            Checkpoint.objects.get_or_create(
                cohort=cohort,
                offset_months=months,
                defaults={"due_on": Checkpoint.due_for(cohort.ends_on, months)},
            )
        return list(cohort.checkpoints.all())
    for checkpoint in checkpoints:
        due = Checkpoint.due_for(cohort.ends_on, checkpoint.offset_months)
        if checkpoint.due_on != due:
            checkpoint.due_on = due
            checkpoint.save(update_fields=["due_on"])
    return checkpoints


def set_offsets(*, cohort: Cohort, offsets: list[int]) -> list[Checkpoint]:
    """Replace a cohort's checkpoints with these offsets (months after the end). A
    checkpoint with reports cannot be removed."""
    offsets = sorted(set(offsets))
    if not offsets:
        raise PlanError(_("Keep at least one follow-up checkpoint."))
    if any(months < 0 or months > 60 for months in offsets):
        raise PlanError(_("Checkpoints must be between 0 and 60 months after the end."))
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=cohort.pk)
        dropped = cohort.checkpoints.exclude(offset_months__in=offsets)
        kept_back = [c for c in dropped if c.reports.exists()]
        if kept_back:
            raise PlanError(
                _(
                    "The %(months)s-month checkpoint already has reports; it cannot be removed."
                )
                % {"months": kept_back[0].offset_months}
            )
        try:
            dropped.delete()  # a report started meanwhile protects its checkpoint
        except RestrictedError:
            raise PlanError(
                _("A checkpoint you removed has reports now; it cannot be removed.")
            ) from None
        for months in offsets:
            Checkpoint.objects.update_or_create(
                cohort=cohort,
                offset_months=months,
                defaults={"due_on": Checkpoint.due_for(cohort.ends_on, months)},
            )
    return list(cohort.checkpoints.all())


def report_opens(checkpoint: Checkpoint):
    return checkpoint.due_on - settings.FOLLOW_UP_OPENS_BEFORE


def owes(user, checkpoint: Checkpoint) -> str | None:
    """Why `user` cannot report at this checkpoint (a message), or None if they owe it."""
    enrolment = _enrolment(user, checkpoint.cohort)
    if enrolment is None or enrolment.status != Enrolment.Status.ENROLLED:
        if enrolment is not None and enrolment.status == Enrolment.Status.WITHDRAWN:
            return _(
                "This participant withdrew from the cohort, so no follow-up is due."
            )
        return _("Only participants enrolled in the cohort report on it.")
    plan = ActionPlan.objects.filter(user=user, cohort=checkpoint.cohort).first()
    if plan is None or plan.status != ActionPlan.Status.APPROVED:
        return _("Follow-up reports start once the action plan is approved.")
    return None


def start_report(*, user, checkpoint: Checkpoint, today=None) -> FollowUpReport:
    today = today or timezone.localdate()
    existing = FollowUpReport.objects.filter(user=user, checkpoint=checkpoint).first()
    if existing:
        return existing
    reason = owes(user, checkpoint)
    if reason:
        raise PlanError(reason)
    if today < report_opens(checkpoint):
        raise PlanError(
            _("This follow-up opens on %(date)s.")
            % {"date": report_opens(checkpoint).isoformat()}
        )
    plan = ActionPlan.objects.get(user=user, cohort=checkpoint.cohort)
    try:
        with transaction.atomic():
            return FollowUpReport.objects.create(
                user=user, checkpoint=checkpoint, plan=plan
            )
    except IntegrityError:
        return FollowUpReport.objects.get(user=user, checkpoint=checkpoint)


@dataclass
class ReportInput:
    items: dict
    helped: str
    blocked: str
    story: str
    values: dict  # indicator pk -> IndicatorValue fields


def read_report_form(report: FollowUpReport, data) -> tuple[ReportInput, dict]:
    """The report's fields from a form; errors by field name (the input is still kept)."""
    errors: dict[str, str] = {}
    items = {}
    for item in report.plan.action_items():
        prefix = f"i-{item['id']}"
        status = data.get(f"{prefix}-status", "")
        if status and status not in FollowUpReport.ItemStatus.values:
            status = ""
        raw = (data.get(f"{prefix}-percent", "") or "").strip().rstrip("%")
        percent = None
        if raw:
            try:
                percent = int(raw)
                if not 0 <= percent <= 100:
                    raise ValueError
            except ValueError:
                errors[f"{prefix}-percent"] = _("Enter a whole number from 0 to 100.")
                percent = None
        items[item["id"]] = {
            "status": status,
            "percent": percent,
            "note": answers._text(data.get(f"{prefix}-note", ""), 1000),
        }
    values = {}
    for indicator in indicators.for_programme(report.checkpoint.cohort.programme):
        prefix = f"k-{indicator.pk}"
        try:
            values[indicator.pk] = indicators.read(indicator, data, prefix)
        except indicators.AnswerError as error:
            errors[prefix] = error.message
    return (
        ReportInput(
            items=items,
            helped=answers._text(data.get("helped", "")),
            blocked=answers._text(data.get("blocked", "")),
            story=answers._text(data.get("story", "")),
            values=values,
        ),
        errors,
    )


def sent_as_given(report: FollowUpReport, given: ReportInput) -> bool:
    """Whether a report was sent with exactly these answers (a resend of what went)."""
    return report.status == FollowUpReport.Status.SUBMITTED and _same(report, given)


def _current_values(report) -> dict:
    return {value.indicator_id: value.as_dict() for value in report.values.all()}


def _same(report: FollowUpReport, given: ReportInput) -> bool:
    current = _current_values(report)
    wanted = {
        pk: fields
        for pk, fields in given.values.items()
        if not indicators.is_empty(fields)
    }
    normal = current
    return (
        report.items == given.items
        and report.helped == given.helped
        and report.blocked == given.blocked
        and report.story == given.story
        and all(
            {k: normal.get(pk, {}).get(k) for k in fields} == fields
            for pk, fields in wanted.items()
        )
        and set(normal) == set(wanted)
    )


def _write_report(report: FollowUpReport, given: ReportInput, by) -> None:
    report.items = given.items
    report.helped = given.helped
    report.blocked = given.blocked
    report.story = given.story
    report.revision += 1
    report.updated_at = timezone.now()
    report.save()
    for indicator_pk, fields in given.values.items():
        if indicators.is_empty(fields):
            IndicatorValue.objects.filter(
                report=report, indicator_id=indicator_pk
            ).delete()
        else:
            IndicatorValue.objects.update_or_create(
                report=report, indicator_id=indicator_pk, defaults=fields
            )


def _check_reporter(report: FollowUpReport, by) -> None:
    if by.pk != report.user_id:
        raise PlanError(_("Only the participant writes their own report."))
    reason = owes(report.user, report.checkpoint)
    if reason:
        raise PlanError(reason)


def save_report(
    *, report: FollowUpReport, given: ReportInput, revision: int, by
) -> Outcome:
    _check_reporter(report, by)
    with transaction.atomic():
        locked = FollowUpReport.objects.select_for_update().get(pk=report.pk)
        if _same(locked, given):
            return Outcome(locked, changed=False)
        if not locked.editable:
            raise PlanError(
                _("This report has been submitted and can no longer be changed.")
            )
        if revision != locked.revision:
            raise Conflict(locked)
        _write_report(locked, given, by)
    return Outcome(locked)


def submit_report(
    *, report: FollowUpReport, given: ReportInput | None, revision: int, by
) -> Outcome:
    _check_reporter(report, by)
    with transaction.atomic():
        locked = FollowUpReport.objects.select_for_update().get(pk=report.pk)
        same = given is None or _same(locked, given)
        if locked.status == FollowUpReport.Status.SUBMITTED and same:
            return Outcome(locked, changed=False)  # a second tap, a resend
        if not locked.editable:
            raise PlanError(_("This report has already been submitted."))
        if not same:
            if revision != locked.revision:
                raise Conflict(locked)
            _write_report(locked, given, by)
        missing = [
            item
            for item in locked.plan.action_items()
            if not (locked.items.get(item["id"]) or {}).get("status")
        ]
        if not missing:
            locked.status = FollowUpReport.Status.SUBMITTED
            locked.submitted_at = timezone.now()
            locked.revision += 1
            locked.save(update_fields=["status", "submitted_at", "revision"])
    if missing:  # raised outside the transaction, so what was written above is kept
        raise Incomplete(
            {item["id"]: [_("Say how far this action got.")] for item in missing}
        )
    return Outcome(locked)


def record_on_behalf(
    *,
    checkpoint: Checkpoint,
    user,
    given: ReportInput,
    method: str,
    by,
    revision: int | None = None,
) -> FollowUpReport:
    """An officer records a participant's report from a phone interview or a meeting; it
    counts as submitted and says who recorded it and how."""
    if method not in (FollowUpReport.Method.PHONE, FollowUpReport.Method.MEETING):
        raise PlanError(_("Say how the report was collected."))
    reason = owes(user, checkpoint)
    if reason:
        raise PlanError(reason)
    plan = ActionPlan.objects.get(user=user, cohort=checkpoint.cohort)
    with transaction.atomic():
        report, _created = FollowUpReport.objects.get_or_create(
            user=user, checkpoint=checkpoint, defaults={"plan": plan}
        )
        report = FollowUpReport.objects.select_for_update().get(pk=report.pk)
        if report.status in (
            FollowUpReport.Status.SUBMITTED,
            FollowUpReport.Status.ACCEPTED,
        ):
            raise PlanError(
                _("%(name)s's report for this checkpoint was submitted already.")
                % {"name": user.full_name}
            )
        if revision is not None and revision != report.revision:
            raise Conflict(report)
        _write_report(report, given, by)
        report.method = method
        report.recorded_by = by
        report.status = FollowUpReport.Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.save(update_fields=["method", "recorded_by", "status", "submitted_at"])
    return report


def review_report(
    *,
    report: FollowUpReport,
    revision: int,
    reviewer,
    decision: str,
    comment: str = "",
    item_comments: dict | None = None,
) -> Review:
    comment, item_comments = _review_input(decision, comment, item_comments)
    with transaction.atomic():
        locked = FollowUpReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != FollowUpReport.Status.SUBMITTED:
            last = locked.reviews.select_related("reviewer").order_by("-pk").first()
            if last:
                raise PlanError(
                    _("%(name)s reviewed this report already (%(decision)s).")
                    % {
                        "name": last.reviewer.full_name if last.reviewer else "?",
                        "decision": last.get_decision_display(),
                    }
                )
            raise PlanError(_("This report is not waiting for a review."))
        if revision != locked.revision:
            raise PlanError(
                _("The report changed while you were reading it; please read it again.")
            )
        review = Review.objects.create(
            report=locked,
            reviewer=reviewer,
            decision=decision,
            comment=comment,
            section_comments=item_comments,
        )
        locked.status = (
            FollowUpReport.Status.ACCEPTED
            if decision == Review.Decision.APPROVE
            else FollowUpReport.Status.CHANGES_REQUESTED
        )
        locked.revision += 1
        locked.save(update_fields=["status", "revision"])
    _on_commit_notice("report", review_pk=review.pk)
    return review


# --- evidence ---------------------------------------------------------------------------


def may_add_evidence(report: FollowUpReport, user) -> bool:
    """The participant, while the report is being written; the officer who recorded it
    from a call or visit. Never anyone else (a trainer reads evidence, never changes it)."""
    if user.pk == report.user_id:
        return report.editable
    return report.on_behalf and user.pk == report.recorded_by_id


def add_evidence(
    *, report: FollowUpReport, upload, by, caption: str = "", key=None
) -> Outcome:
    """Check a photo or document and keep it with the report. Photos lose their location
    data and are scaled to phone size. A resend with the same key is kept once."""
    try:
        checked = evidence_files.check(upload)  # before anything is locked or stored
    except evidence_files.EvidenceError as error:
        raise PlanError(error.message) from None
    stored = None
    try:
        with transaction.atomic():
            locked = FollowUpReport.objects.select_for_update().get(pk=report.pk)
            if not may_add_evidence(locked, by):
                raise PlanError(
                    _("Evidence can be added only while the report is being written.")
                    if by.pk == locked.user_id
                    else _(
                        "Only the participant or the officer recording it adds evidence."
                    )
                )
            if key and locked.evidence.filter(key=key).exists():
                return Outcome(locked.evidence.get(key=key), changed=False)
            if locked.evidence.count() >= settings.EVIDENCE_MAX_FILES:
                raise PlanError(
                    _("A report holds at most %(count)s files; remove one first.")
                    % {"count": settings.EVIDENCE_MAX_FILES}
                )
            item = Evidence(
                report=locked,
                original_name=checked.name,
                content_type=checked.content_type,
                size=len(checked.data),
                caption=answers._text(caption, 200),
                uploaded_by=by,
                key=key,
            )
            item.file.save(checked.name, checked.content(), save=False)
            stored = item.file.name
            item.save()
    except IntegrityError:  # the same key from a parallel resend: keep one
        if stored:
            Evidence.file.field.storage.delete(stored)
        return Outcome(report.evidence.get(key=key), changed=False)
    except PlanError:
        if stored:
            Evidence.file.field.storage.delete(stored)
        raise
    return Outcome(item)


def remove_evidence(*, item: Evidence, by) -> None:
    """The participant removes a file while writing; the recording officer from a report
    they recorded. The file goes once the row is gone."""
    report = item.report
    if not may_add_evidence(report, by):
        raise PlanError(
            _("This report has been submitted and can no longer be changed.")
            if by.pk == report.user_id
            else _("Only the participant removes their evidence.")
        )
    name = item.file.name
    storage = item.file.storage
    with transaction.atomic():
        item.delete()
        transaction.on_commit(lambda: storage.delete(name))
