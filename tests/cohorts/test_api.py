"""The cohort API for every role: a participant sees their own, a trainer their cohorts, an
officer their programmes; writes follow the same rules as the pages."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from cohorts import services
from cohorts.models import Attendance, Cohort, Enrolment, Programme
from tests import factories
from tests.cohort_fixtures import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def two_programmes(cohort_set):
    """A second programme with its own officer, trainer, cohort, session and participant."""
    officer, trainer = factories.make_officer(), factories.make_trainer()
    programme = Programme.objects.create(name="Women potters network")
    programme.officers.add(officer)
    cohort = Cohort.objects.create(
        programme=programme,
        name="Dan Kwian potters",
        language="th",
        starts_on=cohort_set.cohort.starts_on,
        ends_on=cohort_set.cohort.ends_on,
    )
    cohort.trainers.add(trainer)
    session = make_session(cohort, cohort_set.workshop.starts_at + timedelta(days=30))
    person = factories.make_participant()
    services.enrol(cohort=cohort, user=person)
    for p in cohort_set.participants[:2]:
        services.enrol(cohort=cohort_set.cohort, user=p)
    return type(
        "Other",
        (),
        {
            "officer": officer,
            "trainer": trainer,
            "cohort": cohort,
            "session": session,
            "person": person,
        },
    )


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


def test_each_role_sees_its_own(api, cohort_set, two_programmes):
    mine, theirs = cohort_set.cohort, two_programmes.cohort
    cases = {
        cohort_set.officer: [mine.pk],
        cohort_set.trainer: [mine.pk],
        two_programmes.officer: [theirs.pk],
        cohort_set.participants[0]: [mine.pk],
        cohort_set.participants[4]: [],  # not enrolled anywhere
        factories.make_administrator(): sorted([mine.pk, theirs.pk]),
    }
    for user, expected in cases.items():
        api.force_authenticate(user)
        assert ids(api.get("/api/v1/cohorts/")) == expected, user
    api.force_authenticate(cohort_set.participants[0])
    assert ids(api.get("/api/v1/programmes/")) == [cohort_set.programme.pk]
    assert ids(api.get("/api/v1/sessions/")) == sorted(
        [cohort_set.workshop.pk, cohort_set.visit.pk]
    )
    enrolments = api.get("/api/v1/enrolments/").json()["results"]
    assert [row["user"] for row in enrolments] == [cohort_set.participants[0].pk]
    api.force_authenticate(cohort_set.trainer)
    rows = api.get("/api/v1/enrolments/").json()["results"]
    assert {row["cohort"] for row in rows} == {mine.pk}
    assert api.get(f"/api/v1/cohorts/{theirs.pk}/").status_code == 404


def test_anonymous_gets_nothing(api, cohort_set):
    for url in (
        "/api/v1/programmes/",
        "/api/v1/cohorts/",
        "/api/v1/sessions/",
        "/api/v1/enrolments/",
        "/api/v1/attendance/",
    ):
        assert api.get(url).status_code in (401, 403)


def test_only_the_cohorts_officers_enrol(api, cohort_set, two_programmes):
    person = cohort_set.participants[3]
    body = {"cohort": cohort_set.cohort.pk, "user": person.pk}
    for outsider in (
        two_programmes.officer,
        cohort_set.trainer,
        cohort_set.participants[0],
    ):
        api.force_authenticate(outsider)
        assert api.post("/api/v1/enrolments/", body, format="json").status_code == 403
    api.force_authenticate(cohort_set.officer)
    response = api.post("/api/v1/enrolments/", body, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "enrolled"
    enrolment_id = response.json()["id"]
    refused = api.post(
        f"/api/v1/enrolments/{enrolment_id}/withdraw/", {"reason": ""}, format="json"
    )
    assert refused.status_code == 400
    done = api.post(
        f"/api/v1/enrolments/{enrolment_id}/withdraw/", {"reason": "Ill"}, format="json"
    )
    assert done.json()["status"] == "withdrawn"
    staff = api.post(
        "/api/v1/enrolments/",
        {"cohort": cohort_set.cohort.pk, "user": cohort_set.trainer.pk},
        format="json",
    )
    assert staff.status_code == 400


def test_participants_ask_to_join_open_cohorts(api, cohort_set, two_programmes):
    api.force_authenticate(cohort_set.participants[4])
    response = api.post(f"/api/v1/cohorts/{cohort_set.cohort.pk}/join/")
    assert response.status_code == 201
    assert response.json()["status"] == "requested"
    closed = api.post(f"/api/v1/cohorts/{two_programmes.cohort.pk}/join/")
    assert closed.status_code in (404, 409)


def test_the_register_by_api_for_the_cohorts_trainer_only(
    api, cohort_set, two_programmes
):
    person = cohort_set.participants[0]
    body = {"session": cohort_set.workshop.pk, "user": person.pk, "status": "late"}
    api.force_authenticate(two_programmes.trainer)
    assert api.post("/api/v1/attendance/", body, format="json").status_code == 403
    api.force_authenticate(cohort_set.trainer)
    response = api.post("/api/v1/attendance/", body, format="json")
    assert response.status_code == 201
    # A second trainer who saw the empty register must not overwrite it silently.
    conflict = api.post(
        "/api/v1/attendance/", {**body, "status": "absent", "seen": ""}, format="json"
    )
    assert conflict.status_code == 409, conflict.content
    assert Attendance.objects.get().status == "late"
    outsider = {**body, "user": two_programmes.person.pk}
    assert api.post("/api/v1/attendance/", outsider, format="json").status_code == 400
    api.force_authenticate(person)
    assert len(api.get("/api/v1/attendance/").json()["results"]) == 1
    api.force_authenticate(two_programmes.person)
    assert api.get("/api/v1/attendance/").json()["results"] == []


def test_check_in_by_api(api, cohort_set, two_programmes, monkeypatch):
    person = cohort_set.participants[0]
    session = cohort_set.workshop
    api.force_authenticate(person)
    early = api.post(
        "/api/v1/attendance/check-in/", {"token": session.check_in_token}, format="json"
    )
    assert early.status_code == 400
    assert "30 minutes" in early.json()["detail"]
    from django.utils import timezone

    monkeypatch.setattr(
        timezone, "now", lambda: session.starts_at + timedelta(minutes=5)
    )
    ok = api.post(
        "/api/v1/attendance/check-in/", {"token": session.check_in_token}, format="json"
    )
    assert ok.status_code == 201
    assert ok.json()["status"] == "present"
    other = api.post(
        "/api/v1/attendance/check-in/",
        {"token": two_programmes.session.check_in_token},
        format="json",
    )
    assert other.status_code == 400
    assert Enrolment.objects.filter(user=person).count() == 1


def test_odd_input_never_gives_a_500(api, cohort_set):
    api.force_authenticate(cohort_set.officer)
    assert api.get("/api/v1/sessions/?cohort=²").status_code == 200
    assert api.get("/api/v1/enrolments/?cohort=²").status_code == 200
    assert api.get("/api/v1/attendance/?session=²").status_code == 200
    enrolment = services.enrol(
        cohort=cohort_set.cohort, user=cohort_set.participants[0]
    )
    url = f"/api/v1/enrolments/{enrolment.pk}/withdraw/"
    assert api.post(url, {"reason": None}, format="json").status_code == 400
    assert api.post(url, ["x"], format="json").status_code == 400
