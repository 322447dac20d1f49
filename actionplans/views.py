"""The pages of action plans and follow-up.

Participants: My action plans, writing a plan (saved as they type when JavaScript runs,
kept on the phone while offline; plain form posts otherwise), reading it and its versions
and reviews, the PDF, and the follow-up report with evidence. Trainers and officers: the
review queue, reviewing, a cohort's overview with its checkpoints, recording a report from a
phone call or a visit, and the CSV/XLSX of the overview.

Every page checks who is asking: a participant reaches only their own plans and reports; a
trainer or officer those of the cohorts they work on (others get 404).
"""

from __future__ import annotations

import hashlib
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from actionplans import answers, indicators, pdf, selectors, services
from actionplans.forms import SetupForm
from actionplans.models import (
    ActionPlan,
    Checkpoint,
    Evidence,
    FollowUpReport,
    Review,
)
from cohorts import selectors as cohort_selectors
from cohorts.models import Cohort, Enrolment
from lms.exports import table_response
from lms.storage import private_file_response

# --- helpers ----------------------------------------------------------------------------


def _revision(request) -> int:
    return _revision_of(request.POST)


def _visible_plan(request, plan_id) -> ActionPlan:
    if not selectors.visible_plans(request.user).filter(pk=plan_id).exists():
        raise Http404
    return selectors.plan_detail(plan_id)


def _reviews_by_section(reviews) -> dict:
    by_section: dict[str, list] = {}
    for review in reviews:
        for section_id, text in (review.section_comments or {}).items():
            by_section.setdefault(section_id, []).append((review, text))
    return by_section


def _wants_json(request) -> bool:
    return request.headers.get("X-Autosave") == "1"


def _saved_label(when) -> str:
    return _("Saved %(time)s") % {
        "time": formats.time_format(timezone.localtime(when), "TIME_FORMAT")
    }


# --- participants: plans ----------------------------------------------------------------


@login_required
@require_safe
def index(request):
    rows = selectors.my_plans(request.user)
    today = timezone.localdate()
    for row in rows:
        row.states = [
            (
                checkpoint,
                report,
                selectors.checkpoint_state(checkpoint, row.plan, report, today),
                services.report_opens(checkpoint) <= today,
            )
            for checkpoint, report in row.checkpoints
        ]
    queue = None
    if request.user.is_staff:
        plans, reports = selectors.review_queue(request.user)
        queue = plans.count() + reports.count()
    return render(
        request,
        "actionplans/index.html",
        {"rows": rows, "queue": queue, "today": today},
    )


def _edit_context(request, plan, *, content=None, errors=None, conflict=None):
    template = plan.template
    content = plan.content if content is None else content
    reviews = list(plan.reviews.select_related("reviewer").order_by("pk"))
    last = reviews[-1] if reviews else None
    comments = (
        _reviews_by_section([last])
        if last and plan.status == ActionPlan.Status.CHANGES_REQUESTED
        else {}
    )
    return {
        "plan": plan,
        "template": template,
        "sections": answers.layout(template, content, comments=comments, errors=errors),
        "item_fields": answers.ITEM_FIELDS,
        "last_review": last
        if plan.status == ActionPlan.Status.CHANGES_REQUESTED
        else None,
        "conflict": conflict,
        "conflict_sections": (
            answers.layout(template, conflict.content) if conflict is not None else None
        ),
        "limit": answers.TEXT_LIMIT,
    }


def _add_row(content, template, section_id):
    for section in template.sections:
        if section.id == section_id and section.block_type == "action_items":
            items = content.setdefault(section_id, {"items": []})["items"]
            if len(items) < answers.MAX_ITEMS:
                items.append(
                    {
                        "id": answers.new_item_id(),
                        **{n: "" for n, _l in answers.ITEM_FIELDS},
                    }
                )
    return content


