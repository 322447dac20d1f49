"""The pages: writing a plan (form posts and the autosave requests), conflicts shown rather
than lost, reviewing, the PDF, follow-up reports with evidence, the officer's overview, and
who may open what."""

import io
import shutil
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from actionplans import services
from actionplans.models import ActionPlan, Evidence, FollowUpReport, PlanVersion, Review
from tests import factories
from tests.cohort_fixtures import share_cohort
from tests.plan_fixtures import (
    ACTIONS,
    PROFILE,
    approved_plan,
    complete_content,
    form_data,
)

pytestmark = pytest.mark.django_db


def _edit_url(plan_set, language="en"):
    return f"/{language}/plans/cohort/{plan_set.cohort.pk}/"


def _plan(plan_set, n=0):
    return services.start_plan(
        user=plan_set.enrolled[n], cohort=plan_set.cohort, language="en"
    )


def test_my_action_plans_lists_the_cohort_with_a_start_button(client, plan_set):
    client.force_login(plan_set.enrolled[0])
    page = client.get("/en/plans/")
    assert page.status_code == 200
    assert plan_set.cohort.name in page.text
    assert _edit_url(plan_set) in page.text


def test_the_plan_form_shows_every_section_and_saves_a_draft(client, plan_set):
    user = plan_set.enrolled[0]
    client.force_login(user)
    page = client.get(_edit_url(plan_set))
    assert page.status_code == 200
    assert "Business profile" in page.text and "Strengths" in page.text
    plan = ActionPlan.objects.get(user=user)
    saved = client.post(
        _edit_url(plan_set), form_data(complete_content(), plan.revision)
    )
    assert saved.status_code == 302
    plan.refresh_from_db()
    assert plan.content[PROFILE]["text"].startswith("Oyster")
    assert (
        plan.content[ACTIONS]["items"][0]["activity"]
        == "Get HACCP training for two workers"
    )


def test_autosave_answers_json_and_a_stale_one_gets_409(client, plan_set):
    plan = _plan(plan_set)
    client.force_login(plan.user)
    first = client.post(
        _edit_url(plan_set),
        form_data(complete_content("Dryer"), plan.revision),
        HTTP_X_AUTOSAVE="1",
    )
    assert first.status_code == 200 and first.json()["revision"] == plan.revision + 1
    stale = client.post(
        _edit_url(plan_set),
        form_data(complete_content("Rack"), plan.revision),
        HTTP_X_AUTOSAVE="1",
    )
    assert stale.status_code == 409 and "changed elsewhere" in stale.json()["message"]
    plan.refresh_from_db()
    assert plan.content[ACTIONS]["items"][0]["activity"] == "Dryer"


def test_a_conflicting_form_post_shows_both_versions_and_keeps_the_typed_text(
    client, plan_set
):
    plan = _plan(plan_set)
    services.save_draft(
        plan=plan,
        content=complete_content("From the phone"),
        revision=plan.revision,
        by=plan.user,
    )
    client.force_login(plan.user)
    page = client.post(
        _edit_url(plan_set),
        form_data(complete_content("From the laptop"), plan.revision),
    )
    assert page.status_code == 409
    assert "From the phone" in page.text and "From the laptop" in page.text
    plan.refresh_from_db()
    assert plan.content[ACTIONS]["items"][0]["activity"] == "From the phone"
    # Saving again from that page keeps the laptop's text: the person has seen both.
    again = client.post(
        _edit_url(plan_set),
        form_data(complete_content("From the laptop"), plan.revision),
    )
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.content[ACTIONS]["items"][0]["activity"] == "From the laptop"


def test_adding_and_removing_action_rows_without_javascript(client, plan_set):
    plan = _plan(plan_set)
    client.force_login(plan.user)
    data = form_data(complete_content(), plan.revision, action=f"add:{ACTIONS}")
    page = client.post(_edit_url(plan_set), data)
    assert page.status_code == 200
    assert f'name="s-{ACTIONS}-1-activity"' in page.text
    plan.refresh_from_db()
    data = form_data(complete_content(), plan.revision)
    data[f"s-{ACTIONS}-0-remove"] = "1"
    client.post(_edit_url(plan_set), data)
    plan.refresh_from_db()
    assert plan.content[ACTIONS]["items"] == []


