"""The phone's queue arriving at the server: each item applied once through the owning
app's rules, resends changing nothing, conflicts kept for the participant to decide, and
nobody's work reaching anybody else's records."""

import io
import json
import re
import threading
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from PIL import Image

from actionplans import services as plan_services
from actionplans.models import Evidence, FollowUpReport
from assessments.models import Attempt
from courses.models import LessonEvent, LessonProgress
from offline.models import Device, SyncItem
from tests.factories import make_officer
from tests.quiz_fixtures import right_answers

pytestmark = pytest.mark.django_db
SYNC = "/en/offline/sync/"
DEVICE = "5b2f3c1e-7d1a-4c55-9a7e-2d8f6b1a0c01"


def send(client, kind, target, fields=None, files=(), key=None, **extra):
    data = {
        "key": str(key or uuid.uuid4()),
        "kind": kind,
        "target": str(target),
        "label": extra.pop("label", "A label"),
        "done_at": extra.pop("done_at", "2026-11-20T08:00:00Z"),
        "fields": json.dumps(fields or {}),
    }
    for name, upload in files:
        data[name] = upload
    return client.post(SYNC, data, HTTP_X_DEVICE=DEVICE, **extra)


def photo(name="field.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#6a4").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def report_fields(report, revision, action="submit", story="Sold to two hotels."):
    fields = {"revision": [str(revision)], "action": [action], "story": [story]}
    for item in report.plan.action_items():
        fields[f"i-{item['id']}-status"] = ["in_progress"]
        fields[f"i-{item['id']}-percent"] = ["40"]
    return fields


# --- Who may send -----------------------------------------------------------------------


def test_signed_out_phones_are_told_to_sign_in_and_nothing_is_stored(client):
    assert client.get(SYNC).status_code == 401
    response = send(client, "lesson_done", 1)
    assert response.status_code == 401
    assert "Sign in" in response.json()["error"]
    assert not SyncItem.objects.exists()


def test_the_check_in_names_the_person_gives_a_token_and_notes_the_phone(
    client, participant
):
    client.force_login(participant)
    answer = client.get(SYNC, HTTP_X_DEVICE=DEVICE).json()
    assert answer["user"] == participant.pk and answer["csrf"]
    device = Device.objects.get(user=participant)
    assert str(device.device) == DEVICE and device.last_sync_at


@pytest.mark.parametrize(
    "change",
    [
        {"key": "not-a-uuid"},
        {"kind": "delete_everything"},
        {"fields": "[1, 2]"},
        {"fields": "{not json"},
        {"fields": json.dumps({"story": [{"nested": 1}]})},
    ],
)
def test_an_unreadable_item_is_a_400_with_a_message_and_stores_nothing(
    client, participant, change
):
    client.force_login(participant)
    data = {
        "key": str(uuid.uuid4()),
        "kind": "lesson_done",
        "target": "1",
        "fields": "{}",
        **change,
    }
    response = client.post(SYNC, data)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not SyncItem.objects.exists()


# --- Lessons ----------------------------------------------------------------------------


def test_a_lesson_marked_done_offline_is_recorded_once_however_often_it_comes(
    client, offline_world
):
    lesson = offline_world.lessons[1]
    client.force_login(offline_world.person)
    key = uuid.uuid4()
    first = send(client, "lesson_done", lesson.pk, key=key)
    assert first.status_code == 200
    assert first.json()["state"] == "applied" and not first.json()["resent"]
    again = send(client, "lesson_done", lesson.pk, key=key)
    assert again.json()["state"] == "applied" and again.json()["resent"]
    assert LessonEvent.objects.filter(kind="marked_done").count() == 1
    progress = LessonProgress.objects.get(user=offline_world.person)
    assert progress.completed_by == "marked_done"
    item = SyncItem.objects.get()
    assert item.done_at.isoformat().startswith("2026-11-20T08:00")
    assert Device.objects.get().items_received == 1


def test_a_lesson_read_offline_counts_as_opened(client, offline_world):
    viewed = offline_world.lessons[0]  # done on opening
    client.force_login(offline_world.person)
    assert send(client, "lesson_read", viewed.pk).json()["state"] == "applied"
    assert (
        LessonProgress.objects.get(user=offline_world.person).completed_by == "viewed"
    )


