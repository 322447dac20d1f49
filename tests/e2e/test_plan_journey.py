"""A participant drafts an action plan on a phone, loses the connection while typing, comes
back online and submits; nothing typed is lost and one version reaches the server. A
trainer then asks for changes on a desktop."""

import time

import pytest
from django.db.utils import OperationalError

from actionplans.models import ActionPlan, PlanVersion
from tests.e2e.conftest import in_language, one_at_a_time, sign_in
from tests.factories import PASSWORD
from tests.plan_fixtures import ACTIONS, GOALS, PROFILE, SWOT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _field(page, name):
    return page.locator(f"[name='{name}']")


def test_a_participant_drafts_offline_and_submits_on_a_phone(
    live_server, phone_page, screenshot, plan_set
):
    person = plan_set.enrolled[0]
    page = phone_page
    sign_in(page, live_server.url, person.email, PASSWORD)
    page.goto(f"{live_server.url}/en/plans/")
    page.get_by_role("link", name="Start your action plan").click()
    page.get_by_role("heading", name="Business action plan").wait_for()
    screenshot(page, "plan-phone-en-empty")

    _field(page, f"s-{PROFILE}-text").fill("Oyster mushrooms; three of us work here.")
    page.get_by_text("Saved", exact=False).wait_for()  # the autosave reached the server
    plan = ActionPlan.objects.get(user=person)
    assert plan.content[PROFILE]["text"].startswith("Oyster")

    # The connection drops: typing goes on, kept on the phone.
    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    for name, text in (
        ("strengths", "Good spawn"),
        ("weaknesses", "No cold room"),
        ("opportunities", "Kandy hotels"),
        ("threats", "Power cuts"),
    ):
        _field(page, f"s-{SWOT}-{name}").fill(text)
    _field(page, f"s-{GOALS}-text").fill("Sell 30% more by June.")
    _field(page, f"s-{ACTIONS}-0-activity").fill("Train two workers in HACCP")
    _field(page, f"s-{ACTIONS}-0-due").fill("2027-02-28")
    page.get_by_role("button", name="Add another action").click()
    _field(page, f"s-{ACTIONS}-1-activity").fill("Design a label")
    _field(page, f"s-{ACTIONS}-1-due").fill("2027-04-30")
    page.get_by_text("Saved on this phone", exact=False).wait_for()
    screenshot(page, "plan-phone-en-offline")
    # Submitted offline: the service worker keeps the submission in its queue.
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url("**/en/offline/?queued=1")
    page.get_by_text("Saved on this phone. It will be sent", exact=False).wait_for()
    plan.refresh_from_db()
    assert plan.content[SWOT]["threats"] == ""  # nothing reached the server…
    stored = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('plan:'))"
    )
    assert stored  # …but all of it is on the phone

    # Back online: the queue is sent by itself and the plan is submitted, once.
    page.context.set_offline(False)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _submitted(plan):
        time.sleep(0.3)
    plan.refresh_from_db()
    assert plan.status == "submitted"
    assert plan.content[SWOT]["threats"] == "Power cuts"
    assert [i["activity"] for i in plan.content[ACTIONS]["items"]] == [
        "Train two workers in HACCP",
        "Design a label",
    ]
    assert PlanVersion.objects.filter(plan=plan).count() == 1
    page.goto(f"{live_server.url}/en/plans/{plan.pk}/")
    screenshot(page, "plan-phone-en-submitted")


def _goals_saved(person) -> bool:
    try:
        with one_at_a_time():
            plan = ActionPlan.objects.filter(user=person).first()
    except OperationalError:
        return False
    return bool(plan) and plan.content.get(GOALS, {}).get("text") == "වැඩි අලෙවියක්"


def _submitted(plan) -> bool:
    """Read from the test's side while the live server writes (SQLite in memory says
    "locked" at once rather than waiting)."""
    try:
        with one_at_a_time():
            return ActionPlan.objects.filter(pk=plan.pk, status="submitted").exists()
    except OperationalError:
        return False


def test_text_typed_offline_survives_a_reload_and_is_sent(
    live_server, phone_page, plan_set
):
    person = plan_set.enrolled[1]
    page = phone_page
    sign_in(page, live_server.url, person.email, PASSWORD, language="si")
    page.goto(f"{live_server.url}/si/plans/cohort/{plan_set.cohort.pk}/")
    page.locator("form[data-autosave]").wait_for()
    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    _field(page, f"s-{GOALS}-text").fill("වැඩි අලෙවියක්")
    page.get_by_text(
        in_language(
            "si", "Saved on this phone. It will be sent when you are back online."
        )
    ).wait_for()
    # The person closes the tab while still offline, and opens the plan again later: the
    # text comes back from the phone and is saved.
    context = page.context
    page.close()
    context.set_offline(False)
    page = context.new_page()
    page.goto(f"{live_server.url}/si/plans/cohort/{plan_set.cohort.pk}/")
    assert page.locator(f"[name='s-{GOALS}-text']").input_value() == "වැඩි අලෙවියක්"
    # Sent by this page or, as the connection came back, by the one being closed: either
    # way it reaches the server once the phone is online.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _goals_saved(person):
        time.sleep(0.3)
    plan = ActionPlan.objects.get(user=person)
    assert plan.content[GOALS]["text"] == "වැඩි අලෙවියක්"


