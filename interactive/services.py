"""Every write with a rule: installing an H5P package (libraries shared, content extracted
under its own folder), replacing and deleting one, and recording a participant's result from
the player's xAPI statements."""

from __future__ import annotations

import logging
import math
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.signals import activity_passed
from interactive.models import H5PContent, H5PLibrary, H5PResult, H5PStatement
from interactive.packages import (
    CheckedPackage,
    LibraryRef,
    PackageRefused,
    check_package,
)
from lms.storage import private_storage

logger = logging.getLogger(__name__)

XAPI_VERBS = "http://adlnet.gov/expapi/verbs/"
# Statements that report on the activity as a whole; others (interacted, attempted,
# progressed…) are not sent by the player and are refused here.
COUNTED_VERBS = {
    XAPI_VERBS + verb for verb in ("answered", "completed", "passed", "failed")
}
SUB_CONTENT = "http://h5p.org/x-api/h5p-subContentId"
MAX_SCORE = Decimal(100_000)


# ---- Installing ------------------------------------------------------------------------


def installed_libraries() -> dict[LibraryRef, list[LibraryRef]]:
    """What is on the site already, for `check_package`: each library and its dependencies."""
    result = {}
    for library in H5PLibrary.objects.all():
        meta = library.metadata or {}
        result[
            LibraryRef(
                library.machine_name, library.major_version, library.minor_version
            )
        ] = [
            LibraryRef(
                str(d["machineName"]), int(d["majorVersion"]), int(d["minorVersion"])
            )
            for key in ("preloadedDependencies", "dynamicDependencies")
            for d in meta.get(key) or []
            if isinstance(d, dict)
        ]
    return result


def check(data: bytes, *, filename: str = "") -> CheckedPackage:
    return check_package(data, filename=filename, installed=installed_libraries())


def package_language(package: CheckedPackage) -> str:
    """The site language the package says it is in, else the site's default."""
    return _language(None, package)


def _language(requested: str | None, package: CheckedPackage) -> str:
    configured = dict(settings.LANGUAGES)
    if requested:
        if requested not in configured:
            raise PackageRefused(
                _("“%(code)s” is not one of the site's languages.")
                % {"code": requested}
            )
        return requested
    code = package.language.lower()
    if code in configured:
        return code
    if code.split("-")[0] in configured:
        return code.split("-")[0]
    return settings.LANGUAGE_CODE


def _licence(metadata: dict) -> tuple[str, str, list]:
    authors = [
        {"name": str(a.get("name", ""))[:200], "role": str(a.get("role", ""))[:50]}
        for a in metadata.get("authors") or []
        if isinstance(a, dict) and a.get("name")
    ][:20]
    return (
        str(metadata.get("license") or "")[:50],
        str(metadata.get("licenseVersion") or "")[:10],
        authors,
    )


def install_package(
    package: CheckedPackage,
    *,
    title: str = "",
    language: str | None = None,
    translation_of: H5PContent | None = None,
    replace: H5PContent | None = None,
    user=None,
    pass_mark: int | None = None,
) -> H5PContent:
    """Write a checked package to storage and record it. Libraries are shared: one folder
    per name and major.minor version, rewritten only by a newer patch version. `replace`
    swaps the package of an existing activity (its results stay). Nothing is left in storage
    when this fails."""
    language = _language(language, package)
    title = (title or package.title or package.filename or _("H5P activity")).strip()[
        :255
    ]
    group = (
        translation_of.translation_group
        if translation_of
        else replace.translation_group
        if replace
        else uuid.uuid4()
    )
    clash = H5PContent.objects.filter(translation_group=group, language=language)
    if replace:
        clash = clash.exclude(pk=replace.pk)
    if clash.exists():
        raise PackageRefused(
            _("There already is a version of this activity in %(language)s: %(title)s.")
            % {
                "language": dict(settings.LANGUAGES)[language],
                "title": clash.first().title,
            }
        )

    existing = {
        LibraryRef(lib.machine_name, lib.major_version, lib.minor_version): lib
        for lib in H5PLibrary.objects.filter(
            machine_name__in={ref.machine_name for ref in package.needed}
        )
    }
    to_write = [
        packaged
        for ref, packaged in package.libraries.items()
        if ref in package.needed
        and (ref not in existing or packaged.patch > existing[ref].patch_version)
    ]
    folder = uuid.uuid4()
    content_root = f"h5p/content/{folder}"
    written_libraries: list[str] = []
    try:
        for packaged in to_write:
            root = f"h5p/libraries/{packaged.ref.folder_name}"
            if packaged.ref not in existing:
                written_libraries.append((packaged.ref, root))
            _write_tree(root, packaged.files, overwrite=True)
        _write_tree(content_root, package.content_files)
        with transaction.atomic():
            libraries = _record_libraries(package, to_write, existing)
            licence, licence_version, authors = _licence(package.metadata)
            content = replace or H5PContent(translation_group=group, uploaded_by=user)
            old_folder = replace.storage_path if replace else None
            content.uuid = folder
            content.title = title
            content.language = language
            content.main_library = libraries[package.main_library]
            content.metadata = package.metadata
            content.licence = licence
            content.licence_version = licence_version
            content.authors = authors
            content.file_count = len(package.content_files)
            content.size_bytes = package.size
            content.source_filename = (package.filename or "")[:255]
            if pass_mark is not None or not replace:
                content.pass_mark = pass_mark
            content.full_clean(exclude=["main_library", "uploaded_by"])
            content.save()
            content.libraries.set([libraries[ref] for ref in package.needed])
            if old_folder:
                transaction.on_commit(lambda: delete_tree(old_folder))
    except BaseException:
        delete_tree(content_root)
        for ref, root in written_libraries:
            # Another upload may have installed the same new library meanwhile: its
            # files are in use then, and stay.
            if not H5PLibrary.objects.filter(
                machine_name=ref.machine_name,
                major_version=ref.major,
                minor_version=ref.minor,
            ).exists():
                delete_tree(root)
        raise
    return content


