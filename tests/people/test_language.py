import pytest
from django.utils import translation

from lms.languages import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


def _translated(language, text):
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_language_has_its_prefix_and_translated_layout(client, language):
    response = client.get(f"/{language}/accounts/sign-in/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    assert response["Content-Language"] == language
    if language != "en":
        sign_in = _translated(language, "Sign in")
        assert sign_in != "Sign in", f"'Sign in' is not translated into {language}"
        assert sign_in in page
        assert _translated(language, "Skip to content") in page


def test_unprefixed_address_uses_the_signed_in_persons_language(client):
    from tests.factories import make_participant

    user = make_participant(preferred_language="bn")
    client.force_login(user)
    response = client.get("/accounts/account/")
    assert response.status_code == 302
    assert response["Location"] == "/bn/accounts/account/"


def test_unprefixed_address_for_visitors_uses_their_browser(client):
    response = client.get("/accounts/sign-in/", HTTP_ACCEPT_LANGUAGE="ta,en;q=0.5")
    assert response["Location"] == "/ta/accounts/sign-in/"


def test_the_url_prefix_wins_over_the_preference(client):
    from tests.factories import make_participant

    client.force_login(make_participant(preferred_language="bn"))
    response = client.get("/si/accounts/account/")
    assert response.status_code == 200
    assert '<html lang="si"' in response.content.decode()


def test_switching_language_remembers_it_and_stays_on_the_page(client, participant):
    client.force_login(participant)
    response = client.post(
        "/language/", {"language": "si", "next": "/en/accounts/account/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/si/accounts/account/"
    assert response.cookies["lms_language"].value == "si"
    participant.refresh_from_db()
    assert participant.preferred_language == "si"


def test_switching_language_as_a_visitor(client):
    response = client.post("/language/", {"language": "km", "next": "/en/"})
    assert response["Location"] == "/km/"


def test_unknown_language_code_is_refused_kindly(client):
    response = client.post(
        "/language/", {"language": "xx", "next": "/en/accounts/sign-in/"}, follow=True
    )
    assert response.status_code == 200
    assert "That language is not offered here." in response.content.decode()


def test_language_switch_ignores_foreign_next(client):
    response = client.post(
        "/language/", {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/fr/"


def test_language_switch_needs_post(client):
    assert client.get("/language/").status_code == 405


def test_unconfigured_language_prefix_is_a_404_page(client):
    response = client.get("/de/", HTTP_ACCEPT_LANGUAGE="si")
    # No /de/ here: the visitor is sent on to their own language, which has no such page.
    assert response.status_code in (302, 404)
    final = client.get("/de/", follow=True, HTTP_ACCEPT_LANGUAGE="si")
    assert final.status_code == 404
    assert _translated("si", "Page not found") in final.content.decode()


def test_missing_page_is_404_in_the_readers_language(client):
    response = client.get("/km/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="km"' in page
    assert _translated("km", "Page not found") in page