def test_an_incomplete_submission_marks_the_sections_in_the_participants_language(
    client, plan_set
):
    plan = _plan(plan_set)
    client.force_login(plan.user)
    content = complete_content()
    content[PROFILE]["text"] = ""
    page = client.post(
        _edit_url(plan_set, "si"), form_data(content, plan.revision, action="submit")
    )
    assert page.status_code == 400
    assert "field__error" in page.text
    assert 'lang="si"' in page.text
    assert not PlanVersion.objects.exists()


def test_submit_twice_makes_one_version_and_the_plan_is_then_read_only(
    client, plan_set
):
    plan = _plan(plan_set)
    client.force_login(plan.user)
    data = form_data(complete_content(), plan.revision, action="submit")
    first = client.post(_edit_url(plan_set), data)
    second = client.post(_edit_url(plan_set), data)
    assert first.status_code == 302 and second.status_code == 302
    assert PlanVersion.objects.filter(plan=plan).count() == 1
    assert client.get(_edit_url(plan_set)).status_code == 302  # to the read-only page
    page = client.get(f"/en/plans/{plan.pk}/")
    assert "Version 1" in page.text


def test_a_trainer_reviews_with_comments_per_section(client, plan_set):
    plan = _plan(plan_set)
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=complete_content()
    )
    client.force_login(plan_set.trainer)
    page = client.get(f"/en/plans/{plan.pk}/")
    assert page.status_code == 200 and 'id="review-form"' in page.text
    done = client.post(
        f"/en/plans/{plan.pk}/review/",
        {
            "version": "1",
            "decision": "changes",
            "comment": "",
            f"c-{ACTIONS}": "Add a cost",
        },
    )
    assert done.status_code == 302
    review = Review.objects.get(plan=plan)
    assert review.section_comments == {ACTIONS: "Add a cost"}
    client.force_login(plan.user)
    page = client.get(_edit_url(plan_set))
    assert "Add a cost" in page.text


def test_a_second_review_of_the_same_version_says_who_decided(client, plan_set):
    plan = _plan(plan_set)
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=complete_content()
    )
    services.review_plan(
        plan=plan, version_number=1, reviewer=plan_set.officer, decision="approve"
    )
    client.force_login(plan_set.trainer)
    page = client.post(
        f"/en/plans/{plan.pk}/review/",
        {"version": "1", "decision": "approve"},
        follow=True,
    )
    assert plan_set.officer.full_name in page.text
    assert Review.objects.filter(plan=plan).count() == 1


def test_who_may_open_a_plan(client, plan_set):
    plan = _plan(plan_set)
    url = f"/en/plans/{plan.pk}/"
    client.force_login(plan_set.enrolled[1])  # another participant of the same cohort
    assert client.get(url).status_code == 404
    assert client.get(f"/en/plans/{plan.pk}/pdf/").status_code == 404
    outsider = factories.make_trainer()
    share_cohort(outsider, plan_set.participants[4])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert (
        client.post(
            f"/en/plans/{plan.pk}/review/", {"version": "1", "decision": "approve"}
        ).status_code
        == 404
    )
    for allowed in (
        plan.user,
        plan_set.trainer,
        plan_set.officer,
        factories.make_administrator(),
    ):
        client.force_login(allowed)
        assert client.get(url).status_code == 200


def test_a_participant_cannot_review_their_own_plan(client, plan_set):
    plan = _plan(plan_set)
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=complete_content()
    )
    client.force_login(plan.user)
    assert (
        client.post(
            f"/en/plans/{plan.pk}/review/", {"version": "1", "decision": "approve"}
        ).status_code
        == 403
    )


def _run(tool, *args) -> str:
    """A poppler tool's output (installed by `make setup`)."""
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed (poppler-utils; make setup installs it)")
    return subprocess.run(  # noqa: S603 - our own arguments
        [found, *args], capture_output=True, text=True, check=True
    ).stdout