def _record_libraries(package, to_write, existing) -> dict[LibraryRef, H5PLibrary]:
    libraries = dict(existing)
    for packaged in to_write:
        library = existing.get(packaged.ref) or H5PLibrary(
            machine_name=packaged.ref.machine_name,
            major_version=packaged.ref.major,
            minor_version=packaged.ref.minor,
        )
        library.patch_version = packaged.patch
        library.title = packaged.title[:255]
        library.runnable = packaged.runnable
        library.metadata = packaged.metadata
        library.save()
        libraries[packaged.ref] = library
    return libraries


def _write_tree(root: str, files: dict[str, bytes], *, overwrite: bool = False) -> None:
    for name, payload in files.items():
        path = f"{root}/{name}"
        if overwrite and private_storage().exists(path):
            private_storage().delete(path)
        saved = private_storage().save(path, ContentFile(payload))
        if saved != path:  # the storage renamed it: a stale file is in the way
            private_storage().delete(saved)
            raise OSError(f"could not write {path}")


def delete_tree(root: str) -> None:
    """Remove a folder from storage (Django's storage API has no rmtree)."""
    try:
        folders, files = private_storage().listdir(root)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        private_storage().delete(f"{root}/{name}")
    for name in folders:
        delete_tree(f"{root}/{name}")
    try:
        private_storage().delete(root)
    except OSError:  # pragma: no cover - some storages have no folders to remove
        pass


def content_deleted(sender, instance: H5PContent, **kwargs) -> None:
    """`post_delete`: the activity's files go once the deletion is committed. Shared
    libraries stay (other activities, or the next upload, use them)."""
    folder = instance.storage_path
    transaction.on_commit(lambda: delete_tree(folder))


def link_translation(content: H5PContent, translation_of: H5PContent) -> None:
    """Make `content` a language version of `translation_of` (the trainer says so)."""
    if content.translation_group == translation_of.translation_group:
        return
    clash = H5PContent.objects.filter(
        translation_group=translation_of.translation_group, language=content.language
    ).first()
    if clash:
        raise PackageRefused(
            _("There already is a version of this activity in %(language)s: %(title)s.")
            % {"language": content.get_language_display(), "title": clash.title}
        )
    content.translation_group = translation_of.translation_group
    content.save(update_fields=["translation_group", "updated_at"])


# ---- Results -----------------------------------------------------------------------------


class StatementRefused(Exception):
    """A statement that cannot count; `str(error)` is a message for the participant."""


@dataclass
class Reading:
    verb: str
    score: Decimal | None
    max_score: Decimal | None
    scaled: float | None
    completed: bool | None
    success: bool | None


