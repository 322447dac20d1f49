"""Checking an uploaded `.h5p` package before anything is written.

Two layers. First our own scan of the ZIP directory (cheap, reads no file data), which gives
each refusal a clear, translated reason: not a ZIP, too big, too many files, unsafe paths,
symbolic links, file types outside H5P's whitelist (scripts and styles only inside libraries),
suspicious compression. Then `pyh5p` reads the package into memory with the same limits and
validates h5p.json, content.json and the libraries (it never touches the network: only its
`build()` fetches, and we never call it). Last, the rules pyh5p leaves to us: every library's
declared scripts and styles are present, and every dependency is either in the package or
already installed.
"""

from __future__ import annotations

import io
import json
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import pyh5p
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pyh5p.errors import PackageError

# H5P core's whitelist for content files (without Flash). Libraries may add scripts and styles.
CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav "
    "txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp xml csv diff patch md textile vtt "
    "webvtt gltf glb".split()
)
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}
# Our own limit for files over 1 MB; pyh5p applies its looser one (200) to every file.
MAX_COMPRESSION_RATIO = 100
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


class PackageRefused(Exception):
    """The package cannot be installed; `reasons` are sentences for the trainer."""

    def __init__(self, *reasons: str):
        self.reasons = [str(reason) for reason in reasons if reason]
        super().__init__(" ".join(self.reasons))


@dataclass(frozen=True)
class LibraryRef:
    machine_name: str
    major: int
    minor: int

    @property
    def folder_name(self) -> str:
        return f"{self.machine_name}-{self.major}.{self.minor}"

    def __str__(self) -> str:
        return f"{self.machine_name} {self.major}.{self.minor}"


@dataclass
class PackagedLibrary:
    ref: LibraryRef
    patch: int
    title: str
    runnable: bool
    metadata: dict
    files: dict[str, bytes]  # relative to the library's folder
    dependencies: list[LibraryRef]


@dataclass
class CheckedPackage:
    """A package that passed every check, still only in memory."""

    filename: str
    metadata: dict
    main_library: LibraryRef
    libraries: dict[LibraryRef, PackagedLibrary]
    content_files: dict[
        str, bytes
    ]  # h5p.json and content/…, relative to the content folder
    needed: set[LibraryRef] = field(default_factory=set)

    @property
    def title(self) -> str:
        return str(self.metadata.get("title") or "").strip()

    @property
    def language(self) -> str:
        return str(self.metadata.get("language") or "").strip()

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.content_files.values())


def limits() -> pyh5p.PackageLimits:
    return pyh5p.PackageLimits(
        max_files=settings.H5P_MAX_FILES,
        max_file_size=settings.H5P_MAX_EXPANDED_BYTES,
        max_total_size=settings.H5P_MAX_EXPANDED_BYTES,
        allowed_extensions=LIBRARY_EXTENSIONS,
    )


def check_package(
    data: bytes, *, filename: str = "", installed: dict | None = None
) -> CheckedPackage:
    """Every check, in memory. `installed` maps the libraries already on the site (a
    `LibraryRef` to its dependencies), which a package may rely on instead of carrying them.
    Raises `PackageRefused`."""
    installed = installed or {}
    if len(data) > settings.H5P_MAX_PACKAGE_BYTES:
        raise PackageRefused(
            _("The file is %(size)s; an H5P package may be at most %(limit)s.")
            % {
                "size": filesizeformat(len(data)),
                "limit": filesizeformat(settings.H5P_MAX_PACKAGE_BYTES),
            }
        )
    if not data.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(io.BytesIO(data)):
        raise PackageRefused(
            _(
                "This is not an H5P package: an .h5p file is a ZIP archive. Export the "
                "activity again from your H5P tool, with its libraries."
            )
        )
    _scan_directory(data)
    try:
        package = pyh5p.read_package(data, limits=limits())
    except PackageError as error:
        raise PackageRefused(
            _("The package was refused: %(reason)s") % {"reason": error}
        ) from error
    if package.content is None:
        raise PackageRefused(_("The package has no content/content.json."))
    # pyh5p wants the main library inside the package; one already installed will do, and
    # `_main_library` below says which is missing in words a trainer can act on.
    issues = [
        issue
        for issue in package.validate(require_content=True)
        if not (issue.path == "$.h5p.mainLibrary" and issue.keyword == "dependency")
    ]
    if issues:
        raise PackageRefused(
            _("The package does not follow the H5P format:"),
            *[str(issue) for issue in issues[:20]],
        )
    libraries = _libraries(package)
    main = _main_library(package.metadata, libraries, installed)
    needed = _dependency_closure(package.metadata, libraries, installed)
    content_files = {
        name: payload
        for name, payload in package.files.items()
        if name == "h5p.json" or name.startswith("content/")
    }
    return CheckedPackage(
        filename=filename,
        metadata=package.metadata,
        main_library=main,
        libraries=libraries,
        content_files=content_files,
        needed=needed,
    )


