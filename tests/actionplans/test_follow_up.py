"""Follow-up: checkpoints and due dates (with a frozen clock), who owes a report, reports
and their review, reports recorded by officers, reminders and escalation sent once."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.http import QueryDict

from actionplans import notices, selectors, services
from actionplans.models import Checkpoint, FollowUpReport, IndicatorValue, Notice
from cohorts import services as cohort_services
from cohorts.models import Enrolment
from tests.plan_fixtures import approved_plan

pytestmark = pytest.mark.django_db
COLOMBO = ZoneInfo("Asia/Colombo")


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=COLOMBO)


def _end(plan_set, ends_on=date(2026, 3, 31)):
    cohort = plan_set.cohort
    cohort.starts_on = ends_on - timedelta(days=60)
    cohort.ends_on = ends_on
    cohort.save()
    return cohort


def _form(report, **fields):
    data = QueryDict(mutable=True)
    for item in report.plan.action_items():
        data[f"i-{item['id']}-status"] = fields.get("status", "in_progress")
        data[f"i-{item['id']}-percent"] = fields.get("percent", "40")
    data["story"] = fields.get("story", "Sold to two hotels.")
    for key, value in fields.get("extra", {}).items():
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    return data


def test_a_cohort_gets_checkpoints_at_1_3_and_6_months_after_its_end(plan_set):
    cohort = _end(plan_set, date(2026, 1, 31))
    due = list(
        cohort.checkpoints.order_by("offset_months").values_list(
            "offset_months", "due_on"
        )
    )
    # Month ends are kept sensible: 31 January + 1 month is 28 February.
    assert due == [
        (1, date(2026, 2, 28)),
        (3, date(2026, 4, 30)),
        (6, date(2026, 7, 31)),
    ]


def test_moving_the_end_date_moves_the_checkpoints(plan_set):
    cohort = _end(plan_set, date(2026, 3, 31))
    cohort.ends_on = date(2026, 5, 15)
    cohort.save()
    assert list(
        cohort.checkpoints.values_list("due_on", flat=True).order_by("due_on")
    ) == [
        date(2026, 6, 15),
        date(2026, 8, 15),
        date(2026, 11, 15),
    ]


def test_offsets_are_editable_but_a_checkpoint_with_reports_stays(plan_set):
    cohort = _end(plan_set)
    services.set_offsets(cohort=cohort, offsets=[2, 6, 12])
    assert list(
        cohort.checkpoints.values_list("offset_months", flat=True).order_by(
            "offset_months"
        )
    ) == [2, 6, 12]
    plan = approved_plan(cohort, plan_set.enrolled[0], plan_set.trainer)
    checkpoint = cohort.checkpoints.get(offset_months=2)
    FollowUpReport.objects.create(checkpoint=checkpoint, plan=plan, user=plan.user)
    with pytest.raises(services.PlanError):
        services.set_offsets(cohort=cohort, offsets=[6, 12])
    assert cohort.checkpoints.count() == 3


def test_a_report_opens_two_weeks_before_the_due_date(plan_set):
    cohort = _end(plan_set)
    plan = approved_plan(cohort, plan_set.enrolled[0], plan_set.trainer)
    checkpoint = cohort.checkpoints.get(offset_months=1)  # due 30 April 2026
    with time_machine.travel(_noon(date(2026, 4, 15)), tick=False):
        with pytest.raises(services.PlanError):
            services.start_report(user=plan.user, checkpoint=checkpoint)
    with time_machine.travel(_noon(date(2026, 4, 16)), tick=False):
        report = services.start_report(user=plan.user, checkpoint=checkpoint)
    assert report.plan == plan


def test_only_participants_with_an_approved_plan_owe_a_report(plan_set):
    cohort = _end(plan_set)
    approved = approved_plan(cohort, plan_set.enrolled[0], plan_set.trainer)
    draft = services.start_plan(user=plan_set.enrolled[1], cohort=cohort, language="en")
    checkpoint = cohort.checkpoints.get(offset_months=1)
    assert [p.pk for p in selectors.owing(checkpoint)] == [approved.pk]
    assert services.owes(draft.user, checkpoint)  # a reason: plan not approved


def test_no_follow_up_for_a_withdrawn_participant(plan_set):
    cohort = _end(plan_set)
    plan = approved_plan(cohort, plan_set.enrolled[0], plan_set.trainer)
    cohort_services.withdraw(
        enrolment=Enrolment.objects.get(user=plan.user, cohort=cohort),
        reason="Closed business",
    )
    checkpoint = cohort.checkpoints.get(offset_months=1)
    assert list(selectors.owing(checkpoint)) == []
    with time_machine.travel(_noon(checkpoint.due_on), tick=False):
        with pytest.raises(services.PlanError) as refused:
            services.start_report(user=plan.user, checkpoint=checkpoint)
    assert "withdrew" in refused.value.message
    with pytest.raises(services.PlanError):
        services.record_on_behalf(
            checkpoint=checkpoint,
            user=plan.user,
            given=services.ReportInput({}, "", "", "", {}),
            method="phone",
            by=plan_set.officer,
        )


def _report(plan_set, cohort=None):
    cohort = cohort or _end(plan_set)
    plan = approved_plan(cohort, plan_set.enrolled[0], plan_set.trainer)
    checkpoint = cohort.checkpoints.get(offset_months=1)
    with time_machine.travel(_noon(checkpoint.due_on), tick=False):
        report = services.start_report(user=plan.user, checkpoint=checkpoint)
    return report


def test_a_report_with_indicators_is_saved_submitted_once_and_reviewed(plan_set):
    report = _report(plan_set)
    sales = report.checkpoint.cohort.programme and services.indicators.for_programme(
        report.checkpoint.cohort.programme
    ).get(code="sales_change")
    jobs = services.indicators.for_programme(report.checkpoint.cohort.programme).get(
        code="jobs_created"
    )
    certs = services.indicators.for_programme(report.checkpoint.cohort.programme).get(
        code="certifications"
    )
    given, errors = services.read_report_form(
        report,
        _form(
            report,
            extra={
                f"k-{sales.pk}": "−12,5",
                f"k-{jobs.pk}": "3",
                f"k-{jobs.pk}-women": "2",
                f"k-{jobs.pk}-youth": "1",
                f"k-{certs.pk}": ["HACCP", "Made up"],
            },
        ),
    )
    assert errors == {}
    services.save_report(
        report=report, given=given, revision=report.revision, by=report.user
    )
    report.refresh_from_db()
    values = {v.indicator.code: v for v in IndicatorValue.objects.filter(report=report)}
    assert str(values["sales_change"].number) == "-12.50"
    assert (
        values["jobs_created"].number,
        values["jobs_created"].women,
        values["jobs_created"].youth,
    ) == (3, 2, 1)
    assert values["certifications"].choices == ["HACCP"]
    first = services.submit_report(
        report=report, given=given, revision=report.revision, by=report.user
    )
    again = services.submit_report(
        report=report, given=given, revision=report.revision, by=report.user
    )
    assert first.changed and not again.changed
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.SUBMITTED
    services.review_report(
        report=report,
        revision=report.revision,
        reviewer=plan_set.trainer,
        decision="approve",
    )
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.ACCEPTED
    with pytest.raises(services.PlanError):
        services.review_report(
            report=report,
            revision=report.revision,
            reviewer=plan_set.officer,
            decision="approve",
        )


def test_bad_indicator_answers_are_reported_per_field(plan_set):
    report = _report(plan_set)
    indicators = services.indicators.for_programme(report.checkpoint.cohort.programme)
    jobs = indicators.get(code="jobs_created")
    buyers = indicators.get(code="new_buyers")
    _given, errors = services.read_report_form(
        report,
        _form(
            report,
            percent="150",
            extra={
                f"k-{jobs.pk}": "2",
                f"k-{jobs.pk}-women": "5",
                f"k-{buyers.pk}": "two",
            },
        ),
    )
    assert set(errors) == {"i-act1-percent", f"k-{jobs.pk}", f"k-{buyers.pk}"}


def test_submitting_without_a_status_for_each_action_keeps_the_answers(plan_set):
    report = _report(plan_set)
    given, _errors = services.read_report_form(report, _form(report, status=""))
    with pytest.raises(services.Incomplete):
        services.submit_report(
            report=report, given=given, revision=report.revision, by=report.user
        )
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.DRAFT
    assert report.story == "Sold to two hotels."


def test_a_report_saved_from_an_older_revision_is_refused(plan_set):
    report = _report(plan_set)
    given, _ = services.read_report_form(report, _form(report, story="From the phone"))
    services.save_report(
        report=report, given=given, revision=report.revision, by=report.user
    )
    other, _ = services.read_report_form(report, _form(report, story="From the laptop"))
    with pytest.raises(services.Conflict):
        services.save_report(
            report=report, given=other, revision=report.revision, by=report.user
        )
    report.refresh_from_db()
    assert report.story == "From the phone"


def test_an_officer_records_a_report_from_a_phone_call(plan_set):
    cohort = _end(plan_set)
    plan = approved_plan(cohort, plan_set.enrolled[0], plan_set.trainer)
    checkpoint = cohort.checkpoints.get(offset_months=3)
    shell = FollowUpReport(user=plan.user, checkpoint=checkpoint, plan=plan)
    given, errors = services.read_report_form(
        shell, _form(shell, status="done", percent="100")
    )
    report = services.record_on_behalf(
        checkpoint=checkpoint,
        user=plan.user,
        given=given,
        method="phone",
        by=plan_set.officer,
    )
    assert report.status == FollowUpReport.Status.SUBMITTED
    assert report.on_behalf and report.recorded_by == plan_set.officer
    assert report.items["act1"] == {"status": "done", "percent": 100, "note": ""}
    with pytest.raises(services.PlanError):  # a second recording does not overwrite it
        services.record_on_behalf(
            checkpoint=checkpoint,
            user=plan.user,
            given=given,
            method="meeting",
            by=plan_set.officer,
        )


# --- reminders and escalation -----------------------------------------------------------


def _owing_set(plan_set):
    cohort = _end(plan_set)  # checkpoint 1 due 30 April 2026
    for person in plan_set.enrolled[:2]:
        approved_plan(cohort, person, plan_set.trainer)
    mail.outbox.clear()
    Notice.objects.all().delete()
    return cohort, cohort.checkpoints.get(offset_months=1)


def test_reminders_go_a_week_before_and_on_the_due_date_each_once(plan_set, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cohort, checkpoint = _owing_set(plan_set)
    with time_machine.travel(_noon(date(2026, 4, 22)), tick=False):
        assert notices.send_follow_up_notices() == 0  # eight days ahead: nothing yet
    with time_machine.travel(_noon(date(2026, 4, 23)), tick=False):
        assert notices.send_follow_up_notices() == 2
        assert notices.send_follow_up_notices() == 0  # run again: nothing twice
    with time_machine.travel(_noon(date(2026, 4, 29)), tick=False):
        assert notices.send_follow_up_notices() == 0
    with time_machine.travel(_noon(date(2026, 4, 30)), tick=False):
        assert notices.send_follow_up_notices() == 2
        assert notices.send_follow_up_notices() == 0
    kinds = sorted(Notice.objects.values_list("kind", flat=True))
    assert kinds == ["due_soon", "due_soon", "due_today", "due_today"]
    assert Notice.objects.filter(state="sent").count() == 4
    # Each participant's own reminders, in their language (Sinhala here).
    assert all(len(message.to) == 1 for message in mail.outbox) or not mail.outbox


def test_a_submitted_report_stops_the_reminders(plan_set):
    cohort, checkpoint = _owing_set(plan_set)
    first = plan_set.enrolled[0]
    with time_machine.travel(_noon(date(2026, 4, 25)), tick=False):
        report = services.start_report(user=first, checkpoint=checkpoint)
        given, _ = services.read_report_form(report, _form(report))
        services.submit_report(
            report=report, given=given, revision=report.revision, by=first
        )
    with time_machine.travel(_noon(date(2026, 4, 30)), tick=False):
        assert notices.send_follow_up_notices() == 1
    assert not Notice.objects.filter(user=first, kind="due_today").exists()


def test_overdue_reports_are_escalated_to_the_officers_once(plan_set, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cohort, checkpoint = _owing_set(plan_set)
    second_officer = plan_set.trainer.__class__.objects.get(pk=plan_set.trainer.pk)
    cohort.officers.add(second_officer)
    with time_machine.travel(_noon(date(2026, 5, 6)), tick=False):
        notices.send_follow_up_notices()
        assert not Notice.objects.filter(
            kind="overdue"
        ).exists()  # six days late: not yet
    with time_machine.travel(_noon(date(2026, 5, 7)), tick=False):
        notices.send_follow_up_notices()
        notices.send_follow_up_notices()
    with time_machine.travel(_noon(date(2026, 5, 20)), tick=False):
        notices.send_follow_up_notices()
    escalations = Notice.objects.filter(kind="overdue")
    assert sorted(escalations.values_list("user_id", flat=True)) == sorted(
        [plan_set.officer.pk, second_officer.pk]
    )
    to_officer = [m for m in mail.outbox if plan_set.officer.email in m.to]
    assert len(to_officer) == 1
    assert "Grower 1" in to_officer[0].body and "Grower 2" in to_officer[0].body


def test_a_claimed_notice_is_not_sent_by_a_second_worker(plan_set):
    cohort, checkpoint = _owing_set(plan_set)
    person = plan_set.enrolled[0]
    with time_machine.travel(_noon(date(2026, 4, 30)), tick=False):
        Notice.objects.create(
            key=notices._key("due_today", person, checkpoint),
            kind="due_today",
            user=person,
            checkpoint=checkpoint,
            channel="email",
        )
        assert notices.send_follow_up_notices() == 1  # only the other participant


def test_moving_the_checkpoint_reminds_again_for_the_new_date(plan_set):
    cohort, checkpoint = _owing_set(plan_set)
    with time_machine.travel(_noon(date(2026, 4, 30)), tick=False):
        assert notices.send_follow_up_notices() == 2
    cohort.ends_on = date(2026, 4, 30)
    cohort.save()
    checkpoint.refresh_from_db()
    assert checkpoint.due_on == date(2026, 5, 30)
    with time_machine.travel(_noon(date(2026, 5, 30)), tick=False):
        assert notices.send_follow_up_notices() == 2


def test_a_review_tells_the_participant(
    plan_set, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan = approved_plan(plan_set.cohort, plan_set.enrolled[0], plan_set.trainer)
    assert Notice.objects.filter(user=plan.user, kind="reviewed").count() == 1
    subjects = [m.subject for m in mail.outbox if plan.user.email in m.to]
    assert len(subjects) == 1
    # In the participant's language (Sinhala) once the catalogue has it; never twice.
    from actionplans import notices as module

    module.review_notice("plan", plan.reviews.get().pk)
    assert len([m for m in mail.outbox if plan.user.email in m.to]) == 1


def test_the_schedule_runs_hourly():
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="actionplans.tasks.send_follow_up_notices")
    assert schedule.schedule_type == Schedule.HOURLY and schedule.repeats == -1


def test_checkpoint_states_for_the_overview(plan_set):
    cohort, checkpoint = _owing_set(plan_set)
    with time_machine.travel(_noon(date(2026, 5, 2)), tick=False):
        view = selectors.overview(cohort)
    states = {row[0].user.full_name: row[2][0][2] for row in view.rows}
    assert states["Grower 1"] == "overdue" and states["Grower 3"] == "not_owed"
    assert Checkpoint.objects.filter(cohort=cohort).count() == 3
