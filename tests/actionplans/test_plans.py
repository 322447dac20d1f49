"""The plan workflow: start, draft, submit, review, revise; every version kept; concurrent
edits and reviews refused rather than overwritten."""

import threading

import pytest
from django.db import connection

from actionplans import answers, services
from actionplans.models import ActionPlan, PlanTemplate, PlanVersion, Review
from cohorts import services as cohort_services
from cohorts.models import Enrolment
from tests.plan_fixtures import (
    ACTIONS,
    GOALS,
    PROFILE,
    SWOT,
    approved_plan,
    complete_content,
)

pytestmark = pytest.mark.django_db


def _start(plan_set, n=0):
    return services.start_plan(
        user=plan_set.enrolled[n], cohort=plan_set.cohort, language="en"
    )


def test_an_enrolled_participant_starts_one_plan_on_the_cohort_template(plan_set):
    plan = _start(plan_set)
    again = _start(plan_set)
    assert plan.pk == again.pk
    assert plan.template == plan_set.template
    assert plan.status == ActionPlan.Status.DRAFT
    assert set(plan.content) == {PROFILE, SWOT, GOALS, ACTIONS}


def test_only_enrolled_participants_start_plans(plan_set):
    outsider = plan_set.participants[4]
    with pytest.raises(services.PlanError):
        services.start_plan(user=outsider, cohort=plan_set.cohort, language="en")
    cohort_services.withdraw(
        enrolment=Enrolment.objects.get(
            user=plan_set.enrolled[1], cohort=plan_set.cohort
        ),
        reason="Moved away",
    )
    with pytest.raises(services.PlanError):
        services.start_plan(
            user=plan_set.enrolled[1], cohort=plan_set.cohort, language="en"
        )


def test_the_plan_uses_the_template_in_the_participants_language(plan_set):
    sinhala = PlanTemplate.objects.get(
        translation_key=plan_set.template.translation_key, locale__language_code="si"
    )
    assert sinhala.title != plan_set.template.title  # translated from the catalogue
    plan = services.start_plan(
        user=plan_set.enrolled[0], cohort=plan_set.cohort, language="si"
    )
    assert plan.template == sinhala
    assert plan.language == "si"
    # The sections keep their ids, so the answers line up with the English template.
    assert [s.id for s in sinhala.sections] == [
        s.id for s in plan_set.template.sections
    ]
    # A language the template lacks falls back to the cohort's template.
    PlanTemplate.objects.filter(
        translation_key=plan_set.template.translation_key, locale__language_code="km"
    ).delete()
    other = services.start_plan(
        user=plan_set.enrolled[1], cohort=plan_set.cohort, language="km"
    )
    assert other.template == plan_set.template and other.language == "en"


def test_a_draft_saves_and_a_resend_changes_nothing(plan_set):
    plan = _start(plan_set)
    content = complete_content()
    saved = services.save_draft(
        plan=plan, content=content, revision=plan.revision, by=plan.user
    )
    assert saved.changed and saved.obj.revision == plan.revision + 1
    again = services.save_draft(
        plan=plan, content=content, revision=plan.revision, by=plan.user
    )
    assert not again.changed
    assert ActionPlan.objects.get(pk=plan.pk).revision == plan.revision + 1


def test_a_save_from_an_older_revision_is_refused_and_keeps_the_newer_text(plan_set):
    plan = _start(plan_set)
    phone = complete_content("Buy a dryer")
    laptop = complete_content("Build a drying rack")
    services.save_draft(plan=plan, content=phone, revision=plan.revision, by=plan.user)
    with pytest.raises(services.Conflict) as refused:
        services.save_draft(
            plan=plan, content=laptop, revision=plan.revision, by=plan.user
        )
    assert (
        refused.value.current.content[ACTIONS]["items"][0]["activity"] == "Buy a dryer"
    )
    stored = ActionPlan.objects.get(pk=plan.pk)
    assert stored.content[ACTIONS]["items"][0]["activity"] == "Buy a dryer"


def test_submitting_an_incomplete_plan_keeps_the_text_and_lists_what_is_missing(
    plan_set,
):
    plan = _start(plan_set)
    content = complete_content()
    content[SWOT]["threats"] = ""
    content[ACTIONS]["items"][0]["due"] = "next month"
    with pytest.raises(services.Incomplete) as refused:
        services.submit_plan(
            plan=plan, revision=plan.revision, by=plan.user, content=content
        )
    assert set(refused.value.problems) == {SWOT, ACTIONS}
    assert any("not a date" in message for message in refused.value.problems[ACTIONS])
    stored = ActionPlan.objects.get(pk=plan.pk)
    assert stored.status == ActionPlan.Status.DRAFT
    assert stored.content[ACTIONS]["items"][0]["due"] == "next month"  # nothing lost
    assert not PlanVersion.objects.exists()


def test_submit_freezes_a_version_once_even_when_sent_twice(plan_set):
    plan = _start(plan_set)
    content = complete_content()
    first = services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=content
    )
    second = services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=content
    )
    assert first.changed and not second.changed
    assert PlanVersion.objects.filter(plan=plan).count() == 1
    version = PlanVersion.objects.get(plan=plan)
    assert version.number == 1 and version.content == answers.clean(
        plan.template, content
    )


