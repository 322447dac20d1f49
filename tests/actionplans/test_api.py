"""The API: /api/v1/action-plans/, /api/v1/follow-ups/… and /api/v1/indicators/, with the
role rules of the pages — a participant never sees another participant's plan."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from PIL import Image
from rest_framework.test import APIClient

from actionplans import services
from actionplans.models import ActionPlan, Evidence, FollowUpReport, Indicator
from cohorts.models import Programme
from tests import factories
from tests.cohort_fixtures import share_cohort
from tests.plan_fixtures import ACTIONS, approved_plan, complete_content

pytestmark = pytest.mark.django_db
COLOMBO = ZoneInfo("Asia/Colombo")


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_participant_starts_saves_and_submits_a_plan(plan_set):
    user = plan_set.enrolled[0]
    api = _client(user)
    started = api.post(
        "/api/v1/action-plans/", {"cohort": plan_set.cohort.pk}, format="json"
    )
    assert started.status_code == 201
    plan = started.json()
    assert [s["type"] for s in plan["sections"]] == [
        "text",
        "swot",
        "text",
        "action_items",
    ]
    saved = api.patch(
        f"/api/v1/action-plans/{plan['id']}/",
        {"content": complete_content(), "revision": plan["revision"]},
        format="json",
    )
    assert saved.status_code == 200 and saved.json()["revision"] == plan["revision"] + 1
    stale = api.patch(
        f"/api/v1/action-plans/{plan['id']}/",
        {"content": complete_content("Other"), "revision": plan["revision"]},
        format="json",
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["content"][ACTIONS]["items"][0][
        "activity"
    ].startswith("Get HACCP")
    submitted = api.post(
        f"/api/v1/action-plans/{plan['id']}/submit/",
        {"revision": saved.json()["revision"]},
        format="json",
    )
    assert submitted.status_code == 200
    body = submitted.json()
    assert body["status"] == "submitted" and [
        v["number"] for v in body["versions"]
    ] == [1]


def test_an_incomplete_submission_lists_the_problems(plan_set):
    user = plan_set.enrolled[0]
    plan = services.start_plan(user=user, cohort=plan_set.cohort, language="en")
    answer = _client(user).post(
        f"/api/v1/action-plans/{plan.pk}/submit/",
        {"revision": plan.revision},
        format="json",
    )
    assert answer.status_code == 400 and ACTIONS in answer.json()["problems"]


def test_reviews_through_the_api(plan_set):
    user = plan_set.enrolled[0]
    plan = services.start_plan(user=user, cohort=plan_set.cohort, language="en")
    services.submit_plan(
        plan=plan, revision=plan.revision, by=user, content=complete_content()
    )
    own = _client(user).post(
        f"/api/v1/action-plans/{plan.pk}/review/",
        {"version": 1, "decision": "approve"},
        format="json",
    )
    assert own.status_code == 403
    done = _client(plan_set.trainer).post(
        f"/api/v1/action-plans/{plan.pk}/review/",
        {
            "version": 1,
            "decision": "changes",
            "section_comments": {ACTIONS: "Add costs"},
        },
        format="json",
    )
    assert done.status_code == 201
    twice = _client(plan_set.officer).post(
        f"/api/v1/action-plans/{plan.pk}/review/",
        {"version": 1, "decision": "approve"},
        format="json",
    )
    assert twice.status_code == 409
    detail = _client(user).get(f"/api/v1/action-plans/{plan.pk}/").json()
    assert detail["reviews"][0]["section_comments"] == {ACTIONS: "Add costs"}


def test_each_role_sees_only_its_plans(plan_set):
    mine = approved_plan(plan_set.cohort, plan_set.enrolled[0], plan_set.trainer)
    other = services.start_plan(
        user=plan_set.enrolled[1], cohort=plan_set.cohort, language="en"
    )
    elsewhere_trainer = factories.make_trainer()
    stranger = plan_set.participants[4]
    side = share_cohort(elsewhere_trainer, stranger)
    theirs = services.start_plan(user=stranger, cohort=side, language="en")

    def ids(user):
        return sorted(
            row["id"]
            for row in _client(user).get("/api/v1/action-plans/").json()["results"]
        )

    assert ids(mine.user) == [mine.pk]
    assert ids(other.user) == [other.pk]
    assert ids(plan_set.trainer) == sorted([mine.pk, other.pk])
    assert ids(plan_set.officer) == sorted([mine.pk, other.pk])
    assert ids(elsewhere_trainer) == [theirs.pk]
    assert ids(factories.make_administrator()) == sorted([mine.pk, other.pk, theirs.pk])
    assert (
        _client(mine.user).get(f"/api/v1/action-plans/{other.pk}/").status_code == 404
    )
    assert (
        _client(elsewhere_trainer)
        .patch(
            f"/api/v1/action-plans/{mine.pk}/",
            {"content": {}, "revision": 1},
            format="json",
        )
        .status_code
        == 404
    )
    assert APIClient().get("/api/v1/action-plans/").status_code in (401, 403)


def test_a_trainer_cannot_write_a_participants_plan(plan_set):
    plan = services.start_plan(
        user=plan_set.enrolled[0], cohort=plan_set.cohort, language="en"
    )
    answer = _client(plan_set.trainer).patch(
        f"/api/v1/action-plans/{plan.pk}/",
        {"content": complete_content(), "revision": plan.revision},
        format="json",
    )
    assert answer.status_code == 403
    assert ActionPlan.objects.get(pk=plan.pk).revision == plan.revision


@pytest.fixture
def due(plan_set):
    cohort = plan_set.cohort
    cohort.starts_on, cohort.ends_on = date(2026, 2, 1), date(2026, 3, 31)
    cohort.save()
    plan = approved_plan(cohort, plan_set.enrolled[0], plan_set.trainer)
    checkpoint = cohort.checkpoints.get(offset_months=1)
    with time_machine.travel(datetime(2026, 4, 28, 10, tzinfo=COLOMBO), tick=False):
        yield plan_set, plan, checkpoint


def test_a_follow_up_report_through_the_api(due):
    plan_set, plan, checkpoint = due
    api = _client(plan.user)
    listed = api.get(
        f"/api/v1/follow-ups/checkpoints/?cohort={plan_set.cohort.pk}"
    ).json()["results"]
    assert [row["offset_months"] for row in listed] == [1, 3, 6]
    started = api.post(
        "/api/v1/follow-ups/reports/", {"checkpoint": checkpoint.pk}, format="json"
    )
    assert started.status_code == 201
    report = started.json()
    body = {
        "revision": report["revision"],
        "items": {"act1": {"status": "done", "percent": 100}},
        "story": "We sell to a supermarket now.",
        "values": {
            "sales_change": {"number": 25},
            "jobs_created": {"number": 2, "women": 2, "youth": 0},
            "exporting": {"yes": False},
        },
    }
    saved = api.patch(
        f"/api/v1/follow-ups/reports/{report['id']}/", body, format="json"
    )
    assert saved.status_code == 200, saved.json()
    values = {v["code"]: v for v in saved.json()["values"]}
    assert (
        values["sales_change"]["number"] == "25.00"
        and values["exporting"]["yes"] is False
    )
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(photo, "PNG")
    photo.seek(0)
    photo.name = "shop.png"
    key = "6f1c4c8e-2b7a-4c55-9d0e-6a6e5ddc0a01"
    first = api.post(
        f"/api/v1/follow-ups/reports/{report['id']}/evidence/",
        {"file": photo, "key": key},
        format="multipart",
    )
    photo.seek(0)
    again = api.post(
        f"/api/v1/follow-ups/reports/{report['id']}/evidence/",
        {"file": photo, "key": key},
        format="multipart",
    )
    assert first.status_code == 201 and again.status_code == 200
    assert Evidence.objects.count() == 1
    sent = api.post(
        f"/api/v1/follow-ups/reports/{report['id']}/submit/",
        {"revision": saved.json()["revision"]},
        format="json",
    )
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    review = _client(plan_set.trainer).post(
        f"/api/v1/follow-ups/reports/{report['id']}/review/",
        {"revision": sent.json()["revision"], "decision": "approve"},
        format="json",
    )
    assert review.status_code == 201
    assert FollowUpReport.objects.get().status == "accepted"


def test_reports_are_visible_to_their_people_only(due):
    plan_set, plan, checkpoint = due
    report = services.start_report(user=plan.user, checkpoint=checkpoint)
    for user, seen in (
        (plan.user, True),
        (plan_set.enrolled[1], False),
        (plan_set.trainer, True),
        (plan_set.officer, True),
        (factories.make_trainer(), False),
    ):
        rows = _client(user).get("/api/v1/follow-ups/reports/").json()["results"]
        assert (report.pk in [row["id"] for row in rows]) is seen
    assert (
        _client(plan_set.enrolled[1])
        .post(
            "/api/v1/follow-ups/reports/", {"checkpoint": checkpoint.pk}, format="json"
        )
        .status_code
        == 403
    )  # enrolled, but no approved plan


def test_an_officer_records_through_the_api_and_a_trainer_may_not(due):
    plan_set, plan, checkpoint = due
    body = {
        "checkpoint": checkpoint.pk,
        "user": plan.user.pk,
        "method": "meeting",
        "items": {"act1": {"status": "in_progress", "percent": 30}},
    }
    assert (
        _client(plan_set.trainer)
        .post("/api/v1/follow-ups/reports/record/", body, format="json")
        .status_code
        == 403
    )
    done = _client(plan_set.officer).post(
        "/api/v1/follow-ups/reports/record/", body, format="json"
    )
    assert done.status_code == 201 and done.json()["method"] == "meeting"
    again = _client(plan_set.officer).post(
        "/api/v1/follow-ups/reports/record/", body, format="json"
    )
    assert again.status_code == 409


def test_indicators_standard_and_per_programme(plan_set):
    own = Indicator.objects.create(
        programme=plan_set.programme,
        code="kg_sold",
        name="Mushrooms sold (kg)",
        kind="number",
        names={"si": "විකුණූ හතු (kg)"},
    )
    other_programme = Programme.objects.create(name="Other")
    Indicator.objects.create(
        programme=other_programme, code="secret", name="Other's", kind="number"
    )
    sales = Indicator.objects.get(code="sales_change", programme=None)
    sales.hidden_for.add(plan_set.programme)
    rows = (
        _client(plan_set.enrolled[0])
        .get(f"/api/v1/indicators/?programme={plan_set.programme.pk}")
        .json()["results"]
    )
    codes = [row["code"] for row in rows]
    assert "kg_sold" in codes and "secret" not in codes and "sales_change" not in codes
    assert own.label("si") == "විකුණූ හතු (kg)" and own.label("km") == "Mushrooms sold (kg)"