def form_content(plan, data):
    """What the form holds, with rows ticked "remove" left out (blank rows drop anyway)."""
    data = data.copy()
    for section in plan.template.sections:
        if section.block_type != "action_items":
            continue
        prefix = f"s-{section.id}"
        try:
            rows = int(data.get(f"{prefix}-rows", 0))
        except (TypeError, ValueError):
            rows = 0
        for n in range(max(0, min(rows, answers.MAX_ITEMS))):
            if data.get(f"{prefix}-{n}-remove"):
                for name, _label in answers.ITEM_FIELDS:
                    data[f"{prefix}-{n}-{name}"] = ""
    return answers.read_form(plan.template, data)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    plan = (
        ActionPlan.objects.filter(user=request.user, cohort=cohort)
        .select_related("template")
        .first()
    )
    if plan is None:
        if request.method == "POST" and _wants_json(request):
            return JsonResponse({"message": _("Reload the page.")}, status=409)
        try:
            plan = services.start_plan(
                user=request.user, cohort=cohort, language=translation.get_language()
            )
        except services.PlanError as error:
            enrolled = Enrolment.objects.filter(
                user=request.user, cohort=cohort
            ).exists()
            if not enrolled:
                raise Http404 from None
            messages.error(request, error.message)
            return HttpResponseRedirect(reverse("actionplans:index"))
    if request.method == "GET":
        if not plan.editable:
            return HttpResponseRedirect(reverse("actionplans:plan", args=[plan.pk]))
        return render(request, "actionplans/edit.html", _edit_context(request, plan))

    action = request.POST.get("action", "save")
    content = form_content(plan, request.POST)
    revision = _revision(request)
    try:
        if action == "submit":
            outcome = services.submit_plan(
                plan=plan, revision=revision, by=request.user, content=content
            )
            if outcome.changed:
                messages.success(
                    request, _("Your plan was submitted. Your trainer will review it.")
                )
            else:
                messages.info(request, _("Your plan was already submitted."))
            return HttpResponseRedirect(reverse("actionplans:plan", args=[plan.pk]))
        outcome = services.save_draft(
            plan=plan, content=content, revision=revision, by=request.user
        )
    except services.Conflict as conflict:
        if _wants_json(request):
            return JsonResponse(
                {"message": conflict.message, "revision": conflict.current.revision},
                status=409,
            )
        context = _edit_context(
            request, plan, content=content, conflict=conflict.current
        )
        context[
            "plan"
        ].revision = conflict.current.revision  # saving again keeps your text
        messages.warning(request, conflict.message)
        return render(request, "actionplans/edit.html", context, status=409)
    except services.Incomplete as incomplete:
        plan.refresh_from_db()
        messages.error(request, incomplete.message)
        return render(
            request,
            "actionplans/edit.html",
            _edit_context(request, plan, content=content, errors=incomplete.problems),
            status=400,
        )
    except services.PlanError as error:
        if _wants_json(request):
            return JsonResponse({"message": error.message}, status=409)
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("actionplans:plan", args=[plan.pk]))
    plan = outcome.obj
    if _wants_json(request):
        return JsonResponse(
            {"revision": plan.revision, "saved": _saved_label(plan.updated_at)}
        )
    if action.startswith("add:"):
        content = _add_row(plan.content, plan.template, action[4:])
        return render(
            request,
            "actionplans/edit.html",
            _edit_context(request, plan, content=content),
        )
    messages.success(request, _saved_label(plan.updated_at))
    return HttpResponseRedirect(reverse("actionplans:edit", args=[cohort.pk]))


def _shown_version(request, plan, versions):
    """The version to show: `?v=N`; else the latest submitted one, except that the
    participant sees their own draft while writing. Nobody else ever sees a draft."""
    number = request.GET.get("v")
    if number:
        version = next((v for v in versions if str(v.number) == number), None)
        if version is None:
            raise Http404
        return version
    owner = request.user.pk == plan.user_id
    if versions and not (owner and plan.editable):
        return versions[-1]
    return None  # the owner's draft, or (for others) nothing submitted yet


