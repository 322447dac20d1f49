"""Demo certificates: in Sinhala and Tamil (the Kegalle cohort's first intake), Khmer (a
Kampong Chhnang potters' cohort) and English with Kinyarwanda side by side (a Kigali
leather-goods cohort). The templates' wording is in our catalogues (marked below), so the
Sinhala, Khmer and Kinyarwanda versions are made the way a translator's work arrives."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from wagtail.models import Locale

from certificates import services
from certificates.models import Certificate, CertificateSetup, CertificateTemplate
from cohorts import services as cohort_services
from cohorts.models import Cohort, Programme
from lms.localize import translate_instance
from people.models import User

HEADING = gettext_noop("Certificate of completion")
BODY = gettext_noop(
    "This certifies that {participant_name} took part in {cohort} ({dates}), a training "
    "of the programme {programme}, and completed its workshops, exposure visits and "
    "action plan."
)
SIGNATORY_TITLE = gettext_noop("Programme officer")
WORDING = {HEADING, BODY, SIGNATORY_TITLE}  # what is translated; the rest are names


def _template(name, issuer, *, second_language="", layout="stacked"):
    template = CertificateTemplate.objects.create(
        name=name,
        issuer=issuer,
        heading=HEADING,
        body=BODY,
        orientation="landscape",
        second_language=second_language,
        bilingual_layout=layout,
        signatories=[
            (
                "signatory",
                {"name": "Sokha Chan", "title": SIGNATORY_TITLE, "signature": None},
            )
        ],
        locale=Locale.objects.get(language_code="en"),
    )
    return template


def _translate(template, language) -> bool:
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return False

    def translate(text):
        from django.utils.translation import trans_real

        if text not in WORDING:
            return text  # names: the template's, the issuer's, the signatory's
        if text not in trans_real.translation(language)._catalog:
            return None
        with translation.override(language):
            return translation.gettext(text)

    return translate_instance(template, locale, translate)


def _cohort(programme, name, language, people, officer):
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        programme=programme,
        name=name,
        language=language,
        starts_on=today - timedelta(days=120),
        ends_on=today - timedelta(days=75),
        capacity=20,
        status=Cohort.Status.RUNNING,
    )
    if officer:
        cohort.officers.add(officer)
    for person in people:
        cohort_services.enrol(cohort=cohort, user=person)
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.COMPLETED)
    return cohort


def seed(*, log) -> None:
    if Certificate.objects.exists() or CertificateTemplate.objects.exists():
        return
    programme = Programme.objects.order_by("pk").first()
    if programme is None:
        return
    officer = programme.officers.first()
    single = _template("Programme completion", "Kegalle District Chamber of Commerce")
    bilingual = _template(
        "Programme completion (English and Kinyarwanda)",
        "Rwanda Leather Cluster Association",
        second_language="rw",
        layout="side",
    )
    cambodia = _template(
        "Programme completion (Cambodia)",
        "Kampong Chhnang Provincial Department of Industry and Handicraft",
    )
    made = [
        code
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE and _translate(single, code)
    ]
    _translate(cambodia, "km")
    made += ["rw"] if _translate(bilingual, "rw") else []
    log(f"certificate templates translated into: {', '.join(made) or 'none'}")

    issued = 0
    from actionplans.demo import EARLIER

    earlier = Cohort.objects.filter(name=EARLIER).first()
    groups = []
    if earlier:
        groups.append(
            (earlier, single, list(User.objects.filter(enrolments__cohort=earlier)))
        )
    khmer = list(User.objects.filter(preferred_language="km", is_staff=False))
    if khmer:
        groups.append(
            (
                _cohort(
                    programme, "Kampong Chhnang potters 2026", "km", khmer, officer
                ),
                cambodia,
                khmer,
            )
        )
    rwanda = list(
        User.objects.filter(preferred_language__in=["rw", "fr"], is_staff=False)
    )
    if rwanda:
        groups.append(
            (
                _cohort(
                    programme, "Kigali leather-goods makers 2026", "rw", rwanda, officer
                ),
                bilingual,
                rwanda,
            )
        )
    for cohort, template, people in groups:
        CertificateSetup.objects.create(
            cohort=cohort, template=template, min_attendance=0, require_courses=False
        )
        for person in people:
            services.issue(cohort=cohort, user=person, by=officer)
            issued += 1
    log(f"{issued} certificates issued")