def test_a_trainer_asks_for_changes_on_a_desktop(
    live_server, desktop_page, screenshot, plan_set
):
    from actionplans import services
    from tests.plan_fixtures import complete_content

    person = plan_set.enrolled[0]
    plan = services.start_plan(user=person, cohort=plan_set.cohort, language="en")
    services.submit_plan(
        plan=plan, revision=plan.revision, by=person, content=complete_content()
    )
    page = desktop_page
    sign_in(page, live_server.url, plan_set.trainer.email, PASSWORD)
    page.goto(f"{live_server.url}/en/plans/review/")
    page.get_by_role("link", name=person.full_name).click()
    page.locator(f"#c-{ACTIONS}").fill("What will the training cost per worker?")
    screenshot(page, "plan-review-desktop-en")
    page.get_by_role("button", name="Ask for changes").click()
    page.get_by_text("Review saved", exact=False).wait_for()
    plan.refresh_from_db()
    assert plan.status == "changes"


def test_a_follow_up_report_with_a_photo_on_a_phone(
    live_server, phone_page, screenshot, plan_set, tmp_path
):
    from datetime import date, timedelta

    from dateutil.relativedelta import relativedelta
    from PIL import Image

    from actionplans.models import Evidence, FollowUpReport
    from tests.plan_fixtures import approved_plan

    cohort = plan_set.cohort
    cohort.ends_on = date.today() - relativedelta(months=1)
    cohort.starts_on = cohort.ends_on - timedelta(days=30)
    cohort.save()
    plan = approved_plan(cohort, plan_set.enrolled[0], plan_set.trainer)
    photo = tmp_path / "shop.jpg"
    Image.new("RGB", (1200, 900), (180, 140, 60)).save(photo, "JPEG")
    page = phone_page
    sign_in(page, live_server.url, plan.user.email, PASSWORD)
    page.goto(f"{live_server.url}/en/plans/")
    page.get_by_role("link", name="Write your report").first.click()
    group = page.get_by_role("group", name="Get HACCP training for two workers")
    group.get_by_label("In progress").check()
    group.get_by_label("Percent done").fill("60")
    page.get_by_label("What changed in your business").fill(
        "A hotel in Kandy buys from us."
    )
    page.get_by_label("Change in sales").fill("25")
    page.get_by_role("group", name="Started exporting").get_by_label("No").check()
    page.locator("input[name=evidence]").set_input_files(str(photo))
    screenshot(page, "follow-up-phone-en")
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("Thank you: your follow-up report was sent.").wait_for()
    screenshot(page, "follow-up-phone-en-sent")
    report = FollowUpReport.objects.get(user=plan.user)
    assert report.status == "submitted" and report.items["act1"]["percent"] == 60
    assert Evidence.objects.filter(report=report).count() == 1


def test_the_officers_overview_on_a_desktop(
    live_server, desktop_page, screenshot, plan_set
):
    from tests.plan_fixtures import approved_plan

    approved_plan(plan_set.cohort, plan_set.enrolled[0], plan_set.trainer)
    page = desktop_page
    sign_in(page, live_server.url, plan_set.officer.email, PASSWORD)
    page.goto(f"{live_server.url}/en/plans/cohorts/{plan_set.cohort.pk}/")
    page.get_by_role("heading", name="Follow-up set-up").wait_for()
    screenshot(page, "plans-overview-desktop-en")


@pytest.mark.parametrize("language", ["km", "si"])
def test_the_plan_form_reads_in_the_participants_language(
    live_server, phone_page, screenshot, plan_set, language
):
    person = plan_set.enrolled[2]
    page = phone_page
    sign_in(page, live_server.url, person.email, PASSWORD, language=language)
    page.goto(f"{live_server.url}/{language}/plans/cohort/{plan_set.cohort.pk}/")
    page.get_by_role(
        "heading", name=in_language(language, "Business action plan")
    ).wait_for()
    text = page.locator("main").inner_text()
    for english in (
        "Business profile",
        "Strengths",
        "Person responsible",
        "Save draft",
        "Submit for review",
    ):
        assert english not in text
    assert in_language(language, "Submit for review") in text
    screenshot(page, f"plan-phone-{language}")
