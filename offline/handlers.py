"""How each kind of queued item is applied: through the owning app's own services, with the
form fields the online page would have posted, so offline work obeys the same rules (a lesson
done once, a quiz graded on the server, a report's revision checked)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from offline.models import SyncItem

State = SyncItem.State


@dataclass
class Result:
    state: str
    message: str = ""
    url: str = ""
    conflict: bool = False  # changed elsewhere: show both versions
    # The plan's or report's revision after this item: the phone moves its other items
    # written on the same page to it, so two saves from one page do not conflict.
    revision: int | None = None


class Refused(Exception):
    """The item cannot be applied at all (the lesson is gone, the report no longer owed)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _lesson(target):
    from courses.models import LessonPage

    lesson = (
        LessonPage.objects.live().filter(pk=target).first() if is_id(target) else None
    )
    if lesson is None:
        raise Refused(_("This lesson is no longer available."))
    return lesson


def lesson_read(user, sent) -> Result:
    """A saved lesson opened offline: counts as opening it (and completes a lesson whose
    rule is "viewed"). Staff reading lessons are not counted, as online."""
    from courses import services

    lesson = _lesson(sent.target)
    if not user.is_staff:
        services.lesson_view(user=user, lesson=lesson)
    return Result(State.APPLIED, url=lesson.get_url())


def lesson_done(user, sent) -> Result:
    from courses import services

    lesson = _lesson(sent.target)
    try:
        services.lesson_mark_done(user=user, lesson=lesson)
    except services.CompletionNotAllowed:
        raise Refused(_("This lesson is done when you pass its activity.")) from None
    return Result(State.APPLIED, _("Lesson marked as done."), lesson.get_url())


def quiz(user, sent) -> Result:
    """A deferred quiz: the answers typed offline are saved and graded now, on the server
    (the phone never had the right answers)."""
    from assessments import services
    from assessments.models import Attempt
    from assessments.views import read_form

    attempt = None
    try:
        attempt = Attempt.objects.filter(
            pk=uuid.UUID(str(sent.target)), user=user
        ).first()
    except ValueError:
        pass
    if attempt is None:
        raise Refused(_("This quiz attempt is not yours or no longer exists."))
    result_url = reverse("assessments:result", args=[attempt.pk])
    items = list(attempt.items.all())
    if not attempt.is_open:
        if _same_answers(items, read_form(sent.fields, items)):
            # These very answers were graded already (the answer was lost on the way).
            return Result(State.APPLIED, _("Your answers were graded."), result_url)
        raise Refused(_("This attempt is already finished."))
    try:
        saved = services.attempt_answer(
            attempt=attempt, answers=read_form(sent.fields, items)
        )
    except services.QuizError as error:
        raise Refused(str(error)) from None
    attempt = services.attempt_submit(attempt=attempt)
    message = _("Your answers were graded: %(percent)s %%.") % {
        "percent": f"{attempt.percent:g}"
    }
    if saved.errors:
        message += " " + _("Some answers could not be read and count as unanswered.")
    return Result(State.APPLIED, message, result_url)


def _same_answers(items, answers) -> bool:
    from assessments import questions

    by_position = {item.position: item for item in items}
    try:
        return bool(answers) and all(
            questions.read_answer(by_position[position].display, raw)
            == by_position[position].answer
            for position, raw in answers.items()
        )
    except (questions.InvalidAnswer, KeyError):
        return False


def plan(user, sent) -> Result:
    """An action plan submitted (or saved) offline, with the revision the phone started
    from: changed elsewhere meanwhile, the participant compares and decides."""
    from actionplans import services
    from actionplans.models import ActionPlan
    from actionplans.views import form_content
    from cohorts.models import Cohort, Enrolment

    cohort = (
        Cohort.objects.filter(pk=sent.target).first() if is_id(sent.target) else None
    )
    if (
        cohort is None
        or not Enrolment.objects.filter(user=user, cohort=cohort).exists()
    ):
        raise Refused(_("This action plan is not yours to write."))
    try:
        found = ActionPlan.objects.filter(user=user, cohort=cohort).select_related(
            "template"
        ).first() or services.start_plan(
            user=user, cohort=cohort, language=translation.get_language()
        )
    except services.PlanError as error:
        raise Refused(error.message) from None
    content = form_content(found, sent.fields)
    revision = _number(sent.fields.get("revision"))
    edit_url = reverse("actionplans:edit", args=[cohort.pk])
    try:
        if sent.fields.get("action") == "submit":
            services.submit_plan(
                plan=found, revision=revision, by=user, content=content
            )
            return Result(
                State.APPLIED,
                _("Your plan was submitted. Your trainer will review it."),
                reverse("actionplans:plan", args=[found.pk]),
            )
        saved = services.save_draft(
            plan=found, content=content, revision=revision, by=user
        )
    except services.Conflict as conflict:
        return Result(State.ATTENTION, conflict.message, edit_url, conflict=True)
    except services.Incomplete as incomplete:
        return Result(State.ATTENTION, incomplete.message, edit_url)
    except services.PlanError as error:
        raise Refused(error.message) from None
    return Result(
        State.APPLIED, _("Your draft was saved."), edit_url, revision=saved.obj.revision
    )


