"""Reads for offline use: what a course needs on the phone, and when phones last synced."""

from __future__ import annotations

import hashlib

from django.contrib.staticfiles import finders
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from offline.models import Device

# Images are kept at phone size: the service worker answers a wider rendition of the same
# image with this one when offline (see sw.js).
PHONE_IMAGE = "width-400|format-webp"
COVER_IMAGE = "fill-400x200|format-webp"
POSTER_IMAGE = "width-800|format-webp"
# A page's size is known only once downloaded; the estimate shown before uses this.
PAGE_ESTIMATE = 30 * 1024


def shell_version(paths) -> str:
    """Changes whenever a file of the offline shell changes, so phones fetch the new one."""
    digest = hashlib.sha256()
    for path in paths:
        found = finders.find(path)
        if found:
            with open(found, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


def last_sync(user):
    if not user.is_authenticated:
        return None
    return Device.objects.filter(user=user).aggregate(at=Max("last_sync_at"))["at"]


def course_files(*, page_id: int, request) -> dict | None:
    """What to keep on the phone for a course in the active language, or None if there is
    no such live course. Sizes are known for files; pages are measured as they download."""
    from assessments.services import quiz_in_language
    from cms.i18n import local_url
    from courses.models import CoursePage, LessonPage

    if page_id > 2**31:
        return None
    course = CoursePage.objects.live().filter(pk=page_id).first()
    if course is None:
        return None
    course = course.localized.specific
    language = get_language()
    files: list[dict] = []
    videos: list[dict] = []
    needs_connection = 0

    def add(url, kind, size=None, into=files, **extra):
        if url and not any(entry["url"] == url for entry in into):
            into.append({"url": url, "kind": kind, "bytes": size, **extra})

    add(local_url(course, request), "page")
    if course.cover_image:
        add(_rendition(course.cover_image, COVER_IMAGE), "image")
    lessons = LessonPage.objects.live().descendant_of(course).order_by("path")
    for lesson in lessons:
        add(local_url(lesson, request), "page", title=lesson.title)
        for block in lesson.body:
            kind, value = block.block_type, block.value
            if kind == "image" and value.get("image"):
                rendition = _rendition(value["image"], PHONE_IMAGE, whole=True)
                if rendition is not None:
                    add(rendition.url, "image", _size(rendition.file))
            elif kind == "audio" and value.get("audio"):
                add(value["audio"].url, "audio", value["audio"].get_file_size())
            elif kind == "video" and value.get("video"):
                video = value["video"]
                poster = value.get("poster")
                add(
                    video.url,
                    "video",
                    video.get_file_size(),
                    into=videos,
                    title=value.get("caption") or video.title,
                    poster=_rendition(poster, POSTER_IMAGE) if poster else None,
                )
            elif kind == "quiz" and value.get("quiz"):
                # The quiz the lesson's card links to: its translation where there is one.
                quiz = quiz_in_language(value["quiz"])
                if quiz.time_limit_minutes:
                    needs_connection += 1
                else:
                    deferred = reverse("assessments:deferred", args=[quiz.pk])
                    add(f"{deferred}?lesson={lesson.pk}", "quiz")
            elif kind in ("h5p", "video_embed"):
                needs_connection += 1
    for url in _own_pages(request.user):
        add(url, "page")
    known = sum(entry["bytes"] or PAGE_ESTIMATE for entry in files)
    return {
        "course": {
            "id": course.pk,
            "title": course.title,
            "url": local_url(course, request),
            "language": language,
        },
        "cache": f"ca-u{request.user.pk}-course-{course.translation_key}-{language}",
        "files": files,
        "videos": videos,
        "bytes": known,
        "video_bytes": sum(entry["bytes"] or 0 for entry in videos),
        "needs_connection": needs_connection,
        "saved_at": timezone.now().isoformat(),
    }


def _rendition(image, spec, whole=False):
    """The rendition's address (or the rendition), or None when the original file is
    missing: the lesson still shows without it, so the course can still be saved."""
    try:
        rendition = image.get_rendition(spec)
    except OSError:  # Wagtail's SourceImageIOError among them
        return None
    return rendition if whole else rendition.url


def _size(file) -> int | None:
    try:
        return file.size
    except (OSError, ValueError):
        return None


def _own_pages(user) -> list[str]:
    """The participant's own pages worth having offline: My learning, "On this phone",
    their action plans, and every follow-up report they can write now."""
    from actionplans import services as plan_services
    from actionplans.models import ActionPlan, Checkpoint, FollowUpReport

    pages = [
        reverse("courses:my_learning"),
        reverse("offline:phone"),
        reverse("actionplans:index"),
    ]
    approved = ActionPlan.objects.filter(
        user=user,
        status=ActionPlan.Status.APPROVED,
        cohort__enrolments__user=user,
        cohort__enrolments__status="enrolled",
    ).values("cohort")
    today = timezone.localdate()
    closed = FollowUpReport.objects.filter(user=user).exclude(
        status__in=[
            FollowUpReport.Status.DRAFT,
            FollowUpReport.Status.CHANGES_REQUESTED,
        ]
    )
    for checkpoint in Checkpoint.objects.filter(cohort__in=approved).exclude(
        pk__in=closed.values("checkpoint")
    ):
        if plan_services.report_opens(checkpoint) <= today:
            pages.append(reverse("actionplans:report", args=[checkpoint.pk]))
    return pages
