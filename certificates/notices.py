"""Telling a participant their certificate is ready: by email, else text message, in their
language, once per version (claimed in `CertificateNotice` before sending)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from certificates.models import Certificate, CertificateNotice
from cohorts.reminders import claim, deliver


def issued_notice(certificate_pk: int) -> None:
    certificate = (
        Certificate.objects.select_related("user", "cohort")
        .filter(pk=certificate_pk, status=Certificate.Status.VALID)
        .first()
    )
    if certificate is None or certificate.user is None:
        return
    user = certificate.user
    notice = claim(
        CertificateNotice,
        f"issued:{certificate.pk}:v{certificate.version}",
        user,
        certificate=certificate,
    )
    if notice is None:
        return
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        mine = settings.SITE_URL + reverse("certificates:mine")
        check = settings.SITE_URL + reverse(
            "certificate-verify", args=[certificate.code]
        )
        subject = _("Your certificate for %(cohort)s is ready") % {
            "cohort": certificate.cohort_name
        }
        body = "\n\n".join(
            [
                subject + ".",
                _("Download it here: %(link)s") % {"link": mine},
                _(
                    "Anyone you show it to (a buyer, a bank) can check it is genuine at "
                    "%(link)s"
                )
                % {"link": check},
            ]
        )
    deliver(notice, subject, body, f"{subject}: {mine}")
