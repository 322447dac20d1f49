"""Every package is checked before anything is written: the malicious ones are refused with
a reason a trainer can act on, and neither storage nor the database changes."""

import pytest
from django.core.management import CommandError, call_command

from interactive import services
from interactive.models import H5PContent, H5PLibrary
from interactive.packages import PackageRefused, check_package
from tests.h5p_fixtures import MALICIOUS, h5p_package, rezip

pytestmark = pytest.mark.django_db


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_valid_package_passes_every_check():
    checked = check_package(h5p_package(title="Safe habits", language="si"))
    assert checked.title == "Safe habits"
    assert checked.language == "si"
    assert str(checked.main_library) == "H5P.ClusterCheck 1.0"
    assert {str(ref) for ref in checked.needed} == {
        "H5P.ClusterCheck 1.0",
        "H5P.ClusterTheme 1.0",
    }
    assert set(checked.content_files) == {"h5p.json", "content/content.json"}


@pytest.mark.parametrize("name", sorted(MALICIOUS))
def test_malicious_packages_are_refused_and_nothing_is_written(name, h5p_storage):
    build, reason = MALICIOUS[name]
    data = build()
    with pytest.raises(PackageRefused) as refused:
        services.check(data, filename=f"{name}.h5p")
    assert reason in " ".join(refused.value.reasons)
    assert stored_files(h5p_storage) == []
    assert not H5PContent.objects.exists()
    assert not H5PLibrary.objects.exists()


@pytest.mark.parametrize("name", sorted(MALICIOUS))
def test_the_command_refuses_them_too_and_exits_non_zero(name, h5p_storage, tmp_path):
    build, reason = MALICIOUS[name]
    path = tmp_path / f"{name}.h5p"
    path.write_bytes(build())
    with pytest.raises(CommandError) as error:
        call_command("import_h5p", str(path))
    assert "refused" in str(error.value)
    assert reason in str(error.value)
    assert stored_files(h5p_storage) == []
    assert not H5PContent.objects.exists()


def test_limits_on_size_and_file_count(settings):
    data = h5p_package()
    settings.H5P_MAX_PACKAGE_BYTES = len(data) - 1
    with pytest.raises(PackageRefused, match="may be at most"):
        check_package(data)
    settings.H5P_MAX_PACKAGE_BYTES = 10 * 1024 * 1024
    settings.H5P_MAX_FILES = 5
    with pytest.raises(PackageRefused, match="at most 5 are allowed"):
        check_package(data)
    settings.H5P_MAX_FILES = 5000
    settings.H5P_MAX_EXPANDED_BYTES = 1000
    with pytest.raises(PackageRefused, match="more than 1000"):
        check_package(data)


def test_refusals_are_in_the_trainers_language():
    from django.utils import translation

    with translation.override("fr"), pytest.raises(PackageRefused) as refused:
        check_package(b"not a zip")
    with translation.override("en"):
        english = str(PackageRefused(*refused.value.reasons))
    assert "not an H5P package" not in english


def test_a_package_may_rely_on_libraries_already_installed(h5p_storage):
    services.install_package(services.check(h5p_package(), filename="first.h5p"))
    content_only = h5p_package(with_libraries=False, title="Second")
    installed = services.install_package(services.check(content_only))
    assert installed.main_library.machine_name == "H5P.ClusterCheck"
    assert installed.libraries.count() == 2


def test_a_missing_library_file_in_an_otherwise_valid_library_is_named():
    data = rezip(h5p_package(), drop={"H5P.ClusterTheme-1.0/cluster-theme.css"})
    with pytest.raises(PackageRefused, match="H5P.ClusterTheme 1.0 is missing"):
        check_package(data)


def test_checking_and_installing_never_reach_the_network(h5p_storage, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("an H5P upload tried to reach the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    content = services.install_package(services.check(h5p_package(), filename="a.h5p"))
    assert content.pk