def _number(raw) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return 0


def report(user, sent) -> Result:
    """A follow-up report written offline, applied as the online form would be: files
    ticked "Remove" go, new photos are checked and kept (each once, keyed from the form's
    own key, so a resend after a lost answer adds nothing), then the text is saved or sent
    with the revision the phone started from. Changed elsewhere meanwhile — on another
    phone, or sent by an officer from a call — nothing is overwritten: the participant
    compares and decides, and photos that could not join the report are kept for them."""
    from actionplans import services
    from actionplans.models import Checkpoint, FollowUpReport
    from actionplans.views import evidence_key
    from cohorts.models import Enrolment

    checkpoint = (
        Checkpoint.objects.select_related("cohort", "cohort__programme")
        .filter(pk=sent.target)
        .first()
        if is_id(sent.target)
        else None
    )
    if (
        checkpoint is None
        or not Enrolment.objects.filter(user=user, cohort=checkpoint.cohort).exists()
    ):
        raise Refused(_("This follow-up report is not yours to write."))
    try:
        report = FollowUpReport.objects.filter(
            user=user, checkpoint=checkpoint
        ).first() or services.start_report(user=user, checkpoint=checkpoint)
    except services.PlanError as error:
        raise Refused(error.message) from None
    uploads = sent.files.getlist("evidence")
    given, errors = services.read_report_form(report, sent.fields)
    detail_url = reverse("actionplans:report_detail", args=[report.pk])
    if not errors and services.sent_as_given(report, given):
        # This very report went already (its answer was lost on the way, say).
        return Result(State.APPLIED, _("Your report was already sent."), detail_url)
    if not report.editable:
        problems = _keep_files(sent.item, uploads)
        return Result(
            State.ATTENTION,
            " ".join(
                [
                    _(
                        "This report was sent meanwhile (perhaps recorded by an officer "
                        "from a call), so what you wrote on the phone did not replace "
                        "it. It is kept here: compare it with the report."
                    ),
                    *problems,
                ]
            ),
            detail_url,
            conflict=True,
        )
    form_url = reverse("actionplans:report", args=[checkpoint.pk])
    problems = []
    ticked = [v for v in sent.fields.getlist("remove-evidence") if is_id(v)]
    for item in report.evidence.filter(pk__in=ticked):
        try:
            services.remove_evidence(item=item, by=user)
        except services.PlanError as error:
            problems.append(error.message)
    form_key = _uuid(sent.fields.get("evidence_key")) or sent.key
    for number, upload in enumerate(uploads):
        try:
            services.add_evidence(
                report=report,
                upload=upload,
                by=user,
                caption=sent.fields.get("caption", ""),
                key=evidence_key(form_key, number, upload),
            )
        except services.PlanError as error:
            problems.append(f"{upload.name}: {error.message}")
    if errors:
        return Result(State.ATTENTION, _("Please correct the marked fields."), form_url)
    revision = _number(sent.fields.get("revision"))
    try:
        if sent.fields.get("action") == "submit" and not problems:
            services.submit_report(
                report=report, given=given, revision=revision, by=user
            )
            done = _("Thank you: your follow-up report was sent.")
        else:
            services.save_report(report=report, given=given, revision=revision, by=user)
            done = (
                _("Your report was saved but not sent: check the files above.")
                if problems
                else _("Your draft report was saved.")
            )
    except services.Conflict as conflict:
        return Result(State.ATTENTION, conflict.message, form_url, conflict=True)
    except services.Incomplete as incomplete:
        return Result(State.ATTENTION, incomplete.message, form_url)
    except services.PlanError as error:
        raise Refused(error.message) from None
    report.refresh_from_db(fields=["revision"])
    if problems:
        return Result(
            State.ATTENTION,
            " ".join([done, *problems]),
            form_url,
            revision=report.revision,
        )
    return Result(State.APPLIED, done, detail_url, revision=report.revision)


def _keep_files(item, uploads) -> list[str]:
    """Keep photos that could not join their report, after the evidence checks; say why
    for any that fail them."""
    from actionplans import evidence
    from offline.models import KeptFile

    problems = []
    for upload in uploads:
        try:
            checked = evidence.check(upload)
        except evidence.EvidenceError as error:
            problems.append(f"{upload.name}: {error.message}")
            continue
        kept = KeptFile(
            item=item,
            original_name=checked.name,
            content_type=checked.content_type,
            size=len(checked.data),
        )
        kept.file.save(checked.name, checked.content(), save=False)
        kept.save()
    return problems


def is_id(raw) -> bool:
    """A database id as a phone may send it: digits, and not absurdly many."""
    return isinstance(raw, str) and raw.isdecimal() and len(raw) <= 12


def _uuid(raw):
    try:
        return uuid.UUID(str(raw))
    except (TypeError, ValueError):
        return None


HANDLERS = {
    SyncItem.Kind.LESSON_READ: lesson_read,
    SyncItem.Kind.LESSON_DONE: lesson_done,
    SyncItem.Kind.QUIZ: quiz,
    SyncItem.Kind.PLAN: plan,
    SyncItem.Kind.REPORT: report,
}
