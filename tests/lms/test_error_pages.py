import pytest
from django.contrib.auth.models import AnonymousUser
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


@pytest.mark.parametrize(
    ("view", "language", "status", "heading"),
    [
        (views.permission_denied, "th", 403, "Not allowed"),
        (views.bad_request, "fr", 400, "Something was wrong with the request"),
        (
            views.server_error,
            "vi",
            500,
            "Something went wrong",
        ),  # renders without context
    ],
)
def test_error_pages_speak_the_readers_language(view, language, status, heading):
    request = RequestFactory().get(f"/{language}/")
    request.user = AnonymousUser()
    with translation.override(language):
        response = view(request)
    assert response.status_code == status
    assert _in(language, heading) in response.content.decode()


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