@login_required
@require_safe
def plan_detail(request, plan_id: int):
    plan = _visible_plan(request, plan_id)
    versions = list(plan.versions.all())
    version = _shown_version(request, plan, versions)
    owner = request.user.pk == plan.user_id
    if version is None and not owner:
        content = {}  # a draft is the participant's own until they submit it
    else:
        content = version.content if version else plan.content
    previous = None
    if version:
        earlier = [v for v in versions if v.number == version.number - 1]
        previous = earlier[0].content if earlier else None
    reviews = list(plan.reviews.all())
    shown_reviews = [r for r in reviews if version and r.version_id == version.pk]
    template = plan.template
    can_review = (
        plan.status == ActionPlan.Status.SUBMITTED
        and version is not None
        and version.number == versions[-1].number
        and selectors.can_review(request.user, plan.cohort)
        and request.user.pk != plan.user_id
    )
    return render(
        request,
        "actionplans/plan.html",
        {
            "plan": plan,
            "template": template,
            "version": version,
            "versions": versions,
            "sections": answers.layout(
                template,
                content,
                previous=previous,
                comments=_reviews_by_section(shown_reviews),
            ),
            "reviews": reviews,
            "can_review": can_review,
            "is_owner": request.user.pk == plan.user_id,
            "decisions": Review.Decision.choices,
        },
    )


@login_required
@require_POST
def review(request, plan_id: int):
    plan = _visible_plan(request, plan_id)
    if (
        not selectors.can_review(request.user, plan.cohort)
        or request.user.pk == plan.user_id
    ):
        raise PermissionDenied
    try:
        version = int(request.POST.get("version", 0))
    except ValueError:
        version = 0
    section_comments = {
        section.id: request.POST.get(f"c-{section.id}", "")
        for section in plan.template.sections
    }
    try:
        services.review_plan(
            plan=plan,
            version_number=version,
            reviewer=request.user,
            decision=request.POST.get("decision", ""),
            comment=request.POST.get("comment", ""),
            section_comments=section_comments,
        )
    except services.PlanError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("actionplans:plan", args=[plan.pk]))
    messages.success(
        request,
        _("Review saved; %(name)s will be told.") % {"name": plan.user.full_name},
    )
    return HttpResponseRedirect(reverse("actionplans:queue"))


@login_required
@require_safe
def plan_pdf(request, plan_id: int):
    plan = _visible_plan(request, plan_id)
    version = _shown_version(request, plan, list(plan.versions.all()))
    if version is None and request.user.pk != plan.user_id:
        raise Http404  # a draft is the participant's own until they submit it
    data = pdf.render_plan(plan, version)  # labels in the reader's language
    response = HttpResponse(data, content_type="application/pdf")
    name = f"action-plan-{plan.pk}" + (f"-v{version.number}" if version else "-draft")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


# --- follow-up ----------------------------------------------------------------------------


