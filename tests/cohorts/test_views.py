"""My schedule, a session's page, the register and QR check-in pages, asking to join —
each only for the people it belongs to."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts import services
from cohorts.models import Attendance, Enrolment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(cohort_set):
    for person in cohort_set.participants[:3]:
        services.enrol(cohort=cohort_set.cohort, user=person)
    return cohort_set.participants[:3]


def test_my_schedule_for_a_participant_and_a_trainer(client, cohort_set, enrolled):
    client.force_login(enrolled[0])
    html = client.get("/en/schedule/").content.decode()
    assert "HACCP workshop" in html and "Visit to Matale growers" in html
    assert "Kegalle bus stand" in html
    assert "Take the register" not in html
    client.force_login(cohort_set.trainer)
    html = client.get("/en/schedule/").content.decode()
    assert "Take the register" in html


def test_an_open_cohort_can_be_asked_to_join(client, cohort_set):
    outsider = cohort_set.participants[4]
    client.force_login(outsider)
    assert "Ask to join" in client.get("/en/schedule/").content.decode()
    response = client.post(
        f"/en/schedule/cohorts/{cohort_set.cohort.pk}/join/", follow=True
    )
    assert "An officer will answer soon" in response.content.decode()
    assert Enrolment.objects.get(user=outsider).status == "requested"


def test_a_session_page_only_for_its_people(client, cohort_set, enrolled):
    url = f"/en/schedule/sessions/{cohort_set.visit.pk}/"
    client.force_login(enrolled[0])
    html = client.get(url).content.decode()
    assert "geo:7.467500,80.623400" in html
    client.force_login(cohort_set.participants[4])
    assert client.get(url).status_code == 404
    client.force_login(factories.make_trainer())
    assert client.get(url).status_code == 404


def test_the_register_page_saves_and_reports_conflicts(client, cohort_set, enrolled):
    url = f"/en/schedule/sessions/{cohort_set.workshop.pk}/register/"
    client.force_login(enrolled[0])
    assert client.get(url).status_code == 403
    client.force_login(cohort_set.trainer)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # the QR code, drawn on the server
    assert enrolled[0].full_name in html
    post = {f"u{p.pk}": "present" for p in enrolled} | {
        f"seen{p.pk}": "" for p in enrolled
    }
    response = client.post(url, post, follow=True)
    assert "Register saved (3 changed)" in response.content.decode()
    assert Attendance.objects.filter(status="present").count() == 3
    # A stale page (rows were empty when it was shown) does not overwrite.
    post[f"u{enrolled[0].pk}"] = "absent"
    response = client.post(url, post, follow=True)
    assert "changed by someone else" in response.content.decode()
    assert Attendance.objects.get(user=enrolled[0]).status == "present"


def test_qr_check_in_page(client, cohort_set, enrolled, monkeypatch):
    session = cohort_set.workshop
    url = f"/en/schedule/check-in/{session.check_in_token}/"
    client.force_login(enrolled[0])
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert "Check-in opens 30 minutes before" in response.content.decode()
    monkeypatch.setattr(
        timezone, "now", lambda: session.starts_at + timedelta(minutes=20)
    )
    response = client.post(url, follow=True)
    assert "You are checked in: Late." in response.content.decode()
    assert client.get("/en/schedule/check-in/not-a-token/").status_code == 404


def test_check_in_needs_a_sign_in(client, cohort_set):
    response = client.get(
        f"/en/schedule/check-in/{cohort_set.workshop.check_in_token}/"
    )
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_the_schedule_in_sinhala(client, cohort_set, enrolled):
    client.force_login(enrolled[0])
    html = client.get("/si/schedule/").content.decode()
    from django.utils import translation

    with translation.override("si"):
        assert translation.gettext("My schedule") in html


def test_a_cohort_whose_enrolment_window_has_closed_is_not_offered(client, cohort_set):
    from datetime import date

    cohort = cohort_set.cohort
    cohort.enrolment_closes = date(2020, 1, 1)
    cohort.save()
    client.force_login(cohort_set.participants[4])
    assert "Ask to join" not in client.get("/en/schedule/").content.decode()


def test_the_waiting_list_shows_each_persons_place_in_line(client, cohort_set):
    people = cohort_set.participants
    for person in people:
        services.enrol(cohort=cohort_set.cohort, user=person)  # 3 places: 2 wait
    client.force_login(people[4])
    html = client.get("/en/schedule/").content.decode()
    assert "number 2 on the waiting list" in html
    client.force_login(people[3])
    assert (
        "number 1 on the waiting list" in client.get("/en/schedule/").content.decode()
    )