def test_a_submitted_plan_cannot_be_edited(plan_set):
    plan = _start(plan_set)
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=complete_content()
    )
    plan.refresh_from_db()
    with pytest.raises(services.PlanError):
        services.save_draft(
            plan=plan,
            content=complete_content("Something else"),
            revision=plan.revision,
            by=plan.user,
        )


def test_review_cycle_keeps_every_version_and_review(plan_set):
    plan = _start(plan_set)
    user = plan.user
    services.submit_plan(
        plan=plan, revision=plan.revision, by=user, content=complete_content()
    )
    services.review_plan(
        plan=plan,
        version_number=1,
        reviewer=plan_set.trainer,
        decision="changes",
        comment="Add a cost for the dryer",
        section_comments={ACTIONS: "What will it cost?"},
    )
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.CHANGES_REQUESTED and plan.editable
    revised = complete_content(cost="LKR 45,000")
    services.submit_plan(plan=plan, revision=plan.revision, by=user, content=revised)
    services.review_plan(
        plan=plan, version_number=2, reviewer=plan_set.officer, decision="approve"
    )
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.APPROVED and plan.approved_at
    versions = list(plan.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].content[ACTIONS]["items"][0]["cost"] == "LKR 20,000"
    assert versions[1].content[ACTIONS]["items"][0]["cost"] == "LKR 45,000"
    reviews = list(Review.objects.filter(plan=plan).order_by("pk"))
    assert [(r.version.number, r.decision) for r in reviews] == [
        (1, "changes"),
        (2, "approve"),
    ]
    assert reviews[0].section_comments == {ACTIONS: "What will it cost?"}


def test_asking_for_changes_needs_a_comment(plan_set):
    plan = _start(plan_set)
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=complete_content()
    )
    with pytest.raises(services.PlanError):
        services.review_plan(
            plan=plan, version_number=1, reviewer=plan_set.trainer, decision="changes"
        )


def test_a_second_reviewer_of_the_same_version_is_told_who_decided(plan_set):
    plan = _start(plan_set)
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=complete_content()
    )
    services.review_plan(
        plan=plan, version_number=1, reviewer=plan_set.trainer, decision="approve"
    )
    with pytest.raises(services.PlanError) as refused:
        services.review_plan(
            plan=plan,
            version_number=1,
            reviewer=plan_set.officer,
            decision="changes",
            comment="No",
        )
    assert plan_set.trainer.full_name in refused.value.message
    assert Review.objects.filter(plan=plan).count() == 1


def test_a_review_of_an_older_version_is_refused(plan_set):
    plan = _start(plan_set)
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=complete_content()
    )
    services.review_plan(
        plan=plan,
        version_number=1,
        reviewer=plan_set.trainer,
        decision="changes",
        comment="More",
    )
    plan.refresh_from_db()
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=complete_content("New")
    )
    with pytest.raises(services.PlanError):
        services.review_plan(
            plan=plan, version_number=1, reviewer=plan_set.officer, decision="approve"
        )


def test_only_the_participant_writes_their_plan(plan_set):
    plan = _start(plan_set)
    with pytest.raises(services.PlanError):
        services.save_draft(
            plan=plan,
            content=complete_content(),
            revision=plan.revision,
            by=plan_set.trainer,
        )


def test_a_withdrawn_participant_can_no_longer_change_the_plan(plan_set):
    plan = _start(plan_set)
    cohort_services.withdraw(
        enrolment=Enrolment.objects.get(user=plan.user, cohort=plan_set.cohort),
        reason="Ill",
    )
    with pytest.raises(services.PlanError):
        services.save_draft(
            plan=plan, content=complete_content(), revision=plan.revision, by=plan.user
        )


def test_clean_keeps_only_the_templates_sections_within_limits(plan_set):
    content = complete_content()
    content["not-a-section"] = {"text": "x"}
    content[PROFILE]["text"] = "y" * (answers.TEXT_LIMIT + 50)
    content[ACTIONS]["items"].append({"activity": "", "due": ""})  # blank row: dropped
    content[ACTIONS]["items"].append(
        {"id": "act1", "activity": "Copied row"}
    )  # same id
    cleaned = answers.clean(plan_set.template, content)
    assert "not-a-section" not in cleaned
    assert len(cleaned[PROFILE]["text"]) == answers.TEXT_LIMIT
    ids = [item["id"] for item in cleaned[ACTIONS]["items"]]
    assert len(ids) == 2 and len(set(ids)) == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; the race needs PostgreSQL's row locks",
)
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_once_make_one_decision(migrated_data, plan_set):
    plan = _start(plan_set)
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=complete_content()
    )
    results = []
    barrier = threading.Barrier(2)

    def review(reviewer, decision):
        barrier.wait()
        try:
            services.review_plan(
                plan=plan,
                version_number=1,
                reviewer=reviewer,
                decision=decision,
                comment="c",
            )
            results.append("ok")
        except services.PlanError:
            results.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=review, args=(plan_set.trainer, "approve")),
        threading.Thread(target=review, args=(plan_set.officer, "changes")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "refused"]
    assert Review.objects.filter(plan=plan).count() == 1


def test_approved_plan_helper(plan_set):
    plan = approved_plan(plan_set.cohort, plan_set.enrolled[0], plan_set.trainer)
    assert plan.status == ActionPlan.Status.APPROVED
    assert [item["id"] for item in plan.action_items()] == ["act1"]