def test_the_plan_pdf_is_in_the_plans_language(client, plan_set, tmp_path):
    plan = _plan(plan_set)
    content = complete_content("සාප්පුවට අලෙවි කිරීම")
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=content
    )
    client.force_login(plan.user)
    response = client.get(f"/si/plans/{plan.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = _run("pdftotext", str(path), "-")
    assert plan.user.full_name in text and "Oyster" in text
    fonts = _run("pdffonts", str(path))
    # Sinhala typed into an English template still gets the Sans face, embedded.
    assert "Noto-Sans-Sinhala" in fonts and "Serif" not in fonts


def test_cannot_open_another_cohorts_plan_form(client, plan_set):
    client.force_login(plan_set.participants[4])  # not enrolled
    assert client.get(_edit_url(plan_set)).status_code == 404


# --- follow-up ----------------------------------------------------------------------------

COLOMBO = ZoneInfo("Asia/Colombo")


def _photo(size=(2400, 1800), fmt="JPEG"):
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x8825] = {2: (7, 15, 0)}  # a GPS position
    image.save(out, fmt, exif=exif) if fmt == "JPEG" else image.save(out, fmt)
    return out.getvalue()


@pytest.fixture
def due_report(plan_set):
    cohort = plan_set.cohort
    cohort.starts_on, cohort.ends_on = date(2026, 2, 1), date(2026, 3, 31)
    cohort.save()
    plan = approved_plan(cohort, plan_set.enrolled[0], plan_set.trainer)
    checkpoint = cohort.checkpoints.get(offset_months=1)
    with time_machine.travel(datetime(2026, 4, 28, 10, tzinfo=COLOMBO), tick=False):
        yield plan_set, plan, checkpoint


def _report_data(revision, action="save", **extra):
    return {
        "revision": str(revision),
        "action": action,
        "i-act1-status": "in_progress",
        "i-act1-percent": "50",
        "story": "Two hotels buy from us now.",
        **extra,
    }


def test_a_participant_writes_and_sends_a_report_with_a_photo(client, due_report):
    plan_set, plan, checkpoint = due_report
    client.force_login(plan.user)
    url = f"/en/plans/follow-up/{checkpoint.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "Get HACCP training" in page.text
    report = FollowUpReport.objects.get(user=plan.user)
    photo = SimpleUploadedFile("IMG_2031.JPG", _photo(), content_type="image/jpeg")
    sent = client.post(
        url, {**_report_data(report.revision, "submit"), "evidence": photo}
    )
    assert sent.status_code == 302
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.SUBMITTED
    evidence = Evidence.objects.get(report=report)
    stored = Image.open(evidence.file.open("rb"))
    assert max(stored.size) == 1600  # scaled to phone size
    assert not stored.getexif().get(0x8825)  # no location kept
    assert evidence.original_name == "IMG_2031.jpg"
    # The photo is served to its owner and the cohort's staff only.
    assert client.get(f"/en/plans/evidence/{evidence.pk}/").status_code == 200
    client.force_login(plan_set.enrolled[1])
    assert client.get(f"/en/plans/evidence/{evidence.pk}/").status_code == 404
    client.force_login(plan_set.trainer)
    assert client.get(f"/en/plans/evidence/{evidence.pk}/").status_code == 200


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("notes.docx", b"PK\x03\x04" + b"x" * 100, "is not a photo"),
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "is not a photo"),
        ("scan.pdf", b"%PDF-1.4\n" + b"x" * 100, "not a complete PDF"),
        ("broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50, "could not be read"),
    ],
)
def test_wrong_evidence_is_refused_with_a_reason_and_the_text_is_kept(
    client, due_report, name, data, message
):
    plan_set, plan, checkpoint = due_report
    client.force_login(plan.user)
    url = f"/en/plans/follow-up/{checkpoint.pk}/"
    client.get(url)
    report = FollowUpReport.objects.get(user=plan.user)
    page = client.post(
        url,
        {**_report_data(report.revision), "evidence": SimpleUploadedFile(name, data)},
        follow=True,
    )
    assert message in page.text
    assert not Evidence.objects.exists()
    report.refresh_from_db()
    assert report.story == "Two hotels buy from us now."