def _plain(number) -> str:
    if number is None:
        return ""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _report_context(
    report, *, given=None, errors=None, conflict=None, for_officer=False, data=None
):
    """The report form's rows. `data`: what was posted, shown back as typed (a number that
    could not be read stays in its box, beside its error)."""
    plan = report.plan
    items = plan.action_items()
    stored = report.items or {}
    saved = report.pk is not None  # an officer's form for a report not recorded yet
    values = (
        {
            value.indicator_id: value
            for value in report.values.select_related("indicator")
        }
        if saved
        else {}
    )
    rows = []
    for item in items:
        state = (given.items if given else stored).get(item["id"]) or {}
        errors = errors or {}
        rows.append(
            {
                "item": item,
                "state": state,
                "typed": data.get(f"i-{item['id']}-percent")
                if data is not None
                else None,
                "error": errors.get(f"i-{item['id']}-percent")
                or errors.get(f"i-{item['id']}-status"),
            }
        )
    kpis = []
    for indicator in indicators.for_programme(report.checkpoint.cohort.programme):
        if given is not None:
            current = given.values.get(indicator.pk, {})
        else:
            value = values.get(indicator.pk)
            current = value.as_dict() if value else {}
        prefix = f"k-{indicator.pk}"
        if data is not None:
            entries = [
                data.get(prefix + suffix, "") for suffix in ("", "-women", "-youth")
            ]
        else:
            entries = [
                _plain(current.get("number")),
                "" if current.get("women") is None else str(current["women"]),
                "" if current.get("youth") is None else str(current["youth"]),
            ]
        kpis.append(
            {
                "indicator": indicator,
                "prefix": prefix,
                "entry": entries[0],
                "women": entries[1],
                "youth": entries[2],
                "label": indicator.label(),
                "help": indicators.standard_help(indicator.code)
                if indicator.programme_id is None
                else indicator.help_text,
                "value": current,
                "options": [
                    (option, indicators.option_label(option))
                    for option in indicator.choices
                ],
                "error": (errors or {}).get(f"k-{indicator.pk}"),
            }
        )
    reviews = (
        list(report.reviews.select_related("reviewer").order_by("pk")) if saved else []
    )
    return {
        "report": report,
        "checkpoint": report.checkpoint,
        "plan": plan,
        "rows": rows,
        "kpis": kpis,
        "statuses": FollowUpReport.ItemStatus.choices,
        "text": given or report,
        "evidence": list(report.evidence.all()) if saved else [],
        "reviews": reviews,
        "conflict": conflict,
        "conflict_rows": [
            (item, (conflict.items or {}).get(item["id"]) or {}) for item in items
        ]
        if conflict is not None
        else [],
        "for_officer": for_officer,
        "methods": [m for m in FollowUpReport.Method.choices if m[0] != "self"],
        "max_mb": round(services.settings.EVIDENCE_MAX_BYTES / 1024 / 1024),
        "evidence_key": uuid.uuid4(),
    }


def _evidence_changes(request, report) -> bool:
    """Remove the files ticked "Remove" and keep the files chosen, before the texts are
    checked: a file is never lost because a number elsewhere was wrong. Returns False if a
    file was refused (the message says why), so the report is not sent without it."""
    ok = True
    ticked = request.POST.getlist("remove-evidence")
    for item in report.evidence.filter(pk__in=[v for v in ticked if v.isdigit()]):
        try:
            services.remove_evidence(item=item, by=request.user)
        except services.PlanError as error:
            messages.error(request, error.message)
            ok = False
    key = None
    raw_key = request.POST.get("evidence_key")
    if raw_key:
        try:
            key = uuid.UUID(raw_key)
        except ValueError:
            key = None
    # The form's key names this page; each file gets its own from it and its bytes, so a
    # resend (a double press, an answer lost on the way) keeps every file once, and a
    # different photo sent from the same page is never taken for one already kept.
    for number, upload in enumerate(request.FILES.getlist("evidence")):
        try:
            services.add_evidence(
                report=report,
                upload=upload,
                by=request.user,
                caption=request.POST.get("caption", ""),
                key=evidence_key(key, number, upload) if key else None,
            )
        except services.PlanError as error:
            messages.error(request, error.message)
            ok = False
    return ok


