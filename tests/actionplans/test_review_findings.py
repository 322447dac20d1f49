"""Edges found in review: who may touch evidence, drafts staying private, partial API
updates keeping what was not sent, files kept when the texts are wrong, conflicts shown to
an officer recording a report, bad input answered without a 500."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import RestrictedError
from django.http import QueryDict
from PIL import Image
from rest_framework.test import APIClient

from actionplans import services
from actionplans.models import CohortPlanSetup, Evidence, FollowUpReport
from tests.plan_fixtures import (
    ACTIONS,
    PROFILE,
    SWOT,
    approved_plan,
    complete_content,
    form_data,
)

pytestmark = pytest.mark.django_db
COLOMBO = ZoneInfo("Asia/Colombo")


def _qd(values: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(values)
    return data


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _png(name="shop.png"):
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "green").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def due(plan_set):
    cohort = plan_set.cohort
    cohort.starts_on, cohort.ends_on = date(2026, 2, 1), date(2026, 3, 31)
    cohort.save()
    plan = approved_plan(cohort, plan_set.enrolled[0], plan_set.trainer)
    checkpoint = cohort.checkpoints.get(offset_months=1)
    with time_machine.travel(datetime(2026, 4, 28, 10, tzinfo=COLOMBO), tick=False):
        report = services.start_report(user=plan.user, checkpoint=checkpoint)
        yield plan_set, plan, checkpoint, report


def test_a_trainer_neither_adds_nor_removes_a_participants_evidence(due):
    plan_set, plan, checkpoint, report = due
    own = services.add_evidence(report=report, upload=_png(), by=plan.user).obj
    with pytest.raises(services.PlanError):
        services.add_evidence(report=report, upload=_png(), by=plan_set.trainer)
    with pytest.raises(services.PlanError):
        services.remove_evidence(item=own, by=plan_set.trainer)
    answer = _api(plan_set.trainer).post(
        f"/api/v1/follow-ups/reports/{report.pk}/evidence/",
        {"file": _png()},
        format="multipart",
    )
    assert answer.status_code == 400
    assert Evidence.objects.count() == 1


def test_no_evidence_is_added_once_the_report_is_sent(due):
    plan_set, plan, checkpoint, report = due
    given, _ = services.read_report_form(report, _qd({"i-act1-status": "done"}))
    services.submit_report(
        report=report, given=given, revision=report.revision, by=plan.user
    )
    report.refresh_from_db()
    with pytest.raises(services.PlanError):
        services.add_evidence(report=report, upload=_png(), by=plan.user)


def test_staff_never_see_a_draft(client, plan_set):
    plan = services.start_plan(
        user=plan_set.enrolled[0], cohort=plan_set.cohort, language="en"
    )
    services.save_draft(
        plan=plan,
        content=complete_content("Secret idea"),
        revision=plan.revision,
        by=plan.user,
    )
    client.force_login(plan_set.trainer)
    page = client.get(f"/en/plans/{plan.pk}/")
    assert page.status_code == 200 and "Secret idea" not in page.text
    assert client.get(f"/en/plans/{plan.pk}/pdf/").status_code == 404
    row = _api(plan_set.trainer).get(f"/api/v1/action-plans/{plan.pk}/").json()
    assert row["content"] is None
    assert (
        _api(plan.user)
        .get(f"/api/v1/action-plans/{plan.pk}/")
        .json()["content"][ACTIONS]
    )
    # Once submitted, the version is theirs to read; a later draft again is not.
    services.submit_plan(plan=plan, revision=plan.revision + 1, by=plan.user)
    services.review_plan(
        plan=plan,
        version_number=1,
        reviewer=plan_set.trainer,
        decision="changes",
        comment="More",
    )
    plan.refresh_from_db()
    services.save_draft(
        plan=plan,
        content=complete_content("Second thought"),
        revision=plan.revision,
        by=plan.user,
    )
    page = client.get(f"/en/plans/{plan.pk}/")
    assert "Secret idea" in page.text and "Second thought" not in page.text


def test_a_partial_patch_keeps_what_was_not_sent(due):
    plan_set, plan, checkpoint, report = due
    api = _api(plan.user)
    first = api.patch(
        f"/api/v1/follow-ups/reports/{report.pk}/",
        {
            "revision": report.revision,
            "items": {"act1": {"status": "done", "percent": 100}},
            "helped": "The chamber",
            "values": {"sales_change": {"number": 10}},
        },
        format="json",
    ).json()
    second = api.patch(
        f"/api/v1/follow-ups/reports/{report.pk}/",
        {"revision": first["revision"], "story": "We export now"},
        format="json",
    )
    assert second.status_code == 200
    body = second.json()
    assert body["helped"] == "The chamber" and body["story"] == "We export now"
    assert body["items"]["act1"]["status"] == "done"
    assert [v["code"] for v in body["values"]] == ["sales_change"]


def test_a_plan_patch_with_one_section_keeps_the_others(plan_set):
    user = plan_set.enrolled[0]
    plan = services.start_plan(user=user, cohort=plan_set.cohort, language="en")
    services.save_draft(
        plan=plan, content=complete_content(), revision=plan.revision, by=user
    )
    answer = _api(user).patch(
        f"/api/v1/action-plans/{plan.pk}/",
        {"revision": plan.revision + 1, "content": {PROFILE: {"text": "New profile"}}},
        format="json",
    )
    assert answer.status_code == 200
    content = answer.json()["content"]
    assert (
        content[PROFILE]["text"] == "New profile"
        and content[SWOT]["threats"] == "Power cuts"
    )


@pytest.mark.parametrize(
    "method, url, body",
    [
        ("post", "/api/v1/follow-ups/reports/", {"checkpoint": "abc"}),
        ("post", "/api/v1/follow-ups/reports/", ["not", "an", "object"]),
        ("get", "/api/v1/action-plans/?cohort=²", None),
        ("get", "/api/v1/indicators/?programme=٣", None),
    ],
)
def test_bad_api_input_is_a_4xx_or_ignored_never_a_500(plan_set, method, url, body):
    answer = getattr(_api(plan_set.enrolled[0]), method)(url, body, format="json")
    assert answer.status_code < 500


def test_wrong_types_inside_a_report_body_are_ignored(due):
    plan_set, plan, checkpoint, report = due
    answer = _api(plan.user).patch(
        f"/api/v1/follow-ups/reports/{report.pk}/",
        {
            "revision": report.revision,
            "items": {"act1": "done"},
            "values": {"certifications": {"choices": 1}, "sales_change": 5},
        },
        format="json",
    )
    assert answer.status_code < 500


def test_numbers_too_big_for_the_columns_are_refused(due):
    plan_set, plan, checkpoint, report = due
    jobs = services.indicators.for_programme(plan_set.programme).get(
        code="jobs_created"
    )
    sales = services.indicators.for_programme(plan_set.programme).get(
        code="sales_change"
    )
    _given, errors = services.read_report_form(
        report,
        _qd(
            {
                f"k-{jobs.pk}": "3000000000",
                f"k-{jobs.pk}-women": "3000000000",
                f"k-{sales.pk}": "999999999999.999",
            }
        ),
    )
    assert set(errors) == {f"k-{jobs.pk}", f"k-{sales.pk}"}


def test_a_huge_row_count_is_capped(client, plan_set):
    user = plan_set.enrolled[0]
    plan = services.start_plan(user=user, cohort=plan_set.cohort, language="en")
    client.force_login(user)
    data = form_data(complete_content(), plan.revision)
    data[f"s-{ACTIONS}-rows"] = "999999999999"
    assert (
        client.post(f"/en/plans/cohort/{plan_set.cohort.pk}/", data).status_code == 302
    )


def test_a_file_is_kept_when_a_number_is_wrong_and_a_refused_file_stops_the_sending(
    client, due
):
    plan_set, plan, checkpoint, report = due
    client.force_login(plan.user)
    url = f"/en/plans/follow-up/{checkpoint.pk}/"
    buyers = services.indicators.for_programme(plan_set.programme).get(
        code="new_buyers"
    )
    page = client.post(
        url,
        {
            "revision": report.revision,
            "action": "save",
            "i-act1-status": "done",
            "i-act1-percent": "150",
            f"k-{buyers.pk}": "two",
            "evidence": _png(),
        },
    )
    assert page.status_code == 400
    assert 'value="150"' in page.text and 'value="two"' in page.text
    assert Evidence.objects.filter(report=report).count() == 1  # the photo is kept
    report.refresh_from_db()
    refused = SimpleUploadedFile("notes.txt", b"plain text")
    page = client.post(
        url,
        {
            "revision": report.revision,
            "action": "submit",
            "i-act1-status": "done",
            "evidence": refused,
        },
        follow=True,
    )
    assert "saved but not sent" in page.text
    report.refresh_from_db()
    assert (
        report.status == FollowUpReport.Status.DRAFT
        and report.items["act1"]["status"] == "done"
    )


def test_removing_a_file_keeps_what_was_typed(client, due):
    plan_set, plan, checkpoint, report = due
    item = services.add_evidence(report=report, upload=_png(), by=plan.user).obj
    client.force_login(plan.user)
    client.post(
        f"/en/plans/follow-up/{checkpoint.pk}/",
        {
            "revision": report.revision,
            "action": "save",
            "i-act1-status": "in_progress",
            "story": "Typed just now",
            "remove-evidence": str(item.pk),
        },
    )
    report.refresh_from_db()
    assert report.story == "Typed just now"
    assert not Evidence.objects.filter(pk=item.pk).exists()


def test_an_officer_sees_what_the_participant_saved_meanwhile(client, due):
    plan_set, plan, checkpoint, report = due
    client.force_login(plan_set.officer)
    url = f"/en/plans/follow-up/{checkpoint.pk}/record/{plan.user.pk}/"
    form_revision = report.revision
    given, _ = services.read_report_form(
        report,
        _qd({"i-act1-status": "in_progress", "story": "Participant's own words"}),
    )
    services.save_report(
        report=report, given=given, revision=report.revision, by=plan.user
    )
    page = client.post(
        url,
        {
            "revision": form_revision,
            "method": "phone",
            "i-act1-status": "done",
            "story": "From the call",
        },
    )
    assert page.status_code == 409
    assert "Participant&#x27;s own words" in page.text and "From the call" in page.text
    report.refresh_from_db()
    assert report.story == "Participant's own words"
    assert (
        _api(plan_set.officer)
        .post(
            "/api/v1/follow-ups/reports/record/",
            {
                "checkpoint": checkpoint.pk,
                "user": plan.user.pk,
                "method": "phone",
                "story": "Overwrite?",
            },
            format="json",
        )
        .status_code
        == 409
    )  # no revision named


def test_a_checkpoint_with_reports_is_kept_even_if_deleted_directly(due):
    plan_set, plan, checkpoint, report = due
    with pytest.raises(RestrictedError):
        checkpoint.delete()
    plan_set.cohort.delete()  # the whole cohort still goes, with its plans and reports
    assert not FollowUpReport.objects.exists()


def test_closing_plans_stops_drafts_too(plan_set):
    user = plan_set.enrolled[0]
    plan = services.start_plan(user=user, cohort=plan_set.cohort, language="en")
    CohortPlanSetup.objects.create(cohort=plan_set.cohort, plans_open=False)
    with pytest.raises(services.PlanError):
        services.save_draft(
            plan=plan, content=complete_content(), revision=plan.revision, by=user
        )