def test_a_huge_evidence_file_is_refused_before_it_is_stored(
    client, due_report, settings
):
    settings.EVIDENCE_MAX_BYTES = 50_000
    plan_set, plan, checkpoint = due_report
    client.force_login(plan.user)
    url = f"/en/plans/follow-up/{checkpoint.pk}/"
    client.get(url)
    report = FollowUpReport.objects.get(user=plan.user)
    big = SimpleUploadedFile("big.jpg", _photo((3000, 3000)))
    page = client.post(
        url, {**_report_data(report.revision), "evidence": big}, follow=True
    )
    assert "evidence files can be at most" in page.text
    assert not Evidence.objects.exists()


def test_a_bad_number_is_shown_back_as_typed(client, due_report):
    plan_set, plan, checkpoint = due_report
    client.force_login(plan.user)
    url = f"/en/plans/follow-up/{checkpoint.pk}/"
    client.get(url)
    report = FollowUpReport.objects.get(user=plan.user)
    buyers = services.indicators.for_programme(plan_set.programme).get(
        code="new_buyers"
    )
    page = client.post(
        url, _report_data(report.revision, **{f"k-{buyers.pk}": "three"})
    )
    assert page.status_code == 400
    assert 'value="three"' in page.text and "Enter a number" in page.text


def test_an_officer_records_a_report_and_the_overview_shows_it(client, due_report):
    plan_set, plan, checkpoint = due_report
    client.force_login(plan_set.officer)
    url = f"/en/plans/follow-up/{checkpoint.pk}/record/{plan.user.pk}/"
    assert client.get(url).status_code == 200
    done = client.post(url, {**_report_data(0, "submit"), "method": "phone"})
    assert done.status_code == 302
    report = FollowUpReport.objects.get(user=plan.user)
    assert report.method == "phone" and report.recorded_by == plan_set.officer
    overview = client.get(f"/en/plans/cohorts/{plan_set.cohort.pk}/")
    assert overview.status_code == 200 and "Submitted" in overview.text
    export = client.get(f"/en/plans/cohorts/{plan_set.cohort.pk}/export/?format=xlsx")
    assert export.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert rows[plan.user.full_name][3] == "Approved"
    assert rows[plan.user.full_name][6] == "Submitted"  # the 1-month checkpoint
    # A trainer sees the overview but does not record reports.
    client.force_login(plan_set.trainer)
    assert client.get(f"/en/plans/cohorts/{plan_set.cohort.pk}/").status_code == 200
    assert client.get(url).status_code == 404


def test_the_officer_edits_the_checkpoints(client, plan_set):
    client.force_login(plan_set.officer)
    url = f"/en/plans/cohorts/{plan_set.cohort.pk}/"
    bad = client.post(url, {"offsets": "1, three", "plans_open": "on"})
    assert bad.status_code == 200 and "whole numbers" in bad.text
    good = client.post(url, {"offsets": "2, 4, 12", "plans_open": "on"})
    assert good.status_code == 302
    assert sorted(
        plan_set.cohort.checkpoints.values_list("offset_months", flat=True)
    ) == [2, 4, 12]
    client.force_login(plan_set.trainer)
    assert client.post(url, {"offsets": "1"}).status_code == 403


def test_the_review_queue_lists_whats_waiting(client, plan_set):
    plan = _plan(plan_set)
    services.submit_plan(
        plan=plan, revision=plan.revision, by=plan.user, content=complete_content()
    )
    client.force_login(plan_set.trainer)
    page = client.get("/en/plans/review/")
    assert plan.user.full_name in page.text
    client.force_login(plan.user)
    assert client.get("/en/plans/review/").status_code == 404


def test_pages_answer_in_every_language(client, plan_set):
    plan = _plan(plan_set)
    client.force_login(plan.user)
    for language in ("si", "km", "rw"):
        assert client.get(f"/{language}/plans/").status_code == 200
        assert (
            client.get(f"/{language}/plans/cohort/{plan_set.cohort.pk}/").status_code
            == 200
        )
    assert reverse("actionplans:index")