@login_required
@require_http_methods(["GET", "POST"])
def report(request, checkpoint_id: int):
    checkpoint = get_object_or_404(
        Checkpoint.objects.select_related("cohort", "cohort__programme"),
        pk=checkpoint_id,
    )
    existing = FollowUpReport.objects.filter(
        user=request.user, checkpoint=checkpoint
    ).first()
    if existing is None:
        if not Enrolment.objects.filter(
            user=request.user, cohort=checkpoint.cohort
        ).exists():
            raise Http404
        try:
            existing = services.start_report(user=request.user, checkpoint=checkpoint)
        except services.PlanError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(reverse("actionplans:index"))
    report = existing
    if request.method == "GET":
        if not report.editable:
            return HttpResponseRedirect(
                reverse("actionplans:report_detail", args=[report.pk])
            )
        return render(request, "actionplans/report_form.html", _report_context(report))
    files_ok = report.editable and _evidence_changes(request, report)
    given, errors = services.read_report_form(report, request.POST)
    action = request.POST.get("action", "save")

    def again(status, **extra):
        report.refresh_from_db()
        context = _report_context(report, given=given, data=request.POST, **extra)
        return render(request, "actionplans/report_form.html", context, status=status)

    if errors:
        messages.error(request, _("Please correct the marked fields."))
        return again(400, errors=errors)
    try:
        if action == "submit" and files_ok:
            outcome = services.submit_report(
                report=report, given=given, revision=_revision(request), by=request.user
            )
            if outcome.changed:
                messages.success(
                    request, _("Thank you: your follow-up report was sent.")
                )
            else:
                messages.info(request, _("Your report was already sent."))
            return HttpResponseRedirect(
                reverse("actionplans:report_detail", args=[report.pk])
            )
        outcome = services.save_report(
            report=report, given=given, revision=_revision(request), by=request.user
        )
    except services.Conflict as conflict:
        messages.warning(request, conflict.message)
        response = again(409, conflict=conflict.current)
        return response
    except services.Incomplete as incomplete:
        messages.error(request, incomplete.message)
        return again(400, errors=_report_errors(incomplete.problems))
    except services.PlanError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("actionplans:index"))
    if action == "submit":  # a file was refused: saved, not sent
        messages.warning(
            request, _("Your report was saved but not sent: check the files above.")
        )
    else:
        messages.success(request, _saved_label(outcome.obj.updated_at))
    return HttpResponseRedirect(reverse("actionplans:report", args=[checkpoint.pk]))


def plan_again(request, plan: ActionPlan, fields: dict, message: str, conflict: bool):
    """The plan form with what was written elsewhere (on a phone offline, kept by the
    `offline` app) and, if the plan changed there meanwhile (`conflict`), the saved version
    above it. The form posts back to this address."""
    content = form_content(plan, as_query(fields))
    messages.warning(request, message)
    context = _edit_context(
        request, plan, content=content, conflict=plan if conflict else None
    )
    context["form_action"] = request.get_full_path()
    return render(request, "actionplans/edit.html", context)


def as_query(fields: dict) -> QueryDict:
    """Form fields kept as {name: [values]} (the offline app's items) as a QueryDict."""
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        data.setlist(name, values)
    return data


def report_again(
    request, report: FollowUpReport, fields: dict, message: str, conflict: bool
):
    """The report form with what was written elsewhere (on a phone offline, kept by the
    `offline` app) in the boxes, and, if the report changed there meanwhile (`conflict`),
    the saved version above it: the participant compares and saves again. The form posts
    back to this address."""
    data = as_query(fields)
    given, errors = services.read_report_form(report, data)
    messages.warning(request, message)
    context = _report_context(
        report,
        given=given,
        data=data,
        errors=errors,
        conflict=report if conflict else None,
    )
    context["form_action"] = request.get_full_path()
    return render(request, "actionplans/report_form.html", context)


def _revision_of(data) -> int:
    try:
        return int(data.get("revision", 0))
    except (TypeError, ValueError):
        return 0


def evidence_key(form_key: uuid.UUID, number: int, upload) -> uuid.UUID:
    """One file's idempotency key: the form's key, its place and its content."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return uuid.uuid5(form_key, f"{number}:{digest.hexdigest()}")


def _report_errors(problems: dict) -> dict:
    """Form errors by field: `read_report_form` gives them by field name already; a refused
    submission gives them by action item id, shown at that item's status."""
    return {
        key if key.startswith(("i-", "k-")) else f"i-{key}-status": value
        if isinstance(value, str)
        else value[0]
        for key, value in problems.items()
    }


