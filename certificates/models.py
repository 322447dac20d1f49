"""Certificates: what a cohort's participants receive, and what anyone can check.

A `CertificateTemplate` (translatable snippet) holds the wording with placeholders, the
layout, the logos, the background and the signatories; a bilingual template prints its own
language and a second one (the template's translation) side by side or one above the other.
A cohort's `CertificateSetup` names its template and the rules a participant must meet.

A `Certificate` is issued once per participant, cohort and template (the template's language
versions count as one). Its `number` is for people (CA-2026-00042) and never changes; its
`code` (random, 12 characters from an alphabet without look-alikes) is the verification
address. A name correction re-issues it: same number and code, the next `version`, the old
one kept in `CertificateVersion`. Revoking keeps the row and says why and when.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

from cohorts.models import ClaimedMessage, Cohort
from lms.storage import private_storage

# No 0/O, 1/I/L: a code read out over the phone or typed from paper stays unambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
PLACEHOLDERS = (
    "participant_name",
    "programme",
    "cohort",
    "courses",
    "dates",
    "venue",
    "hours",
    "issue_date",
    "certificate_number",
)


def new_code() -> str:
    """31^12 ≈ 7.9 × 10^17 codes: not guessable, not enumerable."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class SignatoryBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    title = blocks.CharBlock(label=_("Title"), max_length=160, required=False)
    signature = ImageChooserBlock(label=_("Signature"), required=False)

    class Meta:
        icon = "user"
        label = _("Signatory")


class CertificateTemplate(
    TranslatableMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model
):
    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("A4 landscape")
        PORTRAIT = "portrait", _("A4 portrait")

    class Layout(models.TextChoices):
        SIDE_BY_SIDE = "side", _("Side by side")
        STACKED = "stacked", _("One above the other")

    name = models.CharField(
        _("name"), max_length=200, help_text=_("For the admin, not printed.")
    )
    issuer = models.CharField(
        _("issued by"),
        max_length=200,
        help_text=_(
            "The organisation(s) issuing it, as shown on the verification page."
        ),
    )
    heading = models.CharField(
        _("heading"), max_length=200, default="Certificate of completion"
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders in braces are filled in: {participant_name}, {programme}, "
            "{cohort}, {courses}, {dates}, {venue}, {hours}, {issue_date}, "
            "{certificate_number}."
        ),
    )
    orientation = models.CharField(
        _("layout"),
        max_length=10,
        choices=Orientation.choices,
        default=Orientation.LANDSCAPE,
    )
    second_language = models.CharField(
        _("second language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "Print this translation of the template as well, e.g. English and "
            "Kinyarwanda. Leave empty for one language."
        ),
    )
    bilingual_layout = models.CharField(
        _("two languages"),
        max_length=10,
        choices=Layout.choices,
        default=Layout.STACKED,
    )
    background = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("background image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    logos = StreamField(
        [("logo", ImageChooserBlock(label=_("Logo")))],
        verbose_name=_("logos of the issuing organisations"),
        blank=True,
    )
    signatories = StreamField(
        [("signatory", SignatoryBlock())],
        verbose_name=_("signatories"),
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("issuer"),
        FieldPanel("heading"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("orientation"),
                FieldRowPanel(
                    [FieldPanel("second_language"), FieldPanel("bilingual_layout")]
                ),
                FieldPanel("background"),
                FieldPanel("logos"),
            ],
            heading=_("Layout"),
        ),
        FieldPanel("signatories"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def serve_preview(self, request, mode_name):
        """The admin's live preview: this template, as edited, on a made-up certificate,
        as the PDF participants get."""
        from django.http import HttpResponse

        from certificates import pdf

        response = HttpResponse(
            pdf.render(pdf.sample(self)), content_type="application/pdf"
        )
        response["Content-Disposition"] = 'inline; filename="preview.pdf"'
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    @property
    def language(self) -> str:
        """The template's language (the site's default for one not saved yet, as in the
        preview of a new template)."""
        return self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE

    def in_language(self, language: str) -> CertificateTemplate | None:
        if self.language == language:
            return self
        return (
            CertificateTemplate.objects.filter(
                translation_key=self.translation_key, locale__language_code=language
            )
            .select_related("locale")
            .first()
        )


class CertificateSetup(models.Model):
    """A cohort's certificate and who earns it. Kept here, beside the certificates, because
    `cohorts` sits below `certificates`."""

    cohort = models.OneToOneField(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="certificate_setup",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("certificate template"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    min_attendance = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    require_courses = models.BooleanField(
        _("every lesson of the cohort's courses done"), default=True
    )
    require_post_test = models.BooleanField(_("post-test passed"), default=False)
    require_plan = models.BooleanField(_("action plan submitted"), default=False)
    hours = models.PositiveSmallIntegerField(
        _("hours of training"),
        null=True,
        blank=True,
        help_text=_("Printed as {hours}; empty: the sum of the courses' hours."),
    )

    class Meta:
        verbose_name = _("certificate set-up")
        verbose_name_plural = _("certificate set-ups")

    def __str__(self):
        return str(self.cohort)


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")

    # The certificate outlives the account and the cohort: what it says is kept on the
    # row itself (below), so the verification page still answers if either is deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="certificates",
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="certificates",
    )
    programme_name = models.CharField(_("programme"), max_length=200)
    cohort_name = models.CharField(_("training"), max_length=200)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    issuer = models.CharField(_("issued by"), max_length=200)
    heading = models.CharField(_("heading"), max_length=200)
    template_key = models.UUIDField(
        _("template"), help_text=_("The template's translation key: all its languages.")
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    number = models.CharField(_("number"), max_length=30, unique=True)
    code = models.CharField(
        _("verification code"), max_length=CODE_LENGTH, unique=True, default=new_code
    )
    full_name = models.CharField(_("name on the certificate"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    override_reason = models.TextField(
        _("issued although not eligible, because"), blank=True
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    pdf = models.FileField(
        _("PDF"),
        upload_to="certificates/",
        storage=private_storage,
        max_length=200,
        blank=True,
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cohort", "template_key"],
                name="one_certificate_per_person_cohort_template",
            )
        ]

    def __str__(self):
        return f"{self.number} · {self.full_name}"

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.VALID


class CertificateVersion(models.Model):
    """An earlier issue of a certificate (before a name correction), kept as it was."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    full_name = models.CharField(_("name on the certificate"), max_length=200)
    issued_at = models.DateTimeField(_("issued"))
    pdf = models.CharField(_("PDF"), max_length=200, blank=True)  # its file, kept
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("certificate version")
        verbose_name_plural = _("certificate versions")
        ordering = ["certificate", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "version"], name="certificate_versions_unique"
            )
        ]

    def __str__(self):
        return f"{self.certificate.number} v{self.version}"


class NumberSequence(models.Model):
    """The last certificate number handed out per year, taken under a row lock so two
    issuers at once never get the same number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("certificate number sequence")
        verbose_name_plural = _("certificate number sequences")

    def __str__(self):
        return f"{self.year}: {self.last}"


class CertificateNotice(ClaimedMessage):
    """The message telling a participant their certificate is ready (once per version)."""

    kind = models.CharField(max_length=12, default="issued")
    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate notice")
        verbose_name_plural = _("certificate notices")


class IssueJob(models.Model):
    """Issuing to everyone eligible in a cohort, in the background, with its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Issuing")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Stopped by an error")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=list, blank=True)  # [{"name", "reasons"}]
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(
        default=timezone.now
    )  # each certificate: a heartbeat
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("issuing job")
        verbose_name_plural = _("issuing jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.cohort} · {self.state} {self.done}/{self.total}"

    @property
    def active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
