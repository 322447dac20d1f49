"""Writes of the reports app: export jobs and refreshing figures on demand.

An export job is queued for django-q2 and claimed once by a worker; it writes its file in the
language of the person who asked, reports its progress every thousand rows, and keeps the file
in private storage for its owner. A job silent for ten minutes (its worker was stopped) is
marked failed, and the same request starts a new one."""

from __future__ import annotations

import datetime
import tempfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports.models import ExportJob

STALE = datetime.timedelta(minutes=10)
PROGRESS_EVERY = 1000
KEEP_EXPORTS = datetime.timedelta(days=30)


def start_export(*, user, kind: str, params: dict, file_format: str, title: str):
    """Queue an export; the same request while one is under way returns that one (a double
    press starts nothing twice)."""
    now = timezone.now()
    with transaction.atomic():
        # One request at a time per person: two presses in flight find each other's job.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        active = ExportJob.objects.filter(
            user=user,
            kind=kind,
            params=params,
            file_format=file_format,
            state__in=[ExportJob.State.QUEUED, ExportJob.State.RUNNING],
        )
        active.filter(updated_at__lt=now - STALE).update(
            state=ExportJob.State.FAILED,
            finished_at=now,
            error=_("The job stopped; it was started again."),
        )
        running = active.first()
        if running is not None:
            return running
        job = ExportJob.objects.create(
            user=user,
            kind=kind,
            params=params,
            file_format=file_format,
            title=title[:300],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )

        def queue():
            from django_q.tasks import async_task

            async_task("reports.tasks.run_export", job.pk)

        transaction.on_commit(queue)
    return job


def run_export(job_pk: int) -> None:
    claimed = ExportJob.objects.filter(pk=job_pk, state=ExportJob.State.QUEUED).update(
        state=ExportJob.State.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return
    job = ExportJob.objects.select_related("user").get(pk=job_pk)
    with translation.override(job.language):
        try:
            _make(job)
        except Exception as error:  # noqa: BLE001 - the job says what failed
            ExportJob.objects.filter(pk=job.pk).update(
                state=ExportJob.State.FAILED,
                error=str(error)[:2000],
                finished_at=timezone.now(),
            )
            raise


def _progress(job, **fields):
    ExportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now(), **fields)


def _make(job: ExportJob) -> None:
    from reports import exports

    if job.kind == ExportJob.Kind.DONOR_PDF:
        _progress(job, total=1)
        content, name = exports.donor_pdf(job)
        with tempfile.TemporaryFile() as handle:
            handle.write(content)
            handle.seek(0)
            job.file.save(name, File(handle), save=False)
        done = 1
    else:
        total, rows, header, name = exports.participant_rows(job)
        _progress(job, total=total)

        def counted():
            for number, row in enumerate(rows, start=1):
                if number % PROGRESS_EVERY == 0:
                    _progress(job, done=number)
                yield row

        from lms.exports import write_table

        with tempfile.TemporaryFile() as handle:
            write_table(handle, header, counted(), file_format=job.file_format)
            handle.seek(0)
            job.file.save(f"{name}.{job.file_format}", File(handle), save=False)
        done = total
    finished = ExportJob.objects.filter(
        pk=job.pk, state=ExportJob.State.RUNNING
    ).update(
        file=job.file.name,
        state=ExportJob.State.DONE,
        done=done,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if not finished:  # given up on meanwhile (see `give_up_stale`), or deleted
        job.file.delete(save=False)


def give_up_stale(job: ExportJob, now=None) -> ExportJob:
    """A job silent for `STALE` (its worker was stopped) is marked failed, so its page stops
    waiting; asking again starts a new one."""
    now = now or timezone.now()
    if not job.finished and job.updated_at < now - STALE:
        ExportJob.objects.filter(pk=job.pk, state=job.state).update(
            state=ExportJob.State.FAILED,
            finished_at=now,
            error=_("The job stopped; it was started again."),
        )
        job.refresh_from_db()
    return job


def remove_old_exports(now=None) -> int:
    """Exports older than `KEEP_EXPORTS` go, files and all (run nightly)."""
    now = now or timezone.now()
    old = ExportJob.objects.filter(created_at__lt=now - KEEP_EXPORTS)
    count = 0
    for job in old:
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


REFRESH_GUARD = 60  # seconds: the same refresh asked again within this starts nothing


def refresh_now(cohort_ids) -> bool:
    """Refresh the figures of these cohorts in the background; False if the same refresh
    was asked for in the last minute (a double press, or two officers at once)."""
    import hashlib

    from django.core.cache import cache
    from django_q.tasks import async_task

    ids = sorted(set(cohort_ids))
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]
    if not cache.add(f"reports:refresh:{digest}", True, REFRESH_GUARD):
        return False
    transaction.on_commit(lambda: async_task("reports.tasks.refresh_cohorts", ids))
    return True