def _visible_report(request, report_id) -> FollowUpReport:
    report = (
        selectors.visible_reports(request.user)
        .select_related(
            "user",
            "plan",
            "plan__template",
            "checkpoint",
            "checkpoint__cohort",
            "checkpoint__cohort__programme",
            "recorded_by",
        )
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise Http404
    return report


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request, report_id: int):
    report = _visible_report(request, report_id)
    can_review = (
        report.status == FollowUpReport.Status.SUBMITTED
        and selectors.can_review(request.user, report.checkpoint.cohort)
        and request.user.pk != report.user_id
    )
    if request.method == "POST":
        if not can_review:
            messages.error(request, _("This report is not waiting for a review."))
            return HttpResponseRedirect(request.path)
        item_comments = {
            item["id"]: request.POST.get(f"c-{item['id']}", "")
            for item in report.plan.action_items()
        }
        try:
            services.review_report(
                report=report,
                revision=_revision(request),
                reviewer=request.user,
                decision=request.POST.get("decision", ""),
                comment=request.POST.get("comment", ""),
                item_comments=item_comments,
            )
        except services.PlanError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            _("Review saved; %(name)s will be told.") % {"name": report.user.full_name},
        )
        return HttpResponseRedirect(reverse("actionplans:queue"))
    context = _report_context(report)
    values = report.values.select_related("indicator").order_by(
        "indicator__position", "indicator__pk"
    )
    context.update(
        can_review=can_review,
        values=values,
        is_owner=request.user.pk == report.user_id,
        decisions=Review.Decision.choices,
        item_comments=_reviews_by_section(context["reviews"]),
    )
    return render(request, "actionplans/report.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def record(request, checkpoint_id: int, user_id: int):
    """An officer writes down a participant's report from a call or a visit."""
    checkpoint = get_object_or_404(
        Checkpoint.objects.select_related("cohort", "cohort__programme"),
        pk=checkpoint_id,
    )
    if not selectors.can_record(request.user, checkpoint.cohort):
        raise Http404
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("user"),
        cohort=checkpoint.cohort,
        user_id=user_id,
    )
    participant = enrolment.user
    reason = services.owes(participant, checkpoint)
    if reason:
        messages.error(request, reason)
        return HttpResponseRedirect(
            reverse("actionplans:cohort", args=[checkpoint.cohort_id])
        )
    plan = ActionPlan.objects.get(user=participant, cohort=checkpoint.cohort)
    report = FollowUpReport.objects.filter(
        user=participant, checkpoint=checkpoint
    ).first() or FollowUpReport(user=participant, checkpoint=checkpoint, plan=plan)
    if request.method == "POST":
        given, errors = services.read_report_form(report, request.POST)
        if not errors:
            try:
                saved = services.record_on_behalf(
                    checkpoint=checkpoint,
                    user=participant,
                    given=given,
                    method=request.POST.get("method", ""),
                    by=request.user,
                    revision=_revision(request) if report.pk else None,
                )
                _evidence_changes(request, saved)
                messages.success(
                    request,
                    _("Report recorded for %(name)s.")
                    % {"name": participant.full_name},
                )
                return HttpResponseRedirect(
                    reverse("actionplans:cohort", args=[checkpoint.cohort_id])
                )
            except services.Conflict as conflict:
                # The participant saved meanwhile: show their text beside the officer's;
                # the next save (from this page) is a decision made with both in view.
                messages.warning(request, conflict.message)
                report = conflict.current
                context = _report_context(
                    report,
                    given=given,
                    for_officer=True,
                    data=request.POST,
                    conflict=conflict.current,
                )
                context["participant"] = participant
                return render(
                    request, "actionplans/report_form.html", context, status=409
                )
            except services.PlanError as error:
                messages.error(request, error.message)
        context = _report_context(
            report, given=given, errors=errors, for_officer=True, data=request.POST
        )
        context["participant"] = participant
        return render(request, "actionplans/report_form.html", context, status=400)
    context = _report_context(report, for_officer=True)
    context["participant"] = participant
    return render(request, "actionplans/report_form.html", context)


