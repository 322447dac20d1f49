"""A participant takes a quiz on a phone: one question per screen, every question type,
results, and the lesson it completes. On a desktop the same page shows every question."""

import re

import pytest

from tests.e2e.conftest import in_language, sign_in
from tests.factories import PASSWORD, make_participant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _quiz_lesson(course_tree, quiz):
    lesson = course_tree.lessons[3]  # completed by passing its activity
    lesson.body = [
        {"type": "paragraph", "value": "<p>Check what you learnt.</p>"},
        {"type": "quiz", "value": {"quiz": quiz.pk}},
    ]
    lesson.save_revision().publish()
    return lesson


def _answer_visible_question(page, key, display):
    """Answer the one question on screen the way a participant would, right."""
    section = page.locator(".quiz-question.is-current")
    kind = display["type"]
    if kind in ("single_choice", "multiple_choice"):
        right = key["correct"] if kind == "multiple_choice" else [key["correct"]]
        for option in display["options"]:
            if option["id"] in right:
                section.get_by_label(option["text"]).check()
    elif kind == "true_false":
        section.get_by_label("True" if key["correct"] else "False").check()
    elif kind == "numeric":
        section.get_by_label("Your answer").fill(
            key["ranges"][0]["correct"].replace(".", ",")
        )
    elif kind == "short_text":
        section.get_by_label("Your answer").fill(key["accepted"][0].upper())
    elif kind == "matching":
        texts = {c["id"]: c["text"] for c in display["choices"]}
        for prompt in display["prompts"]:
            section.get_by_label(prompt["text"]).select_option(
                label=texts[key["pairs"][prompt["id"]]]
            )
    elif kind == "ordering":
        texts = {i["id"]: i["text"] for i in display["items"]}
        for place, item_id in enumerate(key["order"], start=1):
            section.get_by_label(texts[item_id]).select_option(str(place))


def test_a_participant_takes_a_quiz_on_a_phone(
    live_server, phone_page, screenshot, course_tree, quiz_set
):
    from assessments.models import Attempt

    lesson = _quiz_lesson(course_tree, quiz_set.quiz)
    make_participant(phone="+94771112233")
    page = phone_page
    sign_in(page, live_server.url, "+94 77 111 2233", PASSWORD)
    page.wait_for_url("**/accounts/account/")
    page.goto(f"{live_server.url}{lesson.url}")
    screenshot(page, "phone-en-quiz-lesson")
    page.get_by_role("link", name="Start the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url("**/quizzes/attempts/**")
    attempt = Attempt.objects.get()
    items = list(attempt.items.all())

    for index, item in enumerate(items, start=1):
        # Only the current question is on screen.
        assert page.locator(".quiz-question:visible").count() == 1
        assert (
            page.locator(".quiz-question.is-current").get_attribute("id") == f"q{index}"
        )
        _answer_visible_question(page, item.key, item.display)
        if index == 3:
            screenshot(page, "phone-en-quiz-question")
        if index < len(items):
            page.locator(".quiz-question.is-current").get_by_role(
                "button", name=re.compile("Next")
            ).click()
            page.wait_for_url(f"**?q={index + 1}*")
        else:
            page.locator(".quiz-question.is-current").get_by_role(
                "button", name="Review and finish"
            ).click()
    page.wait_for_url(re.compile(r"/finish/(#.*)?$"))
    assert page.get_by_text("You have answered every question.").is_visible()
    page.get_by_role("button", name="Finish and see my results").click()
    page.wait_for_url(re.compile(r"/result/(#.*)?$"))
    assert page.locator(".result__score").inner_text() == "100%"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "phone-en-quiz-result")
    page.get_by_role("link", name="Back to the lesson").click()
    assert page.get_by_text("You have finished this lesson.").is_visible()


def test_on_a_desktop_every_question_is_on_one_page_in_sinhala(
    live_server, desktop_page, screenshot, course_tree, quiz_set
):
    make_participant(email="nimal@example.org", phone=None, preferred_language="si")
    page = desktop_page
    sign_in(page, live_server.url, "nimal@example.org", PASSWORD, language="si")
    page.wait_for_url("**/si/accounts/account/")
    page.goto(f"{live_server.url}/si/quizzes/{quiz_set.quiz.pk}/")
    page.get_by_role("button", name=in_language("si", "Start the quiz")).click()
    page.wait_for_url("**/quizzes/attempts/**")
    assert page.locator(".quiz-question:visible").count() == 7
    assert page.locator(".quiz-step:visible").count() == 0
    assert page.get_by_role(
        "button", name=in_language("si", "Review and finish")
    ).last.is_visible()
    screenshot(page, "desktop-si-quiz")
