"""Extraction: content under its own folder, libraries shared by name and major.minor
version (a newer patch replaces the files), language versions, replacing and deleting."""

import json

import pytest
from django.core.management import call_command

from interactive import services
from interactive.models import H5PContent, H5PLibrary, H5PResult
from interactive.packages import PackageRefused
from tests.h5p_fixtures import h5p_package, library_json, rezip

pytestmark = pytest.mark.django_db


def install(data=None, **options):
    return services.install_package(
        services.check(data or h5p_package(), filename="x.h5p"), **options
    )


def test_extracts_the_content_and_the_libraries_where_the_player_looks(h5p_storage):
    content = install(h5p_package(title="Safe habits", question="Is it safe?"))
    folder = h5p_storage / "h5p" / "content" / str(content.uuid)
    assert json.loads((folder / "h5p.json").read_text())["title"] == "Safe habits"
    assert json.loads((folder / "content" / "content.json").read_text())[
        "question"
    ] == ("Is it safe?")
    libraries = h5p_storage / "h5p" / "libraries"
    assert sorted(p.name for p in libraries.iterdir()) == [
        "H5P.ClusterCheck-1.0",
        "H5P.ClusterTheme-1.0",
    ]
    assert (libraries / "H5P.ClusterCheck-1.0" / "cluster-check.js").is_file()
    assert content.title == "Safe habits"
    assert content.content_type_label == "H5P.ClusterCheck 1.0"
    assert content.licence_label == "CC BY-SA 4.0"
    assert content.author_names == "Cluster Academy"
    assert content.file_count == 2
    assert content.size_bytes > 0


def test_packages_stay_out_of_the_public_media_folder(h5p_storage, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    install()
    assert not (tmp_path / "public").exists()
    assert (h5p_storage / "h5p" / "libraries").is_dir()


def test_libraries_are_shared_between_activities(h5p_storage):
    first = install(h5p_package(title="One"))
    second = install(h5p_package(title="Two"))
    assert H5PLibrary.objects.count() == 2
    assert set(first.libraries.all()) == set(second.libraries.all())
    assert first.main_library == second.main_library
    folders = list((h5p_storage / "h5p" / "libraries").iterdir())
    assert len(folders) == 2
    # Both content folders, one per activity.
    assert len(list((h5p_storage / "h5p" / "content").iterdir())) == 2


def _with_patch(patch, js=b"/* patched */"):
    files = {
        "H5P.ClusterCheck-1.0/library.json": json.dumps(
            {**library_json(), "patchVersion": patch}
        ).encode()
    }
    if js is not None:
        files["H5P.ClusterCheck-1.0/cluster-check.js"] = (
            h5p_package_file("H5P.ClusterCheck-1.0/cluster-check.js") + js
        )
    return rezip(h5p_package(), replace=files)


def h5p_package_file(name):
    from interactive.demo import library_files

    return library_files()[name]


def test_a_newer_patch_version_replaces_the_library_files_an_older_one_does_not(
    h5p_storage,
):
    install()
    script = (
        h5p_storage / "h5p" / "libraries" / "H5P.ClusterCheck-1.0" / "cluster-check.js"
    )
    install(_with_patch(3))
    assert H5PLibrary.objects.get(machine_name="H5P.ClusterCheck").patch_version == 3
    assert script.read_bytes().endswith(b"/* patched */")
    install(_with_patch(1, js=b"/* older */"))
    assert H5PLibrary.objects.get(machine_name="H5P.ClusterCheck").patch_version == 3
    assert script.read_bytes().endswith(b"/* patched */")
    assert H5PLibrary.objects.count() == 2


def test_language_from_the_package_the_trainer_or_the_default(h5p_storage, settings):
    assert install(h5p_package(language="km")).language == "km"
    assert install(h5p_package(language="km-KH", title="b")).language == "km"
    assert (
        install(h5p_package(language="und", title="c")).language
        == settings.LANGUAGE_CODE
    )
    assert install(h5p_package(title="d"), language="rw").language == "rw"
    with pytest.raises(PackageRefused, match="not one of the site's languages"):
        install(h5p_package(title="e"), language="xx")


def test_language_versions_are_linked_and_one_per_language(h5p_storage):
    english = install(h5p_package(title="Safe?"), language="en")
    sinhala = install(
        h5p_package(title="ආරක්ෂිතද?"), language="si", translation_of=english
    )
    assert sinhala.translation_group == english.translation_group
    assert list(english.translations()) == [sinhala]
    assert english.in_language("si") == sinhala
    assert english.in_language("km", "si") == sinhala
    assert english.in_language("km") == english
    assert sinhala.in_language("en") == english
    with pytest.raises(PackageRefused, match="already is a version"):
        install(h5p_package(title="again"), language="si", translation_of=english)
    assert H5PContent.objects.count() == 2


def test_link_translation_after_the_fact(h5p_storage):
    english = install(language="en")
    khmer = install(h5p_package(title="km"), language="km")
    services.link_translation(khmer, english)
    assert english.in_language("km") == khmer
    other_khmer = install(h5p_package(title="km2"), language="km")
    with pytest.raises(PackageRefused):
        services.link_translation(other_khmer, english)


def test_replacing_a_package_keeps_results_and_removes_the_old_files(
    h5p_storage, participant, django_capture_on_commit_callbacks
):
    content = install(h5p_package(title="Old"), language="en")
    old_folder = h5p_storage / "h5p" / "content" / str(content.uuid)
    H5PResult.objects.create(
        user=participant,
        content=content,
        first_at="2026-01-01T00:00Z",
        last_at="2026-01-01T00:00Z",
    )
    with django_capture_on_commit_callbacks(execute=True):
        replaced = services.install_package(
            services.check(h5p_package(title="New", question="Better?")),
            replace=content,
        )
    assert replaced.pk == content.pk
    assert replaced.title == "New"
    assert replaced.language == "en"
    assert not old_folder.exists()
    new_folder = h5p_storage / "h5p" / "content" / str(replaced.uuid)
    assert "Better?" in (new_folder / "content" / "content.json").read_text()
    assert H5PResult.objects.filter(content=content).count() == 1


def test_deleting_an_activity_removes_its_files_but_not_shared_libraries(
    h5p_storage, django_capture_on_commit_callbacks
):
    content = install()
    folder = h5p_storage / "h5p" / "content" / str(content.uuid)
    assert folder.exists()
    with django_capture_on_commit_callbacks(execute=True):
        content.delete()
    assert not folder.exists()
    assert (h5p_storage / "h5p" / "libraries" / "H5P.ClusterCheck-1.0").exists()


def test_a_failure_while_recording_leaves_no_files(h5p_storage, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_record_libraries", broken)
    with pytest.raises(RuntimeError):
        install()
    assert [p for p in h5p_storage.rglob("*") if p.is_file()] == []


def test_import_h5p_command_installs_with_title_and_language(
    h5p_storage, tmp_path, capsys
):
    path = tmp_path / "hygiene.h5p"
    path.write_bytes(h5p_package(title="From the package"))
    call_command(
        "import_h5p", str(path), "--title", "Hygiene check", "--language", "ta"
    )
    content = H5PContent.objects.get()
    assert (content.title, content.language) == ("Hygiene check", "ta")
    assert content.source_filename == "hygiene.h5p"
    assert "installed as H5P activity" in capsys.readouterr().out
    tamil = content
    path.write_bytes(h5p_package(title="Bengali one"))
    call_command(
        "import_h5p", str(path), "--language", "bn", "--translation-of", str(tamil.pk)
    )
    assert (
        H5PContent.objects.get(language="bn").translation_group
        == tamil.translation_group
    )