def read_statement(statement) -> Reading:
    """The parts of an xAPI statement that count, checked: a verb about the whole activity
    and, if there is a score, 0 ≤ score ≤ maximum."""
    if not isinstance(statement, dict):
        raise StatementRefused(_("The result could not be read."))
    verb = statement.get("verb")
    verb_id = verb.get("id") if isinstance(verb, dict) else None
    if verb_id not in COUNTED_VERBS:
        raise StatementRefused(_("Only finished activities are recorded."))
    target = statement.get("object")
    definition = (target.get("definition") if isinstance(target, dict) else None) or {}
    extensions = definition.get("extensions") if isinstance(definition, dict) else None
    if isinstance(extensions, dict) and extensions.get(SUB_CONTENT):
        raise StatementRefused(_("Only the activity's own result is recorded."))
    result = statement.get("result") or {}
    if not isinstance(result, dict):
        raise StatementRefused(_("The result could not be read."))
    score = max_score = scaled = None
    raw = result.get("score")
    if raw is not None:
        if not isinstance(raw, dict):
            raise StatementRefused(_("The score could not be read."))
        try:
            score = _number(raw.get("raw"))
            max_score = _number(raw.get("max"))
            minimum = _number(raw.get("min", 0)) or Decimal(0)
        except (InvalidOperation, TypeError, ValueError):
            raise StatementRefused(_("The score could not be read.")) from None
        if score is None or max_score is None:
            raise StatementRefused(_("The score could not be read."))
        if minimum != 0 or max_score <= 0 or max_score > MAX_SCORE:
            raise StatementRefused(_("The score is out of bounds."))
        if score < 0 or score > max_score:
            raise StatementRefused(_("The score is out of bounds."))
        scaled = float(score / max_score)
        reported = raw.get("scaled")
        if isinstance(reported, (int, float)) and abs(reported - scaled) > 0.01:
            raise StatementRefused(_("The score is out of bounds."))
    completed = result.get("completion")
    success = result.get("success")
    if verb_id.endswith("/completed"):
        completed = True
    elif verb_id.endswith("/passed"):
        success = True
    elif verb_id.endswith("/failed"):
        success = False
    return Reading(
        verb=verb_id,
        score=score,
        max_score=max_score,
        scaled=scaled,
        completed=completed if isinstance(completed, bool) else None,
        success=success if isinstance(success, bool) else None,
    )


def _number(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(value)
    number = Decimal(str(value))
    if not number.is_finite() or (
        isinstance(value, float) and not math.isfinite(value)
    ):
        raise ValueError(value)
    return number.quantize(Decimal("0.01"))


@dataclass
class Recorded:
    result: H5PResult
    created: bool  # False: this statement was received before (same key)
    newly_passed: bool = False


def is_passed(content: H5PContent, result: H5PResult) -> bool:
    if content.pass_mark:
        return (
            result.scaled is not None
            and result.scaled * 100 >= content.pass_mark - 1e-9
        )
    if result.success is not None:
        return result.success
    return result.completed


def record_statement(
    *, user, content: H5PContent, key, statement, page=None
) -> Recorded:
    """Count one statement for `user`, once per idempotency `key`. The result keeps the
    best score, and stays completed or passed once it was. Passing tells the lesson
    (`cms.signals.activity_passed`), whose rule may then complete it."""
    reading = read_statement(statement)
    with transaction.atomic():
        earlier = H5PStatement.objects.filter(user=user, key=key).first()
        if earlier is not None:
            return Recorded(_result(user, earlier.content), created=False)
        try:
            with transaction.atomic():
                H5PStatement.objects.create(
                    user=user,
                    content=content,
                    key=key,
                    verb=reading.verb,
                    score=reading.score,
                    max_score=reading.max_score,
                    completed=reading.completed,
                    success=reading.success,
                    statement=_trimmed(statement),
                )
        except IntegrityError:  # the same statement, sent twice at once
            return Recorded(_result(user, content), created=False)
        now = timezone.now()
        result, _created = H5PResult.objects.select_for_update().get_or_create(
            user=user, content=content, defaults={"first_at": now, "last_at": now}
        )
        was_passed = result.passed
        if reading.scaled is not None and (
            result.scaled is None or reading.scaled > result.scaled
        ):
            result.score, result.max_score = reading.score, reading.max_score
            result.scaled = reading.scaled
        result.completed = result.completed or bool(reading.completed)
        if reading.success is True or (
            reading.success is False and result.success is None
        ):
            result.success = reading.success
        if page is not None:
            result.page = page
        result.statements += 1
        result.last_at = now
        result.passed = was_passed or is_passed(content, result)
        result.save()
        newly = result.passed and not was_passed
        if newly and page is not None:
            activity_passed.send(
                sender=H5PContent, user=user, page=page, score=result.scaled
            )
    return Recorded(result, created=True, newly_passed=newly)


def _result(user, content) -> H5PResult | None:
    return H5PResult.objects.filter(user=user, content=content).first()


def _trimmed(statement: dict) -> dict:
    """What is worth keeping: no actor (we know who it is), no long descriptions."""
    obj = statement.get("object") or {}
    return {
        "verb": statement.get("verb"),
        "result": statement.get("result"),
        "object": {"id": obj.get("id")} if isinstance(obj, dict) else None,
        "timestamp": statement.get("timestamp"),
    }
