"""The cohort admin: each role sees its own programmes and cohorts; officers enrol, import
(preview then confirm), approve, withdraw; session times are in the session's zone; clashes
are announced."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cohorts import services
from cohorts.models import Cohort, Enrolment, Programme, Session
from people.models import User
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/cohorts/programmes/",
        "/admin/cohorts/cohorts/",
        "/admin/cohorts/cohorts/new/",
        "/admin/cohorts/sessions/",
        "/admin/cohorts/sessions/new/",
        "/admin/cohorts/venues/",
    ],
)
def test_officer_screens_render(client, cohort_set, url):
    client.force_login(cohort_set.officer)
    assert client.get(url).status_code == 200


def test_each_officer_sees_their_own_programmes_and_cohorts(client, cohort_set):
    stranger = factories.make_officer()
    client.force_login(stranger)
    assert (
        cohort_set.cohort.name
        not in client.get("/admin/cohorts/cohorts/").content.decode()
    )
    assert (
        client.get(f"/admin/cohorts/cohorts/edit/{cohort_set.cohort.pk}/").status_code
        == 404
    )
    assert client.get(
        f"/admin/cohort-people/{cohort_set.cohort.pk}/people/"
    ).status_code in (302, 403)
    client.force_login(cohort_set.officer)
    assert (
        cohort_set.cohort.name in client.get("/admin/cohorts/cohorts/").content.decode()
    )
    assert (
        client.get(f"/admin/cohort-people/{cohort_set.cohort.pk}/people/").status_code
        == 200
    )


def test_a_trainer_sees_the_people_but_cannot_change_enrolment(client, cohort_set):
    client.force_login(cohort_set.trainer)
    page = client.get(f"/admin/cohort-people/{cohort_set.cohort.pk}/people/")
    assert page.status_code == 200
    response = client.post(
        f"/admin/cohort-people/{cohort_set.cohort.pk}/people/enrol/",
        {"who": cohort_set.participants[0].email},
    )
    assert response.status_code in (302, 403)  # Wagtail sends the refused back home
    assert not Enrolment.objects.exists()


def test_participants_never_reach_the_cohort_admin(client, cohort_set):
    client.force_login(cohort_set.participants[0])
    for url in (
        "/admin/cohorts/cohorts/",
        f"/admin/cohort-people/{cohort_set.cohort.pk}/people/",
    ):
        assert client.get(url).status_code in (302, 403)


def test_an_officer_enrols_by_phone_and_withdraws_with_a_reason(client, cohort_set):
    person = cohort_set.participants[0]
    client.force_login(cohort_set.officer)
    base = f"/admin/cohort-people/{cohort_set.cohort.pk}/people"
    spaced = person.phone[:3] + " " + person.phone[3:]
    client.post(f"{base}/enrol/", {"who": spaced})
    enrolment = Enrolment.objects.get(user=person)
    assert enrolment.status == "enrolled"
    response = client.post(
        f"{base}/{enrolment.pk}/withdraw/", {"reason": ""}, follow=True
    )
    assert "Say why" in response.content.decode()
    client.post(f"{base}/{enrolment.pk}/withdraw/", {"reason": "Moved away"})
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.reason) == ("withdrawn", "Moved away")
    response = client.post(f"{base}/enrol/", {"who": "+94 00 000 0000"}, follow=True)
    assert "No participant has" in response.content.decode()


def test_requests_are_accepted_or_declined(client, cohort_set):
    request = services.request_to_join(
        cohort=cohort_set.cohort, user=cohort_set.participants[0]
    )
    client.force_login(cohort_set.officer)
    base = f"/admin/cohort-people/{cohort_set.cohort.pk}/people"
    assert "Asked to join" in client.get(f"{base}/").content.decode()
    client.post(f"{base}/{request.pk}/approve/")
    request.refresh_from_db()
    assert request.status == "enrolled"


def test_import_previews_then_confirms_once(client, cohort_set):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cohort_set.officer)
    base = f"/admin/cohort-people/{cohort_set.cohort.pk}/people"
    csv = b"name,phone\nRupa,+94 77 300 0001\nNadee,+94 77 300 0002\n"
    preview = client.post(f"{base}/import/", {"file": SimpleUploadedFile("p.csv", csv)})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "new account: will be created and enrolled" in html
    assert not User.objects.filter(full_name="Rupa").exists()
    token = html.split('name="token" value="')[1].split('"')[0]
    client.post(f"{base}/import/", {"confirm": "1", "token": token})
    assert Enrolment.objects.filter(cohort=cohort_set.cohort).count() == 2
    again = client.post(
        f"{base}/import/", {"confirm": "1", "token": token}, follow=True
    )
    assert "already done or has expired" in again.content.decode()
    assert Enrolment.objects.count() == 2


def test_a_bad_import_shows_every_row_and_offers_no_import_button(client, cohort_set):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cohort_set.officer)
    base = f"/admin/cohort-people/{cohort_set.cohort.pk}/people"
    csv = b"name,phone\n,+94 77 300 0001\nNadee,12\n"
    html = client.post(
        f"{base}/import/", {"file": SimpleUploadedFile("p.csv", csv)}
    ).content.decode()
    assert "2 rows have problems" in html
    assert "The name is missing." in html
    assert 'name="confirm"' not in html
    wrong = client.post(
        f"{base}/import/",
        {
            "file": SimpleUploadedFile(
                "p.csv", "name,phone\nJosé,+94773000009\n".encode("latin-1")
            )
        },
        follow=True,
    )
    assert "CSV UTF-8" in wrong.content.decode()


def test_session_times_are_entered_in_the_sessions_zone_and_clashes_announced(
    client, cohort_set
):
    client.force_login(cohort_set.officer)
    workshop = cohort_set.workshop
    day = workshop.local_start.date()
    response = client.post(
        "/admin/cohorts/sessions/new/",
        {
            "cohort": cohort_set.cohort.pk,
            "kind": "workshop",
            "title": "Packaging clinic",
            "starts_at": f"{day} 10:00",
            "ends_at": f"{day} 12:00",
            "time_zone": "Asia/Phnom_Penh",
            "facilitators": [cohort_set.trainer.pk],
            "venue": cohort_set.venue.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    session = Session.objects.get(title="Packaging clinic")
    assert session.starts_at == datetime(
        day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Phnom_Penh")
    )
    html = response.content.decode()
    assert "at the same time" in html
    edit = client.get(f"/admin/cohorts/sessions/edit/{session.pk}/").content.decode()
    assert f"{day} 10:00" in edit


def test_a_session_ending_before_it_starts_is_refused_in_the_form(client, cohort_set):
    client.force_login(cohort_set.officer)
    day = cohort_set.workshop.local_start.date()
    response = client.post(
        "/admin/cohorts/sessions/new/",
        {
            "cohort": cohort_set.cohort.pk,
            "kind": "workshop",
            "title": "Backwards",
            "starts_at": f"{day} 12:00",
            "ends_at": f"{day} 10:00",
            "time_zone": "Asia/Colombo",
        },
    )
    assert response.status_code == 200
    assert "must end after it starts" in response.content.decode()
    assert not Session.objects.filter(title="Backwards").exists()


def test_people_list_exports(client, cohort_set):
    services.enrol(cohort=cohort_set.cohort, user=cohort_set.participants[0])
    client.force_login(cohort_set.officer)
    csv = client.get(f"/admin/cohort-people/{cohort_set.cohort.pk}/people/export/")
    assert cohort_set.participants[0].full_name in csv.content.decode("utf-8-sig")
    assert Programme.objects.count() == 1 and Cohort.objects.count() == 1


def test_no_way_into_someone_elses_cohort_through_copy_history_or_facilitating(
    client, cohort_set
):
    stranger = factories.make_officer()
    cohort_set.workshop.facilitators.add(
        stranger
    )  # facilitates one session: sees, not edits
    client.force_login(stranger)
    cohort, session = cohort_set.cohort, cohort_set.workshop
    for url in (
        f"/admin/cohorts/cohorts/edit/{cohort.pk}/",
        f"/admin/cohorts/cohorts/delete/{cohort.pk}/",
        f"/admin/cohorts/cohorts/copy/{cohort.pk}/",
        f"/admin/cohorts/sessions/edit/{session.pk}/",
        f"/admin/cohorts/sessions/copy/{session.pk}/",
        f"/admin/cohorts/programmes/edit/{cohort_set.programme.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/admin/cohorts/cohorts/history/{cohort.pk}/").status_code == 200
    other = factories.make_officer()
    client.force_login(other)
    assert client.get(f"/admin/cohorts/cohorts/history/{cohort.pk}/").status_code == 404


def test_a_dash_or_nonsense_enrols_nobody(client, cohort_set):
    factories.make_participant(phone=None, email="no-phone@example.org")
    client.force_login(cohort_set.officer)
    base = f"/admin/cohort-people/{cohort_set.cohort.pk}/people"
    for who in ("-", "()", "x"):
        response = client.post(f"{base}/enrol/", {"who": who}, follow=True)
        assert "No participant has" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_more_places_on_the_form_go_to_the_waiting_list_first(client, cohort_set):
    cohort, people = cohort_set.cohort, cohort_set.participants
    for person in people[:4]:
        services.enrol(cohort=cohort, user=person)
    assert Enrolment.objects.get(user=people[3]).status == "waitlisted"
    client.force_login(cohort_set.officer)
    form = client.get(f"/admin/cohorts/cohorts/edit/{cohort.pk}/").context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not hasattr(value, "all")
    }
    data.update(
        programme=cohort.programme.pk,
        capacity=5,
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
        trainers=[cohort_set.trainer.pk],
        courses=[],
        officers=[],
    )
    data = {
        k: v
        for k, v in data.items()
        if k not in ("venue", "pre_test", "post_test") or v
    }
    response = client.post(f"/admin/cohorts/cohorts/edit/{cohort.pk}/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Enrolment.objects.get(user=people[3]).status == "enrolled"
    # Someone new now takes a free place, never one someone was waiting for.
    services.enrol(cohort=cohort, user=people[4])
    assert Enrolment.objects.get(user=people[4]).status == "enrolled"


def test_a_session_smaller_than_the_cohort_is_flagged(client, cohort_set):
    for person in cohort_set.participants[:3]:
        services.enrol(cohort=cohort_set.cohort, user=person)
    client.force_login(cohort_set.officer)
    day = cohort_set.workshop.local_start.date()
    response = client.post(
        "/admin/cohorts/sessions/new/",
        {
            "cohort": cohort_set.cohort.pk,
            "kind": "visit",
            "title": "Small bus",
            "starts_at": f"{day} 06:00",
            "ends_at": f"{day} 07:00",
            "time_zone": "Asia/Colombo",
            "capacity": 2,
        },
        follow=True,
    )
    html = response.content.decode()
    assert "3 participants are enrolled in the cohort, more than this session" in html
    assert "2 places" in html
