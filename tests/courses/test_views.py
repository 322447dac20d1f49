import re

import pytest
from django.utils import translation

from courses.models import LessonProgress

pytestmark = pytest.mark.django_db


def _km(text):
    with translation.override("km"):
        return translation.gettext(text)


def test_anonymous_reader_is_invited_to_sign_in(client, course_tree):
    page = client.get(course_tree.lessons[0].url).content.decode()
    assert "Sign in to save your progress." in page
    assert not LessonProgress.objects.exists()


def test_lesson_page_shows_progress_and_marks_done(client, participant, course_tree):
    client.force_login(participant)
    hazards, hygiene, ccp, _quiz = course_tree.lessons
    client.get(hazards.url)
    page = client.get(hygiene.url).content.decode()
    assert '<progress value="1" max="4"' in page  # course: the viewed lesson is done
    assert "Mark as done" in page
    response = client.post(hygiene.url + "done/")
    assert response.status_code == 302
    assert response["Location"] == ccp.url  # on to the next lesson
    page = client.get(hygiene.url).content.decode()
    assert "You have finished this lesson." in page
    assert '<progress value="2" max="4"' in page


def test_mark_done_needs_post_and_sign_in(client, course_tree):
    hygiene = course_tree.lessons[1]
    assert client.get(hygiene.url + "done/").status_code == 405
    response = client.post(hygiene.url + "done/")
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_activity_lesson_refuses_mark_done_kindly(client, participant, course_tree):
    client.force_login(participant)
    quiz = course_tree.lessons[3]
    response = client.post(quiz.url + "done/", follow=True)
    assert response.status_code == 200
    assert (
        "This lesson is done when you pass its activity." in response.content.decode()
    )
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_course_page_continue_button(client, participant, course_tree):
    client.force_login(participant)
    page = client.get(course_tree.course.url).content.decode()
    assert "Start the course" in page
    client.get(course_tree.lessons[2].url)
    page = client.get(course_tree.course.url).content.decode()
    assert "Continue where you left off" in page
    assert re.search(r'href="/en/courses/haccp/principles/ccp/"[^>]*>Continue', page)


def test_my_learning_page_in_khmer(client, participant, course_tree, khmer_tree):
    client.force_login(participant)
    client.get(course_tree.lessons[0].url)
    response = client.get("/km/learning/")
    page = response.content.decode()
    assert response.status_code == 200
    assert _km("My learning") in page
    assert khmer_tree[course_tree.course.pk].title in page
    assert '<progress value="1" max="4"' in page


def test_my_learning_needs_sign_in(client):
    assert client.get("/en/learning/").status_code == 302


def test_untranslated_lesson_falls_back_with_notice(client, participant, course_tree):
    client.force_login(participant)
    response = client.get("/si/courses/haccp/why/hazards/")
    assert response.status_code == 200
    page = response.content.decode()
    with translation.override("si"):
        notice = translation.gettext(
            "This page is not yet available in your language. It is shown in the "
            "original language."
        )
    assert notice in page
    assert 'lang="en"' in page  # the English text is marked as English
    assert LessonProgress.objects.get().last_language == "si"


def test_text_lesson_page_weight_budget(client, participant, course_tree):
    """A text lesson costs at most 60 KB on first load: HTML, CSS, JS (fonts: the phone's)."""
    from django.contrib.staticfiles import finders

    from courses.demo import _lesson_body
    from courses.demo_content.en import COURSES

    # The longest lesson of the demo courses, as a realistic text lesson.
    lessons = [lesson for c in COURSES for m in c["modules"] for lesson in m["lessons"]]
    longest = max(lessons, key=lambda lesson: len(str(lesson["body"])))
    page = course_tree.lessons[1]
    page.body = _lesson_body(longest["slug"], longest["body"])
    page.save_revision().publish()
    client.force_login(participant)
    html = client.get(page.url).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert assets, "expected the stylesheet and script"
    weight = len(html) + sum(
        len(open(finders.find(a.decode()), "rb").read()) for a in assets
    )
    assert weight < 60 * 1024, f"{weight} bytes"
    assert b"@font-face" not in b"".join(
        open(finders.find(a.decode()), "rb").read() for a in assets
    )


def test_fallback_pages_keep_the_reader_in_their_language(
    client, participant, course_tree
):
    """Sinhala has no translation: the English course is shown under /si/, and its links,
    buttons and redirects stay under /si/."""
    client.force_login(participant)
    page = client.get("/si/courses/haccp/").content.decode()
    assert 'href="/si/courses/haccp/why/hazards/"' in page
    assert 'href="/en/courses/haccp/why/hazards/"' not in page
    lesson = client.get("/si/courses/haccp/why/hygiene/").content.decode()
    assert 'action="/si/courses/haccp/why/hygiene/done/"' in lesson
    response = client.post("/si/courses/haccp/why/hygiene/done/")
    assert response["Location"] == "/si/courses/haccp/principles/ccp/"


def test_staff_reading_a_lesson_do_not_become_participants(
    client, trainer, course_tree
):
    client.force_login(trainer)
    assert client.get(course_tree.lessons[0].url).status_code == 200
    assert not LessonProgress.objects.exists()
