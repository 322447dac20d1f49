import re

import pytest

from tests.e2e.conftest import in_language, sign_in
from tests.factories import PASSWORD, make_participant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _km(text):
    return in_language("km", text)


def test_participant_walks_a_lesson_in_khmer_on_a_phone(
    live_server, phone_page, screenshot, course_tree, khmer_tree
):
    user = make_participant(preferred_language="km", phone="+85512000101")
    page = phone_page
    sign_in(page, live_server.url, "+855 12 000 101", PASSWORD, language="km")
    page.wait_for_url("**/km/accounts/account/")

    # From My learning's empty state to the Khmer course.
    km_course = khmer_tree[course_tree.course.pk]
    page.goto(f"{live_server.url}{km_course.url}")
    assert page.locator("html").get_attribute("lang") == "km"
    assert page.get_by_role("heading", level=1).inner_text() == km_course.title
    page.get_by_role("link", name=_km("Start the course")).click()

    # First lesson: done on opening; the course bar moves to 1 of 4.
    page.wait_for_url(f"**{khmer_tree[course_tree.lessons[0].pk].url}")
    course_bar = page.locator(".lesson-finish progress")
    assert course_bar.get_attribute("value") == "1"
    assert course_bar.get_attribute("max") == "4"
    screenshot(page, "phone-km-lesson")

    # Second lesson is marked done by hand; the bar moves to 2 of 4.
    page.get_by_role("link", name=re.compile(_km("Next lesson"))).click()
    page.wait_for_url(f"**{khmer_tree[course_tree.lessons[1].pk].url}")
    page.get_by_role("button", name=_km("Mark as done")).click()
    page.wait_for_url(f"**{khmer_tree[course_tree.lessons[2].pk].url}")
    assert page.locator(".lesson-finish progress").get_attribute("value") == "2"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # My learning shows the same progress, in Khmer.
    page.goto(f"{live_server.url}/km/learning/")
    assert page.get_by_role("heading", level=1).inner_text() == _km("My learning")
    assert page.locator("progress").first.get_attribute("value") == "2"
    screenshot(page, "phone-km-my-learning")

    # The same progress shows in English: it belongs to the lesson, not the language.
    page.goto(f"{live_server.url}{course_tree.course.url}")
    assert page.locator(".card progress").first.get_attribute("value") == "2"
    assert user.lesson_progress.count() == 3


def test_lessons_work_without_javascript(live_server, browser, course_tree, screenshot):
    """Cheap phones often run with scripts off or failing: reading and marking done work."""
    make_participant(email="nojs@example.org")
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, java_script_enabled=False
    )
    page = context.new_page()
    sign_in(page, live_server.url, "nojs@example.org", PASSWORD)
    page.wait_for_url("**/en/accounts/account/")
    page.goto(f"{live_server.url}{course_tree.lessons[1].url}")
    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_url(f"**{course_tree.lessons[2].url}")
    assert page.locator(".lesson-finish progress").get_attribute("value") == "1"
    # The language menu is a plain disclosure: it opens without scripts too.
    page.locator("details.lang-switch summary").click()
    assert page.get_by_role("button", name="ខ្មែរ").is_visible()
    screenshot(page, "phone-en-no-javascript")
    context.close()
