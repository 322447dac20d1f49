"""H5P in a lesson, in Chromium: the sandboxed player plays the activity, its score reaches
the site and completes the lesson; a result earned offline waits on the phone and is sent,
once, when the connection returns."""

import json

import pytest

from interactive import services
from tests.e2e.conftest import in_language, sign_in
from tests.factories import PASSWORD, make_participant
from tests.h5p_fixtures import h5p_package

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RIGHT = "Cover it with a clean waterproof plaster"


def _activity(h5p_storage, language="en", title="Is this a safe habit?", **fields):
    return services.install_package(
        services.check(
            h5p_package(
                title=title,
                question="A worker has a small cut. What should she do?",
                answers=[("Nothing", False), (RIGHT, True)],
                checkLabel="Check",
                rightFeedback="Right!",
                wrongFeedback="Not quite.",
                **fields,
            )
        ),
        language=language,
    )


def _lesson(course_tree, content):
    lesson = course_tree.lessons[3]  # completed by passing its activity
    lesson.body = [
        {"type": "paragraph", "value": "<p>Try this before the next workshop.</p>"},
        {"type": "h5p", "value": {"content": content.pk}},
    ]
    lesson.save_revision().publish()
    return lesson


def _answer(page, answer=RIGHT):
    frame = page.frame_locator("iframe.h5p-frame")
    frame.get_by_text(answer).click()
    frame.locator(".h5p-cluster-check-button").click()


def test_a_participant_plays_h5p_in_a_lesson_and_the_score_is_recorded(
    live_server, phone_page, screenshot, course_tree, h5p_storage
):
    from courses.models import LessonProgress
    from interactive.models import H5PResult

    content = _activity(h5p_storage)
    lesson = _lesson(course_tree, content)
    user = make_participant(phone="+94771112299", preferred_language="en")
    page = phone_page
    sign_in(page, live_server.url, "+94 77 111 2299", PASSWORD)
    page.goto(live_server.url + lesson.get_url())
    _answer(page)
    status = page.locator(".h5p-status")
    status.get_by_text("Saved. Your best result: 1 of 1.").wait_for(timeout=15_000)
    assert "Passed" in status.text_content()
    # The frame was sized to its content, not left at its default height.
    height = page.locator("iframe.h5p-frame").evaluate(
        "f => f.getBoundingClientRect().height"
    )
    assert height > 150
    screenshot(page, "h5p-lesson-phone-en")
    result = H5PResult.objects.get(user=user, content=content)
    assert (result.score, result.max_score, result.passed) == (1, 1, True)
    assert LessonProgress.objects.get(user=user).completed_by == "activity_passed"


def test_a_result_earned_offline_is_sent_once_when_the_connection_returns(
    live_server, phone_page, course_tree, h5p_storage
):
    from interactive.models import H5PResult, H5PStatement

    content = _activity(h5p_storage)
    lesson = _lesson(course_tree, content)
    user = make_participant(phone="+94771112288", preferred_language="en")
    page = phone_page
    sign_in(page, live_server.url, "+94 77 111 2288", PASSWORD)
    page.goto(live_server.url + lesson.get_url())
    page.frame_locator("iframe.h5p-frame").get_by_text(RIGHT).wait_for()
    page.context.set_offline(True)
    _answer(page)
    status = page.locator(".h5p-status")
    status.get_by_text("kept on this phone").wait_for(timeout=10_000)
    assert not H5PResult.objects.exists()
    queued = page.evaluate("localStorage.getItem('cluster-academy:h5p-queue')")
    assert len(json.loads(queued)) == 2  # 'answered' and 'completed'

    page.context.set_offline(False)
    status.get_by_text("Saved. Your best result: 1 of 1.").wait_for(timeout=30_000)
    page.wait_for_function(
        "localStorage.getItem('cluster-academy:h5p-queue') === '[]'", timeout=15_000
    )
    assert H5PStatement.objects.filter(user=user).count() == 2

    # The same queue sent again (a phone that lost the answers): nothing changes.
    page.evaluate("q => localStorage.setItem('cluster-academy:h5p-queue', q)", queued)
    page.reload()
    page.wait_for_function(
        "localStorage.getItem('cluster-academy:h5p-queue') === '[]'", timeout=15_000
    )
    assert H5PStatement.objects.filter(user=user).count() == 2
    assert H5PResult.objects.get(user=user).statements == 2


def test_the_sinhala_reader_gets_the_sinhala_version_on_a_desktop(
    live_server, desktop_page, screenshot, course_tree, h5p_storage
):
    from courses.models import LessonPage

    english = _activity(h5p_storage)
    sinhala = services.install_package(
        services.check(
            h5p_package(
                title="මෙය ආරක්ෂිත පුරුද්දක්ද?",
                question="සේවිකාවකගේ ඇඟිල්ලේ කුඩා කැපුමක් ඇත.",
                answers=[("කිසිවක් නැත", False), ("ප්ලාස්ටරයකින් වසන්න", True)],
                checkLabel="පරීක්ෂා කරන්න",
                rightFeedback="හරි!",
                wrongFeedback="නැත.",
            )
        ),
        language="si",
        translation_of=english,
    )
    lesson = _lesson(course_tree, english)
    make_participant(phone="+94771112277", preferred_language="si")
    page = desktop_page
    sign_in(page, live_server.url, "+94 77 111 2277", PASSWORD, language="si")
    page.goto(live_server.url + lesson.get_url().replace("/en/", "/si/", 1))
    frame = page.frame_locator("iframe.h5p-frame")
    frame.get_by_text("ප්ලාස්ටරයකින් වසන්න").click()
    frame.get_by_text("පරීක්ෂා කරන්න").click()
    saved = in_language("si", "Saved. Your best result: {score} of {max}.")
    expected = saved.replace("{score}", "1").replace("{max}", "1")
    page.locator(".h5p-status").get_by_text(expected).wait_for(timeout=15_000)
    screenshot(page, "h5p-lesson-desktop-si")
    assert sinhala.results.count() == 1
    assert LessonPage.objects.filter(pk=lesson.pk).exists()
