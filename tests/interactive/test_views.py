"""The player page and package files: sandboxed, cacheable, seekable; and the lesson's H5P
block in the reader's language."""

import pytest
from django.test import Client

from interactive import services
from tests import factories
from tests.h5p_fixtures import h5p_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client()


def test_the_player_page_is_sandboxed(client, h5p_activity):
    response = client.get(f"/h5p/play/{h5p_activity.uuid}/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox allow-scripts ")
    assert "allow-same-origin" not in policy
    assert "frame-ancestors 'self'" in policy
    html = response.content.decode()
    assert "/static/h5p-standalone/main.bundle.js" in html
    assert f"/h5p/files/content/{h5p_activity.uuid}" in html
    assert "cdn" not in html.lower()


def test_the_player_of_an_unknown_activity_is_not_found(client, db):
    response = client.get(
        "/h5p/play/00000000-0000-0000-0000-000000000000/", follow=True
    )
    assert response.status_code == 404


def test_package_files_are_served_for_an_opaque_origin_and_sandboxed(
    client, h5p_activity
):
    response = client.get(f"/h5p/files/content/{h5p_activity.uuid}/h5p.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "max-age=31536000" in response["Cache-Control"]
    script = client.get("/h5p/files/libraries/H5P.ClusterCheck-1.0/cluster-check.js")
    assert script["Content-Type"] == "text/javascript"
    assert "Content-Security-Policy" not in script
    assert b"H5P.ClusterCheck" in b"".join(script.streaming_content)


def test_byte_ranges_let_media_seek(client, h5p_activity):
    url = f"/h5p/files/content/{h5p_activity.uuid}/h5p.json"
    whole = b"".join(client.get(url).streaming_content)
    part = client.get(url, headers={"Range": "bytes=2-9"})
    assert part.status_code == 206
    assert part.content == whole[2:10]
    assert part["Content-Range"] == f"bytes 2-9/{len(whole)}"
    tail = client.get(url, headers={"Range": "bytes=-5"})
    assert tail.content == whole[-5:]
    assert client.get(url, headers={"Range": "bytes=99999-"}).status_code == 416


@pytest.mark.parametrize(
    "path",
    [
        "content/../../../lms/settings/base.py",
        "libraries/..%2F..%2Fsecret",
        "other/file.json",
        "content/",
        "libraries/.hidden/x.js",
        "content/00000000-0000-0000-0000-000000000000/h5p.json",
    ],
)
def test_nothing_outside_installed_packages_is_served(client, h5p_activity, path):
    assert client.get(f"/h5p/files/{path}", follow=True).status_code == 404


def _lesson_html(client, lesson, language="en"):
    url = lesson.get_url()
    if language != "en":
        url = url.replace("/en/", f"/{language}/", 1)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_lesson_plays_the_activity_in_a_sandboxed_frame(
    client, h5p_lesson, h5p_activity
):
    html = _lesson_html(client, h5p_lesson)
    assert f'src="/h5p/play/{h5p_activity.uuid}/"' in html
    assert 'sandbox="allow-scripts allow-popups' in html
    assert "allow-same-origin" not in html
    assert "Sign in to keep your result." in html
    assert "data-h5p-endpoint" not in html


def test_a_signed_in_participant_gets_the_endpoint_and_their_best_result(
    client, participant, h5p_lesson, h5p_activity
):
    from tests.h5p_fixtures import statement

    services.record_statement(
        user=participant,
        content=h5p_activity,
        key="6b1e1a6e-1111-4a4a-9c9c-123456789abc",
        statement=statement(raw=2, max_score=4, success=False),
    )
    client.force_login(participant)
    html = _lesson_html(client, h5p_lesson)
    assert 'data-h5p-endpoint="/api/v1/h5p/statements/"' in html
    assert f'data-h5p-page="{h5p_lesson.pk}"' in html
    assert "Your best result: 2 of 4." in html


def test_the_reader_gets_the_version_in_their_language(
    client, participant, h5p_activity, h5p_lesson, khmer_tree
):
    khmer = services.install_package(
        services.check(h5p_package(title="ខ្មែរ")),
        language="km",
        translation_of=h5p_activity,
    )
    participant.preferred_language = "km"
    participant.save()
    client.force_login(participant)
    html = _lesson_html(client, h5p_lesson, "km")
    assert f"/h5p/play/{khmer.uuid}/" in html
    # Tamil has no version: the original plays, and the page says in which language.
    html = _lesson_html(client, h5p_lesson, "ta")
    assert f"/h5p/play/{h5p_activity.uuid}/" in html
    assert 'class="hint"' in html and "English" in html


def test_someone_without_a_result_sees_none(client, h5p_lesson):
    client.force_login(factories.make_trainer())
    html = _lesson_html(client, h5p_lesson)
    assert '<p class="h5p-status" role="status" aria-live="polite"></p>' in html
