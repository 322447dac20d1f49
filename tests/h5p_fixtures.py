"""Real `.h5p` packages for the tests, built from the small content type in
`interactive/demo_content/h5p` (no registry on PyPI or npm ships ready-made `.h5p` files),
and the malicious ones every upload must refuse."""

import io
import json
import stat
import zipfile

import pytest

from interactive import demo, services


def h5p_package(**fields) -> bytes:
    """A valid package: the demo content type with its two libraries."""
    return demo.build_package(**fields)


def rezip(data: bytes, *, drop=(), add=None, replace=None, symlinks=None) -> bytes:
    """A copy of a package with files dropped, added or replaced, or symbolic links added."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename in drop:
                continue
            payload = (replace or {}).get(info.filename, source.read(info))
            target.writestr(info.filename, payload)
        for name, payload in (add or {}).items():
            target.writestr(name, payload)
        for name, points_to in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            target.writestr(info, points_to)
    return buffer.getvalue()


def library_json(folder="H5P.ClusterCheck-1.0") -> dict:
    return json.loads(demo.library_files()[f"{folder}/library.json"])


def zip_bomb() -> bytes:
    """A package whose content holds 30 MB of zeros, compressed to a few kilobytes."""
    return rezip(h5p_package(), add={"content/images/huge.json": b"0" * 30_000_000})


MALICIOUS = {
    "zip-slip": (
        lambda: rezip(h5p_package(), add={"../../evil.json": b"{}"}),
        "outside itself",
    ),
    "zip-slip-inside": (
        lambda: rezip(h5p_package(), add={"content/../../evil.json": b"{}"}),
        "outside itself",
    ),
    "absolute-path": (
        lambda: rezip(h5p_package(), add={"/etc/evil.json": b"{}"}),
        "outside itself",
    ),
    "backslash-path": (
        lambda: rezip(h5p_package(), add={"content\\..\\..\\evil.json": b"{}"}),
        "outside itself",
    ),
    "symlink": (
        lambda: rezip(h5p_package(), symlinks={"content/passwd.txt": "/etc/passwd"}),
        "symbolic link",
    ),
    "zip-bomb": (zip_bomb, "zip bomb"),
    "php-file": (
        lambda: rezip(
            h5p_package(),
            add={"H5P.ClusterCheck-1.0/shell.php": b"<?php system($_GET[1]);"},
        ),
        "shell.php",
    ),
    "html-file": (
        lambda: rezip(
            h5p_package(), add={"content/page.html": b"<script>alert(1)</script>"}
        ),
        "page.html",
    ),
    "script-in-content": (
        lambda: rezip(h5p_package(), add={"content/steal.js": b"fetch('/api/v1/me/')"}),
        "steal.js",
    ),
    "missing-h5p-json": (
        lambda: rezip(h5p_package(), drop={"h5p.json"}),
        "no h5p.json",
    ),
    "missing-content-json": (
        lambda: rezip(h5p_package(), drop={"content/content.json"}),
        "content/content.json",
    ),
    "library-without-its-js": (
        lambda: rezip(h5p_package(), drop={"H5P.ClusterCheck-1.0/cluster-check.js"}),
        "missing its files: cluster-check.js",
    ),
    "missing-dependency": (
        lambda: rezip(
            h5p_package(),
            drop={
                "H5P.ClusterTheme-1.0/library.json",
                "H5P.ClusterTheme-1.0/cluster-theme.css",
            },
        ),
        "H5P.ClusterTheme 1.0",
    ),
    "without-libraries": (
        lambda: h5p_package(with_libraries=False),
        "does not include its main library",
    ),
    "not-a-zip": (lambda: b"This is a Word document, honestly.", "not an H5P package"),
    "broken-h5p-json": (
        lambda: rezip(h5p_package(), replace={"h5p.json": b"{not json"}),
        "h5p.json",
    ),
    "main-library-not-runnable": (
        lambda: rezip(
            h5p_package(),
            replace={
                "H5P.ClusterCheck-1.0/library.json": json.dumps(
                    {**library_json(), "runnable": 0}
                ).encode()
            },
        ),
        "cannot run on its own",
    ),
}


@pytest.fixture
def h5p_storage(settings, tmp_path):
    """Each test its own private storage folder (the suite runs in parallel)."""
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            **settings.STORAGES["private"],
            "OPTIONS": {
                **settings.STORAGES["private"]["OPTIONS"],
                "location": str(root),
            },
        },
    }
    return root


@pytest.fixture
def h5p_activity(db, h5p_storage):
    """The demo activity installed, in English."""
    return services.install_package(
        services.check(h5p_package(question="Is it safe?"), filename="check.h5p"),
        language="en",
    )


@pytest.fixture
def h5p_lesson(course_tree, h5p_activity):
    """The course's "activity passed" lesson, holding the H5P activity."""
    lesson = course_tree.lessons[3]
    lesson.body = [
        {"type": "paragraph", "value": "<p>Try it.</p>"},
        {"type": "h5p", "value": {"content": h5p_activity.pk}},
    ]
    lesson.save_revision().publish()
    return lesson


def statement(verb="completed", raw=1, max_score=1, success=True, **extra):
    """An xAPI statement as H5P's core makes it."""
    result = {"completion": True, "duration": "PT4S"}
    if raw is not None:
        result["score"] = {"min": 0, "max": max_score, "raw": raw}
        if max_score:
            result["score"]["scaled"] = raw / max_score
    if success is not None:
        result["success"] = success
    body = {
        "actor": {
            "account": {"name": "abc", "homePage": "http://x"},
            "objectType": "Agent",
        },
        "verb": {
            "id": f"http://adlnet.gov/expapi/verbs/{verb}",
            "display": {"en-US": verb},
        },
        "object": {
            "id": "http://testserver/h5p/play/x/",
            "objectType": "Activity",
            "definition": {
                "extensions": {"http://h5p.org/x-api/h5p-local-content-id": 1}
            },
        },
        "result": result,
    }
    body.update(extra)
    return body
