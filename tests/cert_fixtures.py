"""A certificate template and a cohort's certificate rules, for the certificate tests."""

from wagtail.models import Locale

from certificates.models import CertificateSetup, CertificateTemplate


def certificate_setup(cohort, *, template_fields=None, **rules) -> CertificateSetup:
    """An English template and `cohort`'s rules: no attendance or course rule unless given."""
    fields = {
        "name": "Completion",
        "issuer": "Kegalle District Chamber of Commerce",
        "heading": "Certificate of completion",
        "body": "This certifies that {participant_name} completed {cohort} ({dates}).",
        "locale": Locale.objects.get(language_code="en"),
        **(template_fields or {}),
    }
    template = CertificateTemplate.objects.create(**fields)
    rules = {"min_attendance": 0, "require_courses": False, **rules}
    return CertificateSetup.objects.create(cohort=cohort, template=template, **rules)
