import pytest
from django.test import override_settings
from django.utils import translation

pytestmark = pytest.mark.django_db

SIGN_IN = "/en/accounts/sign-in/"


def sign_in(client, username, password, url=SIGN_IN, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def test_sign_in_page_renders(client):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    assert b'autocomplete="username"' in response.content
    assert b'autocomplete="current-password"' in response.content


def test_participant_signs_in_with_email(client, participant, password):
    response = sign_in(client, participant.email.upper(), password)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/account/"


@pytest.mark.parametrize("typed", ["{phone}", "00{bare}", "+{spaced}"])
def test_participant_signs_in_with_phone_as_typed(client, participant, password, typed):
    bare = participant.phone.lstrip("+")
    spaced = " ".join([bare[:2], bare[2:4], bare[4:7], bare[7:]])
    username = typed.format(phone=participant.phone, bare=bare, spaced=spaced)
    response = sign_in(client, username, password)
    assert response.status_code == 302, username


def test_sign_in_lands_in_the_persons_language(client, password):
    from tests.factories import make_participant

    user = make_participant(preferred_language="km")
    response = sign_in(client, user.email, password)
    assert response["Location"] == "/km/accounts/account/"
    assert response.cookies["lms_language"].value == "km"


def test_staff_land_in_the_admin(client, trainer, password):
    response = sign_in(client, trainer.email, password)
    assert response["Location"] == "/admin/"


def test_next_is_followed_but_only_on_this_site(client, participant, password):
    response = client.post(
        SIGN_IN,
        {"username": participant.email, "password": password, "next": "/en/about/"},
    )
    assert response["Location"] == "/en/about/"
    client.logout()
    response = client.post(
        SIGN_IN,
        {
            "username": participant.email,
            "password": password,
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/en/accounts/account/"


def test_wrong_password_is_401_with_a_clear_message(client, participant):
    response = sign_in(client, participant.email, "wrong")
    assert response.status_code == 401
    assert "do not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_phone_is_401_in_the_pages_language(client):
    response = sign_in(
        client, "+94 70 000 0000", "whatever", url="/km/accounts/sign-in/"
    )
    assert response.status_code == 401
    with translation.override("km"):
        message = translation.gettext(
            "That email or phone number and password do not match an account. "
            "Check both and try again."
        )
    assert message != "That email or phone number and password do not match an account."
    assert message in response.content.decode()


def test_empty_form_is_401_with_field_errors(client):
    response = sign_in(client, "", "")
    assert response.status_code == 401
    assert "This field is required." in response.content.decode()


def test_inactive_account_cannot_sign_in(client, participant, password):
    participant.is_active = False
    participant.save()
    response = sign_in(client, participant.email, password)
    assert response.status_code == 401


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_repeated_failures_pause_sign_in(client, participant, password):
    for _ in range(3):
        assert sign_in(client, participant.email, "wrong").status_code == 401
    response = sign_in(client, participant.email, password)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signed_in_person_visiting_sign_in_goes_on(client, participant):
    client.force_login(participant)
    response = client.get(SIGN_IN)
    assert response.status_code == 302


def test_sign_out_needs_post_and_ends_the_session(client, participant):
    client.force_login(participant)
    assert client.get("/en/accounts/sign-out/").status_code == 405
    response = client.post("/en/accounts/sign-out/")
    assert response.status_code in (200, 302)
    assert "_auth_user_id" not in client.session
