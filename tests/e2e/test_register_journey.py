"""A trainer takes the register for a workshop on a phone; a participant finds the session
on My schedule, in Sinhala, on a desktop."""

import pytest

from cohorts import services
from cohorts.models import Attendance
from tests.e2e.conftest import in_language, sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_trainer_takes_the_register_on_a_phone(
    live_server, phone_page, screenshot, cohort_set
):
    people = cohort_set.participants[:3]
    for person in people:
        services.enrol(cohort=cohort_set.cohort, user=person)
    page = phone_page
    sign_in(page, live_server.url, cohort_set.trainer.email, PASSWORD)
    page.goto(f"{live_server.url}/en/schedule/")
    page.get_by_role("link", name="Take the register").first.click()
    page.get_by_role("heading", name="Register").wait_for()
    for person, status in zip(people, ("Present", "Late", "Excused"), strict=True):
        page.get_by_role("group", name=person.full_name).get_by_label(status).check()
    screenshot(page, "register-phone-en")
    page.get_by_role("button", name="Save the register").click()
    page.get_by_text("Register saved (3 changed).").wait_for()
    assert {a.user_id: a.status for a in Attendance.objects.all()} == {
        people[0].pk: "present",
        people[1].pk: "late",
        people[2].pk: "excused",
    }
    # The page shows what was saved, and the counts.
    assert (
        page.get_by_role("group", name=people[1].full_name)
        .get_by_label("Late")
        .is_checked()
    )
    page.get_by_text("Let participants check in with a QR code").click()
    assert page.locator(".qr svg").is_visible()
    screenshot(page, "register-phone-en-saved")


def test_a_participant_reads_their_schedule_in_sinhala(
    live_server, desktop_page, screenshot, cohort_set
):
    person = cohort_set.participants[0]
    services.enrol(cohort=cohort_set.cohort, user=person)
    page = desktop_page
    sign_in(page, live_server.url, person.email, PASSWORD, language="si")
    page.goto(f"{live_server.url}/si/schedule/")
    page.get_by_role(
        "heading", name=in_language("si", "My schedule"), exact=True
    ).wait_for()
    page.get_by_role("link", name="Visit to Matale growers").click()
    page.get_by_text("Kegalle bus stand").wait_for()
    screenshot(page, "session-desktop-si")
