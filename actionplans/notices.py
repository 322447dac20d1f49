"""Follow-up messages: a reminder ahead of each checkpoint and on its due date to everyone
who owes a report, the officers' list of reports still missing some days after, and the
participant's notice when a reviewer decides. Each is claimed in `Notice` before it is sent
(`cohorts.reminders.claim`), so it goes once however often the schedule runs."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from actionplans import selectors
from actionplans.models import Checkpoint, Notice, Review
from cohorts.models import Cohort
from cohorts.reminders import claim, deliver

LOOK_BACK = timedelta(days=90)  # older checkpoints are not looked at again


def _language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def _link(name: str, language: str, *args) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, args=args)


def _key(kind, user, checkpoint) -> str:
    # The due date is part of the key: a checkpoint moved to a later date reminds again.
    return f"{kind}:{user.pk}:{checkpoint.pk}:{checkpoint.due_on.isoformat()}"


def participant_text(kind: str, checkpoint: Checkpoint, language: str, today):
    with translation.override(language):
        due = formats.date_format(checkpoint.due_on)
        cohort = checkpoint.cohort
        if kind == Notice.Kind.DUE_SOON:
            subject = _("Your follow-up report for %(cohort)s is due on %(date)s") % {
                "cohort": cohort,
                "date": due,
            }
        elif checkpoint.due_on == today:
            subject = _("Your follow-up report for %(cohort)s is due today") % {
                "cohort": cohort
            }
        else:
            subject = _("Your follow-up report for %(cohort)s was due on %(date)s") % {
                "cohort": cohort,
                "date": due,
            }
        body = "\n\n".join(
            [
                subject + ".",
                _(
                    "Tell us how your action plan is going: how far each action got, what "
                    "helped, what got in the way, and what changed in your business."
                ),
                _("Write it here: %(link)s")
                % {"link": _link("actionplans:report", language, checkpoint.pk)},
            ]
        )
    return (
        subject,
        body,
        f"{subject}. {_link('actionplans:report', language, checkpoint.pk)}",
    )


def officer_text(checkpoint: Checkpoint, names: list[str], language: str):
    with translation.override(language):
        subject = _("%(count)s follow-up reports overdue: %(cohort)s") % {
            "count": len(names),
            "cohort": checkpoint.cohort,
        }
        body = "\n\n".join(
            [
                _(
                    "These participants have not sent their %(checkpoint)s report, due on %(date)s:"
                )
                % {
                    "checkpoint": checkpoint,
                    "date": formats.date_format(checkpoint.due_on),
                },
                "\n".join(f"- {name}" for name in names),
                _("You can record a report from a phone call or a visit: %(link)s")
                % {"link": _link("actionplans:cohort", language, checkpoint.cohort_id)},
            ]
        )
    return subject, body, subject


def _officers(cohort: Cohort):
    from people.models import User

    return User.objects.filter(
        pk__in=list(cohort.officers.values_list("pk", flat=True))
        + list(cohort.programme.officers.values_list("pk", flat=True)),
        is_active=True,
    ).order_by("pk")


def send_follow_up_notices(now=None) -> int:
    """Remind whoever owes a report, ahead of and on the due date, and tell officers of
    reports still missing. Safe to run as often as wanted by as many workers."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    soon = settings.FOLLOW_UP_REMIND_BEFORE
    escalate = settings.FOLLOW_UP_ESCALATE_AFTER
    checkpoints = (
        Checkpoint.objects.filter(
            due_on__gte=today - LOOK_BACK, due_on__lte=today + soon
        )
        .exclude(cohort__status=Cohort.Status.CANCELLED)
        .select_related("cohort", "cohort__programme")
        .order_by("due_on", "pk")
    )
    sent = 0
    for checkpoint in checkpoints:
        plans = list(selectors.owing(checkpoint))
        if not plans:
            continue
        if checkpoint.due_on - soon <= today < checkpoint.due_on:
            kind = Notice.Kind.DUE_SOON
        elif checkpoint.due_on <= today < checkpoint.due_on + escalate:
            kind = Notice.Kind.DUE_TODAY
        else:
            kind = None
        if kind:
            for plan in plans:
                notice = claim(
                    Notice,
                    _key(kind, plan.user, checkpoint),
                    plan.user,
                    now=now,
                    kind=kind,
                    checkpoint=checkpoint,
                )
                if notice:
                    deliver(
                        notice,
                        *participant_text(
                            kind, checkpoint, _language(plan.user), today
                        ),
                    )
                    sent += 1
        if today >= checkpoint.due_on + escalate:
            names = sorted(plan.user.full_name for plan in plans)
            for officer in _officers(checkpoint.cohort):
                notice = claim(
                    Notice,
                    _key(Notice.Kind.OVERDUE, officer, checkpoint),
                    officer,
                    now=now,
                    kind=Notice.Kind.OVERDUE,
                    checkpoint=checkpoint,
                )
                if notice:
                    deliver(
                        notice, *officer_text(checkpoint, names, _language(officer))
                    )
                    sent += 1
    return sent


def review_notice(kind: str, review_pk: int) -> None:
    """Tell the participant a reviewer decided on their plan or report."""
    review = (
        Review.objects.select_related(
            "plan__user", "plan__cohort", "report__user", "report__checkpoint__cohort"
        )
        .filter(pk=review_pk)
        .first()
    )
    if review is None:
        return
    subject_of = review.plan or review.report
    user = subject_of.user
    notice = claim(Notice, f"reviewed:{review.pk}", user, kind=Notice.Kind.REVIEWED)
    if notice is None:
        return
    language = _language(user)
    with translation.override(language):
        if review.plan:
            link = _link("actionplans:plan", language, review.plan.pk)
            if review.decision == Review.Decision.APPROVE:
                subject = _("Your action plan is approved")
            else:
                subject = _("Your action plan: changes requested")
        else:
            link = _link("actionplans:report", language, review.report.checkpoint_id)
            if review.decision == Review.Decision.APPROVE:
                subject = _("Your follow-up report is accepted")
            else:
                subject = _("Your follow-up report: changes requested")
        lines = [subject + "."]
        if review.comment:
            lines.append(review.comment)
        lines.append(_("See it here: %(link)s") % {"link": link})
    deliver(notice, subject, "\n\n".join(lines), f"{subject}. {link}")
