import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_me_needs_authentication(api):
    assert api.get("/api/v1/me/").status_code in (401, 403)


def test_me_returns_only_the_callers_own_data(
    api, participant, trainer, django_assert_max_num_queries
):
    api.force_authenticate(participant)
    with django_assert_max_num_queries(6):
        data = api.get("/api/v1/me/").json()
    assert data["id"] == participant.pk
    assert data["full_name"] == participant.full_name
    assert data["role"] == "Participant"
    assert data["profile"]["gender"] == "female"
    assert data["profile"]["cluster"] == str(participant.participant_profile.cluster)
    assert trainer.email not in str(data)


def test_token_by_phone_then_me(api, participant, password):
    response = api.post(
        "/api/v1/auth/token/", {"username": participant.phone, "password": password}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").json()["id"] == participant.pk


def test_token_with_wrong_password(api, participant):
    response = api.post(
        "/api/v1/auth/token/", {"username": participant.phone, "password": "no"}
    )
    assert response.status_code == 400


def test_me_patch_changes_language_not_identity(api, participant):
    api.force_authenticate(participant)
    response = api.patch(
        "/api/v1/me/",
        {"preferred_language": "ta", "email": "someone@else.org"},
        format="json",
    )
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.preferred_language == "ta"
    assert participant.email != "someone@else.org"


def test_me_patch_rejects_unknown_language(api, participant):
    api.force_authenticate(participant)
    response = api.patch("/api/v1/me/", {"preferred_language": "xx"}, format="json")
    assert response.status_code == 400
    assert "preferred_language" in response.json()


def test_me_put_and_delete_are_not_allowed(api, participant):
    api.force_authenticate(participant)
    assert api.delete("/api/v1/me/").status_code == 405
    assert api.put("/api/v1/me/", {}, format="json").status_code == 405


def test_schema_describes_our_api_only(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/me/" in paths
    assert all(path.startswith("/api/v1/") for path in paths)


def test_docs_load_no_third_party_scripts(api):
    response = api.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "cdn.jsdelivr" not in page and "unpkg" not in page
    assert "/static/drf_spectacular_sidecar/" in page