def _scan_directory(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    if len(infos) > settings.H5P_MAX_FILES:
        raise PackageRefused(
            _("The package holds %(count)s files; at most %(limit)s are allowed.")
            % {"count": len(infos), "limit": settings.H5P_MAX_FILES}
        )
    names = {info.filename for info in infos}
    if "h5p.json" not in names:
        raise PackageRefused(
            _(
                "The package has no h5p.json at its top level. Export the activity again "
                "from your H5P tool (do not re-zip its folder by hand)."
            )
        )
    if "content/content.json" not in names:
        raise PackageRefused(_("The package has no content/content.json."))
    total = 0
    for info in infos:
        name = info.filename
        path = PurePosixPath(name)
        if (
            name.startswith(("/", "\\"))
            or "\\" in name
            or ":" in name
            or "\x00" in name
            or any(part in ("..", ".") for part in path.parts)
        ):
            raise PackageRefused(
                _("The package refers to a file outside itself (%(name)s).")
                % {"name": name}
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageRefused(
                _("The package contains a symbolic link (%(name)s).") % {"name": name}
            )
        if info.is_dir():
            continue
        extension = path.suffix.lower().lstrip(".")
        allowed = (
            CONTENT_EXTENSIONS
            if path.parts[0] in ("content", "h5p.json")
            else (LIBRARY_EXTENSIONS)
        )
        if extension not in allowed:
            raise PackageRefused(
                _(
                    "The file %(name)s is not allowed in an H5P package: only media, "
                    "documents and data files (and scripts and styles inside libraries)."
                )
                % {"name": name}
            )
        total += info.file_size
        if total > settings.H5P_MAX_EXPANDED_BYTES:
            raise PackageRefused(
                _("Unpacked, the package would take more than %(limit)s.")
                % {"limit": filesizeformat(settings.H5P_MAX_EXPANDED_BYTES)}
            )
        if info.file_size > 1024 * 1024 and (
            info.file_size / max(info.compress_size, 1) > MAX_COMPRESSION_RATIO
        ):
            raise PackageRefused(
                _(
                    'The file %(name)s is compressed suspiciously well (a "zip bomb"); '
                    "the package was refused."
                )
                % {"name": name}
            )


def _ref(value) -> LibraryRef:
    return LibraryRef(
        str(value["machineName"]),
        int(value["majorVersion"]),
        int(value["minorVersion"]),
    )


def _libraries(package) -> dict[LibraryRef, PackagedLibrary]:
    result: dict[LibraryRef, PackagedLibrary] = {}
    for packaged in package.libraries:
        meta = packaged.metadata
        try:
            ref = _ref(meta)
            patch = int(meta.get("patchVersion", 0))
            dependencies = [
                _ref(dependency)
                for key in ("preloadedDependencies", "dynamicDependencies")
                for dependency in meta.get(key) or []
            ]
        except (KeyError, TypeError, ValueError) as error:
            raise PackageRefused(
                _("A library's library.json is incomplete (%(error)s).")
                % {"error": error}
            ) from error
        if not str(meta.get("title") or "").strip():
            raise PackageRefused(
                _("The library %(library)s has no title in its library.json.")
                % {"library": ref}
            )
        missing = [
            str(entry.get("path", "?")) if isinstance(entry, dict) else str(entry)
            for key in ("preloadedJs", "preloadedCss")
            for entry in (meta.get(key) if isinstance(meta.get(key), list) else [])
            if not isinstance(entry, dict) or entry.get("path") not in packaged.files
        ]
        if missing:
            raise PackageRefused(
                _("The library %(library)s is missing its files: %(files)s.")
                % {"library": ref, "files": ", ".join(map(str, missing))}
            )
        result[ref] = PackagedLibrary(
            ref=ref,
            patch=patch,
            title=str(meta["title"]).strip(),
            runnable=bool(meta.get("runnable")),
            metadata=meta,
            files=dict(packaged.files),
            dependencies=dependencies,
        )
    return result


def _main_library(metadata, libraries, installed) -> LibraryRef:
    name = metadata.get("mainLibrary")
    candidates = [
        _ref(dependency)
        for dependency in metadata.get("preloadedDependencies") or []
        if isinstance(dependency, dict) and dependency.get("machineName") == name
    ]
    if not candidates:
        raise PackageRefused(
            _(
                "h5p.json names %(library)s as its main library but does not depend on it."
            )
            % {"library": name}
        )
    main = candidates[0]
    if main in libraries:
        if not libraries[main].runnable:
            raise PackageRefused(
                _("The main library %(library)s cannot run on its own.")
                % {"library": main}
            )
    elif main not in installed:
        raise PackageRefused(
            _(
                "The package does not include its main library, %(library)s. Export it "
                "again with its libraries."
            )
            % {"library": main}
        )
    return main


def _dependency_closure(metadata, libraries, installed) -> set[LibraryRef]:
    try:
        pending = [_ref(d) for d in metadata.get("preloadedDependencies") or []]
    except (KeyError, TypeError, ValueError) as error:
        raise PackageRefused(
            _("h5p.json lists a dependency without name or version.")
        ) from error
    needed: set[LibraryRef] = set()
    missing: list[str] = []
    while pending:
        ref = pending.pop()
        if ref in needed:
            continue
        needed.add(ref)
        if ref in libraries:
            pending.extend(libraries[ref].dependencies)
        elif ref in installed:
            pending.extend(installed[ref])
        else:
            missing.append(str(ref))
    if missing:
        raise PackageRefused(
            _(
                "The package needs libraries it does not include: %(libraries)s. Export it "
                "again with its libraries."
            )
            % {"libraries": ", ".join(sorted(missing))}
        )
    return needed


def read_json(payload: bytes):
    return json.loads(payload.decode("utf-8"))
