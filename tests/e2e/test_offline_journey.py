"""A participant saves a course on a phone, loses the connection, reads a lesson, marks it
done, answers a quiz and sends a follow-up report with a photo; back online, everything is
recorded once. A resend changes nothing; a report changed elsewhere meanwhile is shown to
decide, not lost (in Khmer)."""

import time
import uuid

import pytest
from django.db.utils import OperationalError
from django.http import QueryDict
from PIL import Image

from actionplans import services as plan_services
from actionplans.models import Evidence, FollowUpReport
from assessments.models import Attempt
from courses.models import LessonEvent, LessonProgress
from offline.models import Device, SyncItem
from tests.e2e.conftest import in_language, one_at_a_time, sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


# The phone's queue, read and written as the service worker keeps it (IndexedDB).
OPEN_DB = """() => new Promise((resolve) => {
    const open = indexedDB.open("cluster-academy", 1);
    open.onsuccess = () => resolve(open.result);
})"""
COPY_QUEUE = """async () => {
    const db = await (OPEN_DB)();
    const items = await new Promise((resolve) => {
        const read = db.transaction("queue").objectStore("queue").getAll();
        read.onsuccess = () => resolve(read.result);
    });
    await new Promise((resolve) => {
        const tx = db.transaction("meta", "readwrite");
        tx.objectStore("meta").put(items, "test-copy");
        tx.oncomplete = resolve;
    });
    db.close();
    return items.length;
}""".replace("OPEN_DB", OPEN_DB)
RESEND_QUEUE = """async () => {
    const db = await (OPEN_DB)();
    const copy = await new Promise((resolve) => {
        const read = db.transaction("meta").objectStore("meta").get("test-copy");
        read.onsuccess = () => resolve(read.result);
    });
    await new Promise((resolve) => {
        const tx = db.transaction("queue", "readwrite");
        copy.forEach((item) => tx.objectStore("queue").put(item));
        tx.oncomplete = resolve;
    });
    await new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = resolve;
        navigator.serviceWorker.controller.postMessage({type: "flush"}, [channel.port2]);
    });
    const left = await new Promise((resolve) => {
        const read = db.transaction("queue").objectStore("queue").count();
        read.onsuccess = () => resolve(read.result);
    });
    db.close();
    return left;
}""".replace("OPEN_DB", OPEN_DB)
# What is still waiting on the phone, and why (a failed test says it).
QUEUE_STATE = """async () => {
    const db = await (OPEN_DB)();
    const items = await new Promise((resolve) => {
        const read = db.transaction("queue").objectStore("queue").getAll();
        read.onsuccess = () => resolve(read.result);
    });
    db.close();
    return items.map((item) => [item.kind, item.tries || 0, !!item.error, !!item.stuck]);
}""".replace("OPEN_DB", OPEN_DB)


def _read(query):
    """A read from the test's side while the live server may be writing: the test database
    is SQLite in memory, where a busy table says "locked" at once instead of waiting."""
    for _attempt in range(50):
        try:
            with one_at_a_time():
                return query()
        except OperationalError:
            time.sleep(0.1)
    with one_at_a_time():
        return query()


