"""Issuing, re-issuing and revoking certificates.

Issuing is idempotent: one certificate per participant, cohort and template (all its
languages). Two officers issuing at once, or the same job run twice, make one certificate:
the participant's enrolment row is locked while deciding, and the unique constraint catches
anything else. Numbers come from a per-year sequence row taken under a lock.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates import eligibility
from certificates.models import (
    Certificate,
    CertificateSetup,
    CertificateVersion,
    IssueJob,
    NumberSequence,
)
from cohorts.models import Cohort, Enrolment

logger = logging.getLogger(__name__)


class CertificateError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Issued:
    certificate: Certificate
    created: bool


def setup_for(cohort: Cohort) -> CertificateSetup:
    setup = (
        CertificateSetup.objects.filter(cohort=cohort)
        .select_related("template__locale")
        .first()
    )
    if setup is None:
        raise CertificateError(
            _("Choose a certificate template for this cohort first.")
        )
    return setup


def next_number(year: int) -> str:
    """CA-2026-00042: the next number of the year, under a row lock (call inside a
    transaction)."""
    NumberSequence.objects.get_or_create(year=year)
    sequence = NumberSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{settings.CERTIFICATE_NUMBER_PREFIX}-{year}-{sequence.last:05d}"


def check_name(full_name: str) -> None:
    from certificates import fonts

    absent = fonts.missing(full_name)
    if absent:
        raise CertificateError(
            _(
                "The name “%(name)s” has characters the certificate fonts cannot print: "
                "%(chars)s. Correct the name in the participant's account, or re-issue "
                "with a corrected name."
            )
            % {"name": full_name, "chars": " ".join(absent)}
        )


def _render_and_store(certificate: Certificate, written: list) -> None:
    """Render the PDF and store it under the certificate's number and version; its name
    goes into `written`, so the caller removes it if the transaction does not commit. The
    previous version's file stays: it is the one its holder may have printed."""
    from certificates import pdf

    data = pdf.render(certificate)
    name = f"{certificate.number}-v{certificate.version}.pdf"
    certificate.pdf.save(name, ContentFile(data), save=False)
    written.append(certificate.pdf.name)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)


def _remove(written: list) -> None:
    storage = Certificate.pdf.field.storage
    for name in written:
        storage.delete(name)


def _tell(certificate: Certificate) -> None:
    from django_q.tasks import async_task

    transaction.on_commit(
        lambda: async_task("certificates.notices.issued_notice", certificate.pk)
    )


def issue(
    *, cohort: Cohort, user, by, override_reason: str = "", checked=None
) -> Issued:
    """Issue the cohort's certificate to `user` if eligible (or with a written reason to
    override). A second call returns the certificate already issued. `checked`: the
    person's `Eligibility` when the caller has just worked it out for the whole cohort."""
    setup = setup_for(cohort)
    template = setup.template
    existing = Certificate.objects.filter(
        user=user, cohort=cohort, template_key=template.translation_key
    ).first()
    if existing:
        return Issued(existing, created=False)
    if checked is not None and checked.user.pk == user.pk:
        result = checked
    else:
        results = {r.user.pk: r for r in eligibility.check(cohort, setup)}
        result = results.get(user.pk)
    if result is None:
        raise CertificateError(_("Only enrolled participants receive the certificate."))
    override_reason = (override_reason or "").strip()
    if not result.eligible and not override_reason:
        raise CertificateError(
            _("Not eligible: %(reasons)s Give a reason to issue it anyway.")
            % {"reasons": " ".join(result.reasons)}
        )
    check_name(user.full_name)
    if template.second_language:
        printed = template  # bilingual: always its own language, then the second one
    else:
        language = user.preferred_language or cohort.language or settings.LANGUAGE_CODE
        printed = template.in_language(language) or template
    written: list[str] = []
    try:
        with transaction.atomic():
            Enrolment.objects.select_for_update().filter(
                user=user, cohort=cohort
            ).first()
            existing = Certificate.objects.filter(
                user=user, cohort=cohort, template_key=template.translation_key
            ).first()
            if existing:
                return Issued(existing, created=False)
            certificate = Certificate.objects.create(
                user=user,
                cohort=cohort,
                template_key=template.translation_key,
                template=printed,
                number=next_number(timezone.localdate().year),
                full_name=user.full_name,
                programme_name=cohort.programme.name,
                cohort_name=cohort.name,
                starts_on=cohort.starts_on,
                ends_on=cohort.ends_on,
                issuer=template.issuer,
                heading=printed.heading,
                language=printed.locale.language_code,
                issued_by=by,
                override_reason=override_reason if not result.eligible else "",
            )
            _render_and_store(certificate, written)
            _tell(certificate)
    except IntegrityError:  # issued at the same moment by someone else
        _remove(written)
        return Issued(
            Certificate.objects.get(
                user=user, cohort=cohort, template_key=template.translation_key
            ),
            created=False,
        )
    except Exception:
        _remove(written)  # nothing was recorded: no file either
        raise
    return Issued(certificate, created=True)