def test_a_lesson_done_by_its_activity_is_refused_with_the_reason(
    client, offline_world
):
    client.force_login(offline_world.person)
    answer = send(client, "lesson_done", offline_world.quiz_lesson.pk).json()
    assert answer["state"] == "refused"
    assert answer["message"] == "This lesson is done when you pass its activity."
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_downloading_a_lesson_for_later_does_not_count_as_reading_it(
    client, offline_world
):
    client.force_login(offline_world.person)
    url = offline_world.lessons[0].url
    assert client.get(url, HTTP_X_OFFLINE_SAVE="1").status_code == 200
    assert not LessonProgress.objects.exists()
    client.get(url)
    assert LessonProgress.objects.count() == 1


# --- Deferred quizzes -------------------------------------------------------------------


def _deferred(client, world):
    url = reverse("assessments:deferred", args=[world.quiz.pk])
    response = client.get(f"{url}?lesson={world.quiz_lesson.pk}")
    assert response.status_code == 200
    return Attempt.objects.get(user=world.person), response.content.decode()


def _quiz_fields(attempt, answers):
    fields = {"attempt": [str(attempt.pk)]}
    for item in attempt.items.all():
        name = f"q{item.position}"
        fields[f"{name}-shown"] = ["1"]
        answer = answers[item.position]
        if isinstance(answer, dict):
            for key, value in answer.items():
                fields[f"{name}-{key}"] = [str(value)]
        elif isinstance(answer, list):
            fields[name] = answer
        else:
            fields[name] = [str(answer)]
    return fields


def test_a_quiz_taken_offline_is_graded_on_the_server_once(client, offline_world):
    client.force_login(offline_world.person)
    attempt, page = _deferred(client, offline_world)
    # Every question is on the page, and none of the right answers.
    assert len(re.findall(r'<section id="q\d+"', page)) == attempt.items.count()
    for secret in ("Well done", "correct", "weight", "Far too rarely"):
        assert secret not in page
    assert 'name="_offline_kind" value="quiz"' in page
    fields = _quiz_fields(attempt, right_answers(attempt))
    key = uuid.uuid4()
    answer = send(client, "quiz", attempt.pk, fields, key=key).json()
    assert answer["state"] == "applied"
    assert answer["url"] == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.passed and attempt.percent == 100
    # Passing completed the lesson the quiz sits in.
    assert LessonProgress.objects.get(
        lesson_key=offline_world.quiz_lesson.translation_key
    ).is_complete
    # The same answers again, and a second copy with a new key: one graded attempt.
    assert send(client, "quiz", attempt.pk, fields, key=key).json()["resent"]
    second = send(client, "quiz", attempt.pk, fields).json()
    assert second["state"] == "applied"  # the same answers: recorded already
    other = _quiz_fields(attempt, {**right_answers(attempt), 1: "nonsense"})
    assert send(client, "quiz", attempt.pk, other).json()["state"] == "refused"
    assert Attempt.objects.filter(state="submitted").count() == 1