def _wait(check, seconds=30):
    """Poll the database until the phone's sync has arrived."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _read(check):
            return True
        time.sleep(0.3)
    return False


def _controlled(page):
    page.wait_for_function(
        "navigator.serviceWorker && navigator.serviceWorker.controller"
    )


def _save_course(page, base, course_url, text=lambda t: t):
    page.goto(f"{base}{course_url}")
    _controlled(page)
    page.get_by_role("button", name=text("Save this course for offline")).click()
    page.get_by_role("button", name=text("Download now")).click()
    page.locator(".offline-save [data-action=remove]").wait_for(state="visible")


def _offline(page):
    page.context.set_offline(True)
    page.wait_for_function("!navigator.onLine")


def _online(page):
    page.context.set_offline(False)
    page.wait_for_function("navigator.onLine")


def _photo(tmp_path):
    path = tmp_path / "drying-racks.jpg"
    Image.new("RGB", (1200, 900), "#8a6").save(path, "JPEG")
    return path


def test_a_participant_works_a_day_offline_and_everything_arrives_once(
    live_server, phone_page, desktop_page, screenshot, offline_world, tmp_path
):
    world = offline_world
    page = phone_page
    base = live_server.url
    sign_in(page, base, world.person.email, PASSWORD)
    page.wait_for_url("**/accounts/account/")
    _save_course(page, base, world.course.url)
    assert (
        "Saved on this phone" in page.locator(".offline-save [data-state]").inner_text()
    )
    screenshot(page, "offline-phone-en-course-saved")
    # Saving read nothing: the lessons were only downloaded.
    assert not LessonProgress.objects.exists()
    attempt = Attempt.objects.get(user=world.person)  # the deferred quiz, fixed now

    _offline(page)
    # A lesson opens from the phone's copy and is marked done.
    page.goto(f"{base}{world.lessons[1].url}")
    page.get_by_role("heading", name=world.lessons[1].title).wait_for()
    screenshot(page, "offline-phone-en-lesson")
    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_url("**/en/offline/?queued=1")
    page.get_by_text("Saved on this phone. It will be sent").wait_for()

    # The quiz: the lesson offers to answer it offline; the answers wait on the phone.
    page.goto(f"{base}{world.quiz_lesson.url}")
    assert page.get_by_role("link", name="Start the quiz").is_hidden()
    page.get_by_role("link", name="Answer it offline").click()
    page.get_by_role("heading", name=world.quiz.title).wait_for()
    for item in attempt.items.all():
        if item.question_type == "single_choice":
            page.locator(
                f"input[name=q{item.position}][value='{item.key['correct']}']"
            ).check()
        elif item.question_type == "true_false":
            value = "true" if item.key["correct"] else "false"
            page.locator(f"input[name=q{item.position}][value={value}]").check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/en/offline/?queued=1")

    # The follow-up report, with a photo from the phone's camera.
    page.goto(f"{base}/en/plans/follow-up/{world.checkpoint.pk}/")
    for item in world.plan.action_items():
        page.locator(f"input[name=i-{item['id']}-status][value=in_progress]").check()
        page.locator(f"input[name=i-{item['id']}-percent]").fill("60")
    page.locator("textarea[name=story]").fill("We now dry mushrooms on clean racks.")
    page.locator("input[name=evidence]").set_input_files(str(_photo(tmp_path)))
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_url("**/en/offline/?queued=1")
    page.locator("[data-queue] li").nth(2).wait_for()
    waiting = page.locator("[data-queue]").inner_text()
    assert "Lesson marked as done" in waiting and "Quiz answers" in waiting
    assert "Follow-up report" in waiting and "photos and files: 1" in waiting
    screenshot(page, "offline-phone-en-waiting")
    # Keep a copy of the phone's queue (photo included) to send it all again later.
    assert page.evaluate(COPY_QUEUE) == 5  # two lessons read, done, quiz, report
    assert not _read(SyncItem.objects.exists)  # nothing has reached the server yet

    # Back online: the queue goes by itself.
    _online(page)
    # Sent at once, or by the page's retries if the first requests after coming back fail.
    assert _wait(lambda: SyncItem.objects.count() == 5, seconds=60), page.evaluate(
        QUEUE_STATE
    )
    page.goto(f"{base}/en/offline/")
    page.get_by_text("Nothing is waiting").wait_for()
    screenshot(page, "offline-phone-en-sent")
    assert set(SyncItem.objects.values_list("state", flat=True)) == {"applied"}
    done = LessonProgress.objects.get(lesson_key=world.lessons[1].translation_key)
    assert done.completed_by == "marked_done"
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.percent > 0
    report = FollowUpReport.objects.get(user=world.person)
    assert report.status == FollowUpReport.Status.SUBMITTED
    assert report.story == "We now dry mushrooms on clean racks."
    assert Evidence.objects.filter(report=report).count() == 1
    assert Device.objects.get(user=world.person).last_sync_at

    # The lesson opened offline counts as read (the quiz lesson is done by its quiz).
    assert _read(
        LessonProgress.objects.filter(
            lesson_key=world.lessons[3].translation_key
        ).exists
    )

    # The phone's service worker sends the whole queue again (as after an answer lost on
    # the way): the server answers each from what it recorded, and nothing changes.
    counts = (
        SyncItem.objects.count(),
        Evidence.objects.count(),
        LessonProgress.objects.count(),
        LessonEvent.objects.count(),
    )
    assert page.evaluate(RESEND_QUEUE) == 0  # all sent, none left
    assert (
        SyncItem.objects.count(),
        Evidence.objects.count(),
        LessonProgress.objects.count(),
        LessonEvent.objects.count(),
    ) == counts
    assert Attempt.objects.filter(state="submitted").count() == 1

    # The programme officer sees when the phone last synced, on a desktop.
    sign_in(desktop_page, base, world.officer.email, PASSWORD)
    desktop_page.wait_for_url(lambda url: "sign-in" not in url)
    desktop_page.goto(f"{base}/en/offline/cohorts/{world.cohort.pk}/")
    row = desktop_page.locator("tr", has_text=world.person.full_name)
    assert "Never" not in row.inner_text()
    screenshot(desktop_page, "offline-desktop-en-officer-sync")

    # The participant signs out; offline, the phone no longer shows their pages.
    page.goto(f"{base}/en/offline/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/offline/" not in url)
    _offline(page)
    page.goto(f"{base}{world.lessons[1].url}")
    page.get_by_role("heading", name="You are offline").wait_for()
    assert world.lessons[1].title not in page.content()


def test_a_report_changed_elsewhere_is_shown_to_decide_in_khmer(
    live_server, phone_page, screenshot, offline_world
):
    world = offline_world
    world.person.preferred_language = "km"
    world.person.save()
    page = phone_page
    base = live_server.url
    km = lambda text: in_language("km", text)  # noqa: E731
    sign_in(page, base, world.person.email, PASSWORD, language="km")
    page.wait_for_url("**/km/accounts/account/")
    page.goto(f"{base}/km/plans/follow-up/{world.checkpoint.pk}/")
    _controlled(page)
    page.reload()  # now the service worker keeps it

    _offline(page)
    page.goto(f"{base}/km/plans/follow-up/{world.checkpoint.pk}/")
    for item in world.plan.action_items():
        page.locator(f"input[name=i-{item['id']}-status][value=done]").check()
    page.locator("textarea[name=story]").fill("Written on the phone, offline.")
    page.get_by_role("button", name=km("Send the report")).click()
    page.wait_for_url("**/km/offline/?queued=1")

    # Meanwhile the participant saved a different story on another phone.
    report = FollowUpReport.objects.get(user=world.person)
    given, _errors = plan_services.read_report_form(
        report, QueryDict("story=From+the+other+phone.")
    )
    plan_services.save_report(
        report=report, given=given, revision=report.revision, by=world.person
    )

    _online(page)
    assert _wait(lambda: SyncItem.objects.filter(kind="report").exists())
    item = SyncItem.objects.get(kind="report")
    assert item.state == "attention"
    report.refresh_from_db()
    assert report.story == "From the other phone."  # not overwritten
    page.goto(f"{base}/km/offline/")
    screenshot(page, "offline-phone-km-attention")
    page.get_by_role("link", name=km("Compare and decide")).click()
    page.get_by_text(km("The version saved elsewhere")).wait_for()
    assert (
        page.locator("textarea[name=story]").input_value()
        == "Written on the phone, offline."
    )
    assert "From the other phone." in page.locator(".conflict").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "offline-phone-km-conflict")
    page.get_by_role("button", name=km("Send the report")).click()
    page.wait_for_url(f"**/km/plans/reports/{report.pk}/")
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.SUBMITTED
    assert report.story == "Written on the phone, offline."
    item.refresh_from_db()
    assert item.state == "resolved"
    assert uuid.UUID(str(item.key))