def reissue(
    *, certificate: Certificate, full_name: str, by, reason: str = ""
) -> Certificate:
    """A corrected name: same number and code, the next version; the old one is kept."""
    full_name = (full_name or "").strip()
    if not full_name:
        raise CertificateError(_("Write the name as it should be printed."))
    if len(full_name) > 200:
        raise CertificateError(  # Django's own message, already in every catalogue
            ngettext(
                "Ensure this value has at most %(limit_value)d character (it has "
                "%(show_value)d).",
                "Ensure this value has at most %(limit_value)d characters (it has "
                "%(show_value)d).",
                200,
            )
            % {"limit_value": 200, "show_value": len(full_name)}
        )
    check_name(full_name)
    written: list[str] = []
    try:
        return _reissue(certificate, full_name, by, reason, written)
    except Exception:
        _remove(written)
        raise


def _reissue(certificate, full_name, by, reason, written) -> Certificate:
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not locked.is_valid:
            raise CertificateError(_("A revoked certificate cannot be re-issued."))
        if locked.full_name == full_name:
            return locked
        CertificateVersion.objects.create(
            certificate=locked,
            version=locked.version,
            full_name=locked.full_name,
            issued_at=locked.issued_at,
            pdf=locked.pdf.name,
            replaced_by=by,
            reason=reason,
        )
        locked.full_name = full_name
        locked.version += 1
        locked.issued_at = timezone.now()
        locked.issued_by = by
        locked.save(update_fields=["full_name", "version", "issued_at", "issued_by"])
        _render_and_store(locked, written)
        _tell(locked)
    return locked


def revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Say why the certificate is revoked."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not locked.is_valid:
            return locked
        locked.status = Certificate.Status.REVOKED
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revoked_reason = reason
        locked.save(
            update_fields=["status", "revoked_at", "revoked_by", "revoked_reason"]
        )
    return locked


STALE_JOB = timedelta(minutes=10)


def start_issue_all(*, cohort: Cohort, by) -> IssueJob:
    """Queue issuing to everyone eligible; while a job for the cohort is under way, the same
    job is returned (a double press starts nothing twice). A job silent for ten minutes
    (its worker was stopped) is marked failed and a new one starts."""
    setup_for(cohort)  # refuses a cohort without a template
    now = timezone.now()
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=cohort.pk)
        active = IssueJob.objects.filter(
            cohort=cohort, state__in=[IssueJob.State.QUEUED, IssueJob.State.RUNNING]
        )
        active.filter(updated_at__lt=now - STALE_JOB).update(
            state=IssueJob.State.FAILED, finished_at=now
        )
        running = active.first()
        if running:
            return running
        job = IssueJob.objects.create(cohort=cohort, started_by=by)

        def queue():
            from django_q.tasks import async_task

            async_task("certificates.tasks.run_issue_job", job.pk)

        transaction.on_commit(queue)
    return job


def run_issue_job(job_pk: int) -> None:
    """Run a queued job once (a second worker given the same job does nothing). Messages
    about skipped people are written in the language of the officer who started it."""
    claimed = IssueJob.objects.filter(pk=job_pk, state=IssueJob.State.QUEUED).update(
        state=IssueJob.State.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return
    job = IssueJob.objects.select_related("cohort", "started_by").get(pk=job_pk)
    starter = job.started_by
    language = (starter.preferred_language if starter else "") or settings.LANGUAGE_CODE
    with translation.override(language):
        _run(job)


def _run(job: IssueJob) -> None:
    def progress(**fields):
        IssueJob.objects.filter(pk=job.pk).update(updated_at=timezone.now(), **fields)

    try:
        setup = setup_for(job.cohort)
        results = eligibility.check(job.cohort, setup)
        eligible = [r for r in results if r.eligible]
        skipped = [
            {"name": r.user.full_name, "reasons": r.reasons}
            for r in results
            if not r.eligible
        ]
        progress(total=len(eligible), skipped=skipped)
        issued = 0
        for done, result in enumerate(eligible, start=1):
            try:
                issued += issue(
                    cohort=job.cohort,
                    user=result.user,
                    by=job.started_by,
                    checked=result,
                ).created
            except CertificateError as error:  # e.g. a name the fonts cannot print
                skipped.append(
                    {"name": result.user.full_name, "reasons": [error.message]}
                )
                progress(skipped=skipped)
            except Exception:  # noqa: BLE001 - one person's failure must not stop the rest
                logger.exception("certificate for %s not issued", result.user.pk)
                skipped.append(
                    {
                        "name": result.user.full_name,
                        "reasons": [str(IssueJob.State.FAILED.label)],
                    }
                )
                progress(skipped=skipped)
            progress(done=done, issued=issued)
        progress(state=IssueJob.State.FINISHED, finished_at=timezone.now())
    except Exception as error:  # noqa: BLE001 - recorded for the officer, then raised
        logger.exception("issuing job %s stopped", job.pk)
        progress(
            state=IssueJob.State.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        raise