def test_the_deferred_page_resumes_the_same_attempt_and_refuses_timed_quizzes(
    client, offline_world
):
    client.force_login(offline_world.person)
    first, _page = _deferred(client, offline_world)
    again, _page = _deferred(client, offline_world)
    assert first.pk == again.pk
    offline_world.quiz.time_limit_minutes = 10
    offline_world.quiz.save()
    response = client.get(reverse("assessments:deferred", args=[offline_world.quiz.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "assessments:start", args=[offline_world.quiz.pk]
    )


def test_the_deferred_page_also_works_online_without_javascript(client, offline_world):
    client.force_login(offline_world.person)
    attempt, _page = _deferred(client, offline_world)
    data = _quiz_fields(attempt, right_answers(attempt))
    url = reverse("assessments:deferred", args=[offline_world.quiz.pk])
    response = client.post(url, data)
    assert response["Location"] == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.passed
    # A bad attempt id is a 404, never a 500.
    assert client.post(url, {"attempt": "nonsense"}).status_code == 404


def test_nobody_can_answer_someone_elses_attempt(client, offline_world):
    client.force_login(offline_world.person)
    attempt, _page = _deferred(client, offline_world)
    client.force_login(offline_world.other)
    answer = send(
        client, "quiz", attempt.pk, _quiz_fields(attempt, right_answers(attempt))
    )
    assert answer.json()["state"] == "refused"
    attempt.refresh_from_db()
    assert attempt.is_open


# --- Follow-up reports ------------------------------------------------------------------


def _report(world):
    return plan_services.start_report(user=world.person, checkpoint=world.checkpoint)


def test_a_report_written_offline_arrives_with_its_photo_once(client, offline_world):
    report = _report(offline_world)
    client.force_login(offline_world.person)
    fields = report_fields(report, report.revision)
    key = uuid.uuid4()

    def send_it():
        return send(
            client,
            "report",
            offline_world.checkpoint.pk,
            fields,
            files=[("evidence", photo())],
            key=key,
        ).json()

    answer = send_it()
    assert answer["state"] == "applied", answer
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.SUBMITTED
    assert report.story == "Sold to two hotels."
    assert Evidence.objects.filter(report=report).count() == 1
    # The whole item again (a lost answer, a second tab): nothing changes.
    again = send_it()
    assert again["resent"] and again["state"] == "applied"
    assert Evidence.objects.filter(report=report).count() == 1
    assert SyncItem.objects.count() == 1


def test_a_report_changed_elsewhere_meanwhile_is_kept_for_the_participant_to_decide(
    client, offline_world
):
    report = _report(offline_world)
    offline_revision = report.revision
    # Meanwhile, on another phone, the participant saved a different story.
    given, _errors = plan_services.read_report_form(
        report, _query(report_fields(report, report.revision, story="Other phone."))
    )
    plan_services.save_report(
        report=report, given=given, revision=report.revision, by=offline_world.person
    )
    client.force_login(offline_world.person)
    fields = report_fields(report, offline_revision, story="Written offline.")
    answer = send(client, "report", offline_world.checkpoint.pk, fields).json()
    assert answer["state"] == "attention"
    assert "changed elsewhere" in answer["message"]
    report.refresh_from_db()
    assert report.story == "Other phone."  # nothing overwritten
    item = SyncItem.objects.get()
    assert item.fields["story"] == ["Written offline."]  # nothing lost

    # "On this phone" puts it first, with a way to decide.
    phone = client.get(reverse("offline:phone")).content.decode()
    assert reverse("offline:item", args=[item.key]) in phone
    # The form shows the offline text in the boxes and the other version above.
    page = client.get(reverse("offline:item", args=[item.key])).content.decode()
    assert "Written offline." in page and "Other phone." in page
    assert "The version saved elsewhere" in page
    # Keeping the offline text resolves it.
    data = _query(report_fields(report, report.revision, story="Written offline."))
    response = client.post(reverse("offline:item", args=[item.key]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.SUBMITTED
    assert report.story == "Written offline."
    item.refresh_from_db()
    assert item.state == SyncItem.State.RESOLVED


def test_nobody_writes_someone_elses_report_or_reads_their_items(client, offline_world):
    report = _report(offline_world)
    client.force_login(offline_world.person)
    send(client, "report", offline_world.checkpoint.pk, report_fields(report, 99))
    item = SyncItem.objects.get()
    client.force_login(offline_world.other)
    assert client.get(reverse("offline:item", args=[item.key])).status_code == 404
    # Not their report to write (their plan is not approved), and the same key is theirs
    # alone: a key is unique per person.
    answer = send(
        client,
        "report",
        offline_world.checkpoint.pk,
        report_fields(report, report.revision),
        key=item.key,
    ).json()
    assert answer["state"] == "refused" and not answer["resent"]
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.DRAFT


def _query(fields):
    from actionplans.views import as_query

    return as_query(fields)


def _plan_of_other(world):
    """The second participant's plan, started as opening the form online starts it."""
    return plan_services.start_plan(
        user=world.other, cohort=world.cohort, language="en"
    )


# --- What the phone downloads -----------------------------------------------------------


def test_the_course_listing_names_pages_quizzes_and_own_pages(client, offline_world):
    client.force_login(offline_world.person)
    url = reverse("offline:course_files", args=[offline_world.course.pk])
    listing = client.get(url).json()
    urls = [entry["url"] for entry in listing["files"]]
    assert offline_world.course.url in urls
    for lesson in offline_world.lessons:
        assert lesson.url in urls
    deferred = reverse("assessments:deferred", args=[offline_world.quiz.pk])
    assert f"{deferred}?lesson={offline_world.quiz_lesson.pk}" in urls
    assert reverse("actionplans:report", args=[offline_world.checkpoint.pk]) in urls
    assert reverse("offline:phone") in urls
    assert listing["cache"].startswith(f"ca-u{offline_world.person.pk}-course-")
    assert listing["videos"] == []
    assert client.get(reverse("offline:course_files", args=[999999])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_service_worker_and_manifest_are_served(client):
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker["Cache-Control"] == "no-cache"
    body = worker.content.decode()
    assert "/static/css/site.css" in body and '"km"' in body
    manifest = client.get("/km/offline/manifest.webmanifest").json()
    assert manifest["lang"] == "km" and manifest["start_url"] == "/km/learning/"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}


# --- Officers ---------------------------------------------------------------------------


def test_officers_see_each_participants_last_sync_within_their_programmes(
    client, offline_world, participant
):
    client.force_login(offline_world.person)
    client.get(SYNC, HTTP_X_DEVICE=DEVICE)
    url = reverse("offline:cohort", args=[offline_world.cohort.pk])
    for allowed in (offline_world.officer, offline_world.trainer):
        client.force_login(allowed)
        page = client.get(url)
        assert page.status_code == 200
        rows = page.content.decode()
        assert offline_world.person.full_name in rows and "Never" in rows
    for refused in (make_officer(), offline_world.person, participant):
        client.force_login(refused)
        assert client.get(url).status_code == 404


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; the race needs PostgreSQL's row locks",
)
@pytest.mark.django_db(transaction=True)
def test_the_same_item_sent_twice_at_once_is_applied_once(migrated_data, offline_world):
    """Background Sync and a page load sending the same queue at the same moment."""
    from offline import services

    report = _report(offline_world)
    key = uuid.uuid4()
    results = []
    barrier = threading.Barrier(2)

    def deliver():
        sent = services.Sent(
            key=key,
            kind="report",
            target=str(offline_world.checkpoint.pk),
            fields=_query(report_fields(report, report.revision)),
            files=MultiValueDict({"evidence": [photo()]}),
        )
        barrier.wait()
        try:
            received = services.receive(user=offline_world.person, sent=sent)
            results.append((received.item.state, received.resent))
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [("applied", False), ("applied", True)]
    assert SyncItem.objects.count() == 1
    assert Evidence.objects.count() == 1
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.SUBMITTED


@pytest.mark.parametrize(
    "sent, expected",
    [
        ("2026-11-20T08:00:00", "2026-11-20T08:00"),  # no zone: taken as UTC
        ("2999-01-01T00:00:00Z", None),  # a phone's clock in the future: now instead
        ("yesterday", None),  # unreadable: not kept
    ],
)
def test_the_phones_time_is_read_carefully(client, offline_world, sent, expected):
    client.force_login(offline_world.person)
    lesson = offline_world.lessons[1]
    assert send(client, "lesson_done", lesson.pk, done_at=sent).status_code == 200
    item = SyncItem.objects.get()
    if expected:
        assert item.done_at.isoformat().startswith(expected)
    elif sent == "yesterday":
        assert item.done_at is None
    else:
        assert item.done_at <= item.received_at


# --- Action plans -----------------------------------------------------------------------


def _plan_fields(content, revision, action="submit"):
    from tests.plan_fixtures import form_data

    return {k: [v] for k, v in form_data(content, revision, action).items()}


def test_an_action_plan_submitted_offline_is_submitted_once(client, offline_world):
    from actionplans.models import ActionPlan, PlanVersion
    from tests.plan_fixtures import complete_content

    person = offline_world.other
    # Opening the form (online, before the trip) started the plan.
    started = _plan_of_other(offline_world)
    client.force_login(person)
    fields = _plan_fields(complete_content(), started.revision)
    key = uuid.uuid4()
    answer = send(client, "plan", offline_world.cohort.pk, fields, key=key).json()
    assert answer["state"] == "applied", answer
    plan = ActionPlan.objects.get(user=person)
    assert plan.status == ActionPlan.Status.SUBMITTED
    assert answer["url"] == reverse("actionplans:plan", args=[plan.pk])
    assert send(client, "plan", offline_world.cohort.pk, fields, key=key).json()[
        "resent"
    ]
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_a_plan_changed_elsewhere_is_kept_to_decide(client, offline_world):
    from actionplans.models import ActionPlan
    from tests.plan_fixtures import PROFILE, complete_content

    person = offline_world.other
    plan = _plan_of_other(offline_world)
    offline_revision = plan.revision
    elsewhere = complete_content()
    elsewhere[PROFILE] = {"text": "Typed on the laptop."}
    plan_services.save_draft(
        plan=plan, content=elsewhere, revision=plan.revision, by=person
    )
    client.force_login(person)
    mine = complete_content()
    mine[PROFILE] = {"text": "Typed on the phone, offline."}
    answer = send(
        client, "plan", offline_world.cohort.pk, _plan_fields(mine, offline_revision)
    ).json()
    assert answer["state"] == "attention"
    plan.refresh_from_db()
    assert plan.content[PROFILE]["text"] == "Typed on the laptop."
    item = SyncItem.objects.get()
    page = client.get(reverse("offline:item", args=[item.key])).content.decode()
    assert "Typed on the phone, offline." in page and "Typed on the laptop." in page
    assert f'action="{reverse("offline:item", args=[item.key])}"' in page
    response = client.post(
        reverse("offline:item", args=[item.key]),
        _query(_plan_fields(mine, plan.revision)),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SUBMITTED
    assert plan.content[PROFILE]["text"] == "Typed on the phone, offline."
    item.refresh_from_db()
    assert item.state == SyncItem.State.RESOLVED


def test_nobody_writes_a_plan_in_a_cohort_they_are_not_in(client, offline_world):
    from tests.factories import make_participant

    client.force_login(make_participant())
    answer = send(
        client, "plan", offline_world.cohort.pk, {"action": ["submit"]}
    ).json()
    assert answer["state"] == "refused"
    assert answer["message"] == "This action plan is not yours to write."


# --- After review -------------------------------------------------------------------------


def _officer_records(world, report, story="From the phone call."):
    given, _errors = plan_services.read_report_form(
        report, _query(report_fields(report, report.revision, story=story))
    )
    plan_services.record_on_behalf(
        checkpoint=world.checkpoint,
        user=world.person,
        given=given,
        method=FollowUpReport.Method.PHONE,
        by=world.officer,
    )


def test_a_report_an_officer_recorded_meanwhile_keeps_the_phones_text_and_photos(
    client, offline_world, django_capture_on_commit_callbacks
):
    report = _report(offline_world)
    offline_revision = report.revision
    _officer_records(offline_world, report)
    client.force_login(offline_world.person)
    fields = report_fields(report, offline_revision, story="Written offline.")
    answer = send(
        client,
        "report",
        offline_world.checkpoint.pk,
        fields,
        files=[("evidence", photo("racks.jpg"))],
    ).json()
    assert answer["state"] == "attention"
    assert "recorded by an officer" in answer["message"]
    report.refresh_from_db()
    assert report.story == "From the phone call."  # not overwritten
    assert not Evidence.objects.exists()
    item = SyncItem.objects.get()
    kept = item.kept_files.get()
    assert kept.original_name == "racks.jpg"
    # The item page shows what was written and the photo, and stays open until dismissed.
    url = reverse("offline:item", args=[item.key])
    page = client.get(url).content.decode()
    assert "Written offline." in page and "racks.jpg" in page
    item.refresh_from_db()
    assert item.state == SyncItem.State.ATTENTION
    photo_url = reverse("offline:kept_file", args=[kept.pk])
    assert client.get(photo_url).status_code == 200
    client.force_login(offline_world.other)
    assert client.get(photo_url).status_code == 404
    client.force_login(offline_world.person)
    assert client.post(url, {"action": "dismiss"}).status_code == 302
    item.refresh_from_db()
    assert item.state == SyncItem.State.RESOLVED
    # Deleting the item takes its file with it.
    storage, name = kept.file.storage, kept.file.name
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert not storage.exists(name)


def test_a_failed_save_on_the_compare_page_does_not_settle_the_item(
    client, offline_world
):
    report = _report(offline_world)
    client.force_login(offline_world.person)
    send(client, "report", offline_world.checkpoint.pk, report_fields(report, 99))
    item = SyncItem.objects.get()
    assert item.state == "attention" and item.conflict
    # An officer records the report while the participant compares.
    _officer_records(offline_world, report)
    response = client.post(
        reverse("offline:item", args=[item.key]),
        _query(report_fields(report, report.revision, story="Mine.")),
    )
    assert response.status_code in (200, 302)
    item.refresh_from_db()
    assert item.state == SyncItem.State.ATTENTION
    report.refresh_from_db()
    assert report.story == "From the phone call."


def test_files_ticked_remove_offline_are_removed(client, offline_world):
    report = _report(offline_world)
    old = plan_services.add_evidence(
        report=report, upload=photo("private.jpg"), by=offline_world.person
    ).obj
    client.force_login(offline_world.person)
    fields = report_fields(report, report.revision)
    fields["remove-evidence"] = [str(old.pk)]
    answer = send(
        client,
        "report",
        offline_world.checkpoint.pk,
        fields,
        files=[("evidence", photo("new.jpg"))],
    ).json()
    assert answer["state"] == "applied"
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["new.jpg"]


def test_the_forms_own_key_keeps_a_photo_once_when_an_answer_was_lost(
    client, offline_world
):
    """The online post went through but its answer was lost; the phone queued the same
    form under a new sync key. The form's evidence key keeps the photo once."""
    report = _report(offline_world)
    client.force_login(offline_world.person)
    form_key = str(uuid.uuid4())
    fields = report_fields(report, report.revision, action="save")
    fields["evidence_key"] = [form_key]
    online = {k: v[0] for k, v in fields.items()}
    online["evidence"] = photo()
    client.post(
        reverse("actionplans:report", args=[offline_world.checkpoint.pk]), online
    )
    assert Evidence.objects.count() == 1
    send(
        client,
        "report",
        offline_world.checkpoint.pk,
        fields,
        files=[("evidence", photo())],
    )
    assert Evidence.objects.count() == 1


def test_an_incomplete_report_is_not_called_a_conflict(client, offline_world):
    report = _report(offline_world)
    client.force_login(offline_world.person)
    fields = {"revision": [str(report.revision)], "action": ["submit"]}
    answer = send(client, "report", offline_world.checkpoint.pk, fields).json()
    assert answer["state"] == "attention"
    item = SyncItem.objects.get()
    assert not item.conflict
    page = client.get(reverse("offline:item", args=[item.key])).content.decode()
    assert "The version saved elsewhere" not in page


@pytest.mark.parametrize(
    "kind, target",
    [("lesson_done", "9" * 30), ("lesson_read", "-1"), ("report", "1e9"), ("plan", "")],
)
def test_absurd_targets_are_refused_not_500s(client, participant, kind, target):
    client.force_login(participant)
    response = send(client, kind, target)
    assert response.status_code == 200
    assert response.json()["state"] == "refused"


def test_deeply_nested_or_nul_fields_are_a_400(client, participant):
    client.force_login(participant)
    nested = "[" * 5000 + "]" * 5000
    data = {"key": str(uuid.uuid4()), "kind": "lesson_done", "target": "1"}
    assert (
        client.post(SYNC, {**data, "fields": '{"a": ' + nested + "}"}).status_code
        == 400
    )
    assert (
        client.post(SYNC, {**data, "fields": json.dumps({"a": ["x\x00y"]})}).status_code
        == 400
    )
    assert (
        client.get("/en/offline/courses/99999999999999/files.json").status_code == 404
    )


# --- After the second review --------------------------------------------------------------


def test_two_photos_from_the_same_saved_page_are_both_kept(client, offline_world):
    """The report form comes from the phone's copy each time, with the same form key."""
    report = _report(offline_world)
    client.force_login(offline_world.person)
    form_key = str(uuid.uuid4())
    for name, colour in (("one.jpg", "#111"), ("two.jpg", "#eee")):
        fields = report_fields(report, report.revision, action="save")
        fields["evidence_key"] = [form_key]
        buffer = io.BytesIO()
        Image.new("RGB", (32, 32), colour).save(buffer, "JPEG")
        upload = SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
        send(
            client,
            "report",
            offline_world.checkpoint.pk,
            fields,
            files=[("evidence", upload)],
        )
        report.refresh_from_db()
    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == [
        "one.jpg",
        "two.jpg",
    ]


def test_a_sent_report_queued_again_after_a_lost_answer_is_recorded_not_a_conflict(
    client, offline_world
):
    report = _report(offline_world)
    client.force_login(offline_world.person)
    fields = report_fields(report, report.revision)
    fields["evidence_key"] = [str(uuid.uuid4())]
    assert (
        send(client, "report", offline_world.checkpoint.pk, fields).json()["state"]
        == "applied"
    )
    # The same form again under a new key (a 502 after the server had applied it).
    again = send(client, "report", offline_world.checkpoint.pk, fields).json()
    assert again["state"] == "applied" and not again["resent"]
    assert "already sent" in again["message"]
    assert not SyncItem.objects.filter(state="attention").exists()


def test_quiz_answers_queued_again_after_grading_are_recorded(client, offline_world):
    client.force_login(offline_world.person)
    attempt, _page = _deferred(client, offline_world)
    fields = _quiz_fields(attempt, right_answers(attempt))
    assert send(client, "quiz", attempt.pk, fields).json()["state"] == "applied"
    again = send(client, "quiz", attempt.pk, fields).json()
    assert again["state"] == "applied"
    assert Attempt.objects.filter(state="submitted").count() == 1


def test_saving_again_on_the_compare_page_after_it_settled_still_saves(
    client, offline_world
):
    from actionplans.models import ActionPlan
    from tests.plan_fixtures import PROFILE, complete_content

    person = offline_world.other
    plan = _plan_of_other(offline_world)
    client.force_login(person)
    mine = complete_content()
    send(client, "plan", offline_world.cohort.pk, _plan_fields(mine, plan.revision + 5))
    item = SyncItem.objects.get()
    url = reverse("offline:item", args=[item.key])
    plan.refresh_from_db()
    # An autosave settles it…
    mine[PROFILE] = {"text": "First save."}
    client.post(url, _query(_plan_fields(mine, plan.revision, action="save")))
    item.refresh_from_db()
    assert item.state == SyncItem.State.RESOLVED
    # …and the submit that follows still goes through.
    plan.refresh_from_db()
    mine[PROFILE] = {"text": "Then submitted."}
    response = client.post(url, _query(_plan_fields(mine, plan.revision)))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SUBMITTED
    assert plan.content[PROFILE]["text"] == "Then submitted."


def test_a_plan_saved_twice_from_one_page_answers_with_the_new_revision(
    client, offline_world
):
    from tests.plan_fixtures import complete_content

    person = offline_world.other
    plan = _plan_of_other(offline_world)
    client.force_login(person)
    answer = send(
        client,
        "plan",
        offline_world.cohort.pk,
        _plan_fields(complete_content(), plan.revision, action="save"),
    ).json()
    plan.refresh_from_db()
    assert answer["state"] == "applied" and answer["revision"] == plan.revision


def test_an_item_written_by_someone_else_on_a_shared_phone_is_refused(
    client, offline_world
):
    client.force_login(offline_world.person)
    fields = {"_offline_user": [str(offline_world.other.pk)]}
    response = send(client, "lesson_done", offline_world.lessons[1].pk, fields)
    assert response.status_code == 400
    assert not SyncItem.objects.exists()


def test_an_item_with_an_absurd_target_still_shows(client, participant):
    client.force_login(participant)
    send(client, "report", "9" * 40)
    item = SyncItem.objects.get()
    assert client.get(reverse("offline:item", args=[item.key])).status_code == 200
