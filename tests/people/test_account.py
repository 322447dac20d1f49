import pytest

pytestmark = pytest.mark.django_db

ACCOUNT = "/en/accounts/account/"


def test_account_needs_sign_in(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/?next=")


def test_account_shows_the_participants_own_details(
    client, participant, django_assert_max_num_queries
):
    client.force_login(participant)
    with django_assert_max_num_queries(12):
        response = client.get(ACCOUNT)
    page = response.content.decode()
    assert response.status_code == 200
    assert participant.full_name in page
    assert participant.participant_profile.cluster.name in page
    assert "Participant" in page


def test_participant_changes_name_and_language(client, participant):
    client.force_login(participant)
    response = client.post(
        ACCOUNT,
        {"full_name": "Kumari W.", "short_name": "Kumari", "preferred_language": "si"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/si/accounts/account/"
    participant.refresh_from_db()
    assert participant.full_name == "Kumari W."
    assert participant.preferred_language == "si"


def test_bad_input_keeps_what_was_typed(client, participant):
    client.force_login(participant)
    response = client.post(
        ACCOUNT, {"full_name": "", "short_name": "Kumari", "preferred_language": "xx"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert 'value="Kumari"' in page
    participant.refresh_from_db()
    assert participant.full_name.startswith("Participant")


def test_password_change(client, participant, password):
    client.force_login(participant)
    url = "/en/accounts/account/password/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "old_password": password,
            "new_password1": "mushrooms-in-kegalle",
            "new_password2": "mushrooms-in-kegalle",
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.check_password("mushrooms-in-kegalle")


def test_password_change_with_wrong_old_password(client, participant):
    client.force_login(participant)
    response = client.post(
        "/en/accounts/account/password/",
        {"old_password": "nope", "new_password1": "x", "new_password2": "x"},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