@login_required
@require_safe
def evidence_file(request, evidence_id: int):
    item = get_object_or_404(Evidence.objects.select_related("report"), pk=evidence_id)
    if not selectors.visible_reports(request.user).filter(pk=item.report_id).exists():
        raise Http404
    return private_file_response(
        item.file,
        content_type=item.content_type,
        filename=item.original_name,
        inline=item.is_image,
    )


@login_required
@require_POST
def evidence_remove(request, evidence_id: int):
    item = get_object_or_404(Evidence.objects.select_related("report"), pk=evidence_id)
    if not selectors.visible_reports(request.user).filter(pk=item.report_id).exists():
        raise Http404
    checkpoint_id = item.report.checkpoint_id
    try:
        services.remove_evidence(item=item, by=request.user)
        messages.success(request, _("File removed."))
    except services.PlanError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(reverse("actionplans:report", args=[checkpoint_id]))


# --- staff ------------------------------------------------------------------------------


@login_required
@require_safe
def queue(request):
    if not request.user.is_staff:
        raise Http404
    plans, reports = selectors.review_queue(request.user)
    cohorts = (
        cohort_selectors.staff_cohorts(request.user)
        .select_related("programme")
        .order_by("-starts_on")[:50]
    )
    return render(
        request,
        "actionplans/queue.html",
        {"plans": plans[:200], "reports": reports[:200], "cohorts": cohorts},
    )


def _staff_cohort(request, cohort_id) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)
    if not request.user.is_staff or not selectors.can_review(request.user, cohort):
        raise Http404
    return cohort


@login_required
@require_http_methods(["GET", "POST"])
def cohort_overview(request, cohort_id: int):
    cohort = _staff_cohort(request, cohort_id)
    manages = selectors.can_record(request.user, cohort)
    setup_form = None
    if manages:
        setup_form = SetupForm(cohort, request.POST or None)
        if request.method == "POST":
            if setup_form.is_valid():
                try:
                    setup_form.save()
                    messages.success(request, _("Follow-up set-up saved."))
                    return HttpResponseRedirect(request.path)
                except services.PlanError as error:
                    setup_form.add_error("offsets", error.message)
    elif request.method == "POST":
        raise PermissionDenied
    view = selectors.overview(cohort)
    return render(
        request,
        "actionplans/cohort.html",
        {
            "cohort": cohort,
            "view": view,
            "manages": manages,
            "setup_form": setup_form,
            "statuses": ActionPlan.Status.choices,
            "template": services.template_for(cohort),
        },
    )


def state_label(state: str) -> str:
    return {
        "accepted": _("Accepted"),
        "submitted": _("Submitted"),
        "changes": _("Changes requested"),
        "not_owed": _("No approved plan"),
        "overdue": _("Overdue"),
        "draft": _("Being written"),
        "due": pgettext("follow-up state", "Due"),
        "upcoming": _("Not due yet"),
        "withdrawn": _("Withdrawn"),
    }.get(state, state)


@login_required
@require_safe
def cohort_export(request, cohort_id: int):
    cohort = _staff_cohort(request, cohort_id)
    view = selectors.overview(cohort)
    header = [
        _("Participant"),
        _("Phone"),
        _("Email"),
        _("Plan"),
        _("Submitted"),
        _("Approved"),
    ]
    header += [str(checkpoint) for checkpoint in view.checkpoints]
    rows = []
    for enrolment, plan, states in view.rows:
        rows.append(
            [
                enrolment.user.full_name,
                enrolment.user.phone or "",
                enrolment.user.email or "",
                plan.get_status_display() if plan else pgettext("plan", "Not started"),
                plan.submitted_at.date().isoformat()
                if plan and plan.submitted_at
                else "",
                plan.approved_at.date().isoformat()
                if plan and plan.approved_at
                else "",
                *[state_label(state) for _c, _r, state in states],
            ]
        )
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    return table_response(
        f"action-plans-{cohort.pk}", header, rows, file_format=file_format
    )
