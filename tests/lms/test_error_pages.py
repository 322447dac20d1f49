import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from lms import views

pytestmark = pytest.mark.django_db


def _in(language, text):
    with translation.override(language):
        return translation.gettext(text)


def test_expired_form_is_a_403_page_in_the_readers_language():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/bn/accounts/sign-in/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert _in("bn", "The form had expired") in page
    assert '<html lang="bn"' in page


def test_permission_denied_page():
    request = RequestFactory().get("/th/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override("th"):
        response = views.permission_denied(request)
    assert response.status_code == 403
    assert _in("th", "Not allowed") in response.content.decode()


def test_server_error_page_renders_without_context():
    request = RequestFactory().get("/vi/")
    with translation.override("vi"):
        response = views.server_error(request)
    assert response.status_code == 500
    assert _in("vi", "Something went wrong") in response.content.decode()


def test_bad_request_page():
    request = RequestFactory().get("/fr/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override("fr"):
        response = views.bad_request(request)
    assert response.status_code == 400
    assert (
        _in("fr", "Something was wrong with the request") in response.content.decode()
    )


def test_oversized_upload_is_refused_before_storing(client, participant):
    client.force_login(participant)
    body = "x" * (11 * 1024 * 1024)
    response = client.post(
        "/en/accounts/account/",
        {"full_name": body, "preferred_language": "en"},
    )
    assert response.status_code == 400
    participant.refresh_from_db()
    assert participant.full_name != body
