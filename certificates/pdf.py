"""A certificate as PDF (WeasyPrint, PDF/A-3b): the template's wording with its placeholders
filled in, in the certificate's language (and the second language of a bilingual template),
logos, background, signatories, the number and a QR code to the verification page. Fonts:
Noto Sans and every script's Noto Sans, embedded and subset by WeasyPrint."""

from __future__ import annotations

import html
import re

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.safestring import mark_safe


def verify_url(certificate) -> str:
    return settings.SITE_URL + reverse("certificate-verify", args=[certificate.code])


def sample(template):
    """A made-up certificate for the admin's preview of `template`."""
    from types import SimpleNamespace

    from django.utils import timezone

    from certificates.models import CODE_ALPHABET, CODE_LENGTH

    today = timezone.localdate()
    return SimpleNamespace(
        template=template,
        language=template.language,
        full_name="W. M. Kumari Wijesinghe",
        number=f"{settings.CERTIFICATE_NUMBER_PREFIX}-{today.year}-00000",
        code=CODE_ALPHABET[:CODE_LENGTH],
        issued_at=timezone.now(),
        sample_values={
            "participant_name": "W. M. Kumari Wijesinghe",
            "programme": "SME cluster development and export consortia",
            "cohort": "Kegalle mushroom growers 2026",
            "courses": "HACCP basics for small food businesses",
            "dates": formats.date_format(today, "j F Y"),
            "venue": "Kegalle District Chamber hall",
            "hours": "24",
            "issue_date": formats.date_format(today, "j F Y"),
            "certificate_number": f"{settings.CERTIFICATE_NUMBER_PREFIX}-{today.year}-00000",
        },
    )


def _values(certificate, language: str) -> dict:
    from certificates.models import CertificateSetup
    from courses.models import CoursePage

    if getattr(certificate, "sample_values", None):
        return certificate.sample_values
    cohort = certificate.cohort
    setup = CertificateSetup.objects.filter(cohort=cohort).first()
    courses = []
    hours = 0
    locale = _locale(language)
    for page in cohort.courses.all():
        specific = page.specific
        if not isinstance(specific, CoursePage):
            continue
        local = specific.get_translation_or_none(locale) if locale else None
        courses.append((local or specific).title)
        hours += specific.estimated_hours or 0
    with translation.override(language):
        values = {
            "participant_name": certificate.full_name,
            # What the certificate says is kept on it: a renamed cohort does not change
            # a re-issued PDF.
            "programme": certificate.programme_name,
            "cohort": certificate.cohort_name,
            "courses": ", ".join(courses),
            # Day, full month name, year: the month names are in our catalogues for the
            # languages Django has no formats for (Sinhala, Lao, Kinyarwanda).
            "dates": " – ".join(
                formats.date_format(day, "j F Y")
                for day in (certificate.starts_on, certificate.ends_on)
            ),
            "venue": str(cohort.venue) if cohort.venue else "",
            "hours": _number(setup.hours if setup and setup.hours else hours),
            "issue_date": formats.date_format(
                timezone.localdate(certificate.issued_at), "j F Y"
            ),
            "certificate_number": certificate.number,
        }
    return values


def _locale(language: str):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()


PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _number(value) -> str:
    if not value:
        return ""
    text = f"{value:f}" if hasattr(value, "is_finite") else str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def fill(text: str, values: dict) -> str:
    """Put the values in for `{placeholder}`s; anything else in braces (a typo, a stray
    brace) prints as written."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m[1], m[0])), text)


def _text(template, values) -> str:
    """The body with its placeholders filled, HTML-escaped, paragraphs kept."""
    filled = fill(template.body, values)
    paragraphs = [p.strip() for p in filled.split("\n\n") if p.strip()]
    return mark_safe(  # noqa: S308 - every part is escaped here
        "".join(
            "<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs
        )
    )


def _image_path(image, spec: str) -> str | None:
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
        return rendition.file.path
    except (OSError, ValueError, FileNotFoundError):
        return None  # a missing file: the certificate prints without it


def render(certificate) -> bytes:
    from weasyprint import HTML

    return HTML(string=markup(certificate), base_url="/").write_pdf(
        pdf_variant="pdf/a-3b"
    )


def markup(certificate) -> str:
    """The certificate's HTML, as WeasyPrint gets it."""
    template = certificate.template
    languages = [certificate.language]
    second = None
    if template.second_language and template.second_language != certificate.language:
        second = template.in_language(template.second_language)
        if second is not None:
            languages.append(template.second_language)
    parts = []
    for part_template in [template] + ([second] if second else []):
        language = part_template.language
        values = _values(certificate, language)
        with translation.override(language):
            parts.append(
                {
                    "language": language,
                    "heading": part_template.heading,
                    "body": _text(part_template, values),
                }
            )
    url = verify_url(certificate)
    qr = segno.make(url, error="m").svg_inline(scale=3, border=0, dark="#1d2b27")
    logos = [
        path
        for path in (
            _image_path(block.value, "max-400x160") for block in template.logos
        )
        if path
    ]
    signatories = [
        {
            "name": block.value["name"],
            "title": block.value.get("title", ""),
            "signature": _image_path(block.value.get("signature"), "max-400x160"),
        }
        for block in template.signatories
        if block.value.get("name")
    ]
    with translation.override(certificate.language):
        return render_to_string(
            "certificates/pdf.html",
            {
                "certificate": certificate,
                "template": template,
                "parts": parts,
                "bilingual": len(parts) > 1,
                "side_by_side": len(parts) > 1
                and template.bilingual_layout == template.Layout.SIDE_BY_SIDE,
                "landscape": template.orientation == template.Orientation.LANDSCAPE,
                "background": _image_path(template.background, "max-2480x2480"),
                "logos": logos,
                "signatories": signatories,
                "qr": mark_safe(qr),  # noqa: S308 - drawn by segno from our own URL
                "verify_url": url,
                "language": certificate.language,
            },
        )
