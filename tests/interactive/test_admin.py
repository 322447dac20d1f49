"""The H5P admin: trainers upload, replace and link language versions; a refused package
says why and stores nothing; officers read results; participants never get in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interactive import services
from interactive.models import H5PContent
from tests.cohort_fixtures import share_cohort
from tests.h5p_fixtures import MALICIOUS, h5p_package, statement

pytestmark = pytest.mark.django_db
ADD = "/admin/snippets/interactive/h5pcontent/add/"


def upload(data, name="activity.h5p"):
    return SimpleUploadedFile(name, data, content_type="application/zip")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/interactive/h5pcontent/",
        ADD,
        "/admin/h5p-results/results/",
    ],
)
def test_trainer_screens_render(client, trainer, h5p_activity, url):
    client.force_login(trainer)
    assert client.get(url).status_code == 200


def test_edit_and_inspect_render(client, trainer, h5p_activity):
    client.force_login(trainer)
    base = "/admin/snippets/interactive/h5pcontent"
    assert client.get(f"{base}/edit/{h5p_activity.pk}/").status_code == 200
    inspect = client.get(f"{base}/inspect/{h5p_activity.pk}/")
    assert inspect.status_code == 200
    assert "H5P.ClusterCheck 1.0" in inspect.content.decode()


def test_a_trainer_uploads_a_package(client, trainer, h5p_storage):
    client.force_login(trainer)
    response = client.post(
        ADD,
        {
            "package": upload(h5p_package(title="Safe habits", language="ta")),
            "title": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    content = H5PContent.objects.get()
    assert (content.title, content.language) == ("Safe habits", "ta")
    assert content.uploaded_by == trainer
    assert (h5p_storage / "h5p" / "content" / str(content.uuid) / "h5p.json").exists()


def test_a_refused_package_says_why_and_stores_nothing(client, trainer, h5p_storage):
    client.force_login(trainer)
    build, reason = MALICIOUS["zip-slip"]
    response = client.post(ADD, {"package": upload(build()), "title": "Evil"})
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not H5PContent.objects.exists()
    assert not [p for p in h5p_storage.rglob("*") if p.is_file()]


def test_a_package_is_required_to_add(client, trainer):
    client.force_login(trainer)
    response = client.post(ADD, {"title": "Nothing"})
    assert response.status_code == 200
    assert not H5PContent.objects.exists()


def test_a_language_version_is_linked_from_the_upload_form(
    client, trainer, h5p_activity
):
    client.force_login(trainer)
    response = client.post(
        ADD,
        {
            "package": upload(h5p_package(title="සිංහල")),
            "language": "si",
            "translation_of": h5p_activity.pk,
        },
    )
    assert response.status_code == 302
    sinhala = H5PContent.objects.get(language="si")
    assert sinhala.translation_group == h5p_activity.translation_group
    # A second Sinhala version of the same activity is refused, with a reason.
    response = client.post(
        ADD,
        {
            "package": upload(h5p_package(title="again")),
            "language": "si",
            "translation_of": h5p_activity.pk,
        },
    )
    assert response.status_code == 200
    assert H5PContent.objects.filter(language="si").count() == 1


def test_editing_replaces_the_package_or_just_the_details(
    client, trainer, h5p_activity
):
    client.force_login(trainer)
    url = f"/admin/snippets/interactive/h5pcontent/edit/{h5p_activity.pk}/"
    old_uuid = h5p_activity.uuid
    response = client.post(
        url, {"title": "Renamed", "language": "en", "pass_mark": "60"}
    )
    assert response.status_code == 302
    h5p_activity.refresh_from_db()
    assert (h5p_activity.title, h5p_activity.pass_mark, h5p_activity.uuid) == (
        "Renamed",
        60,
        old_uuid,
    )
    response = client.post(
        url,
        {
            "package": upload(h5p_package(title="Corrected")),
            "title": "",
            "language": "en",
            "pass_mark": "60",
        },
    )
    assert response.status_code == 302
    h5p_activity.refresh_from_db()
    assert h5p_activity.uuid != old_uuid
    assert h5p_activity.title == "Renamed"  # the form's title wins over the package's
    assert h5p_activity.pass_mark == 60


def test_officers_read_results_but_cannot_upload(
    client, officer, participant, h5p_activity
):
    services.record_statement(
        user=participant,
        content=h5p_activity,
        key="6b1e1a6e-1111-4a4a-9c9c-123456789abc",
        statement=statement(raw=3, max_score=4),
    )
    share_cohort(officer, participant)
    client.force_login(officer)
    assert client.get(ADD).status_code in (302, 403)
    report = client.get("/admin/h5p-results/results/")
    assert report.status_code == 200
    assert "75%" in report.content.decode()
    export = client.get(f"/admin/h5p-results/results/{h5p_activity.pk}/")
    assert export.status_code == 200
    text = export.content.decode("utf-8-sig")
    assert participant.full_name in text
    assert "75.0" in text
    xlsx = client.get(f"/admin/h5p-results/results/{h5p_activity.pk}/?format=xlsx")
    assert xlsx.content[:2] == b"PK"


def test_participants_never_reach_the_h5p_admin(client, participant, h5p_activity):
    client.force_login(participant)
    for url in (
        ADD,
        "/admin/h5p-results/results/",
        f"/admin/h5p-results/results/{h5p_activity.pk}/",
    ):
        assert client.get(url).status_code in (302, 403)


def test_a_huge_upload_is_not_kept_and_the_form_says_how_big_it_was(
    client, trainer, h5p_storage, settings
):
    settings.FILE_UPLOAD_MAX_BYTES = settings.H5P_MAX_PACKAGE_BYTES = 2000
    client.force_login(trainer)
    data = (
        h5p_package() + b"\0" * 5000
    )  # the bytes after the cap are dropped on arrival
    response = client.post(ADD, {"package": upload(data), "title": "Huge"})
    assert response.status_code == 200
    assert "an H5P package may be at most 2.0" in response.content.decode()
    assert not H5PContent.objects.exists()
    assert not [p for p in h5p_storage.rglob("*") if p.is_file()]


def test_an_activity_with_results_is_not_deleted(
    client, trainer, participant, h5p_activity
):
    url = f"/admin/snippets/interactive/h5pcontent/delete/{h5p_activity.pk}/"
    client.force_login(trainer)
    assert client.get(url).status_code == 200  # nothing hangs on it yet
    services.record_statement(
        user=participant,
        content=h5p_activity,
        key="6b1e1a6e-2222-4a4a-9c9c-123456789abc",
        statement=statement(),
    )
    response = client.post(url, follow=True)
    assert "1 participant has a result in this activity" in response.content.decode()
    assert H5PContent.objects.filter(pk=h5p_activity.pk).exists()


def test_a_pass_mark_over_100_is_refused_on_the_form(client, trainer, h5p_storage):
    client.force_login(trainer)
    response = client.post(ADD, {"package": upload(h5p_package()), "pass_mark": "150"})
    assert response.status_code == 200
    assert not H5PContent.objects.exists()


def test_a_bulk_delete_keeps_activities_with_results(
    client, trainer, participant, h5p_activity
):
    other = services.install_package(services.check(h5p_package(title="Other")))
    services.record_statement(
        user=participant,
        content=h5p_activity,
        key="6b1e1a6e-3333-4a4a-9c9c-123456789abc",
        statement=statement(),
    )
    client.force_login(trainer)
    url = (
        "/admin/bulk/interactive/h5pcontent/delete/"
        f"?next=/admin/snippets/interactive/h5pcontent/&id={h5p_activity.pk}&id={other.pk}"
    )
    response = client.post(url, follow=True)
    assert "has a result in this activity" in response.content.decode()
    assert H5PContent.objects.count() == 2
