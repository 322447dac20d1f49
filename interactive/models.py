"""H5P packages as installed: shared libraries (one folder per name and major.minor version),
activities (one extracted package each, in one language) and participants' results.

H5P activities are whole files per language, not text that wagtail-localize could segment,
so they are linked as translations by a shared `translation_group` that the trainer sets
when uploading ("this is the Khmer version of …"), and a lesson's H5P block plays the version
in the reader's language.
"""

from __future__ import annotations

from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Storage folders, relative to the default storage's root.
LIBRARIES_FOLDER = "h5p/libraries"
CONTENT_FOLDER = "h5p/content"

# The licence codes of h5p.json, as H5P's editor offers them.
LICENCES = {
    "U": _("Undisclosed"),
    "C": _("Copyright, all rights reserved"),
    "PD": _("Public domain"),
    "ODC PDDL": _("Public domain (ODC PDDL)"),
    "CC PDM": _("Public domain mark"),
    "CC0 1.0": "CC0 1.0",
    "GNU GPL": "GNU GPL",
}


class H5PLibrary(models.Model):
    """A library, installed once for every activity that needs it. H5P keeps one copy per
    name and major.minor version; a newer patch version replaces the files (bug fixes only)."""

    machine_name = models.CharField(_("machine name"), max_length=127)
    major_version = models.PositiveSmallIntegerField(_("major version"))
    minor_version = models.PositiveSmallIntegerField(_("minor version"))
    patch_version = models.PositiveSmallIntegerField(_("patch version"), default=0)
    title = models.CharField(_("title"), max_length=255)
    runnable = models.BooleanField(_("runnable"), default=False)
    metadata = models.JSONField(_("library.json"), default=dict)
    installed_at = models.DateTimeField(_("installed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        ordering = ["machine_name", "-major_version", "-minor_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version"],
                name="h5p_library_once_per_version",
            )
        ]

    def __str__(self):
        return f"{self.machine_name} {self.version}"

    @property
    def version(self) -> str:
        return f"{self.major_version}.{self.minor_version}.{self.patch_version}"

    @property
    def folder_name(self) -> str:
        """The folder name H5P players look for: `H5P.MultiChoice-1.16`."""
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"

    @property
    def storage_path(self) -> str:
        return f"{LIBRARIES_FOLDER}/{self.folder_name}"


class H5PContent(models.Model):
    """One uploaded H5P activity in one language."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES
    )
    translation_group = models.UUIDField(
        _("translation group"),
        default=uuid4,
        editable=False,
        help_text=_("Activities sharing this are versions of each other."),
    )
    main_library = models.ForeignKey(
        H5PLibrary,
        verbose_name=_("content type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    libraries = models.ManyToManyField(
        H5PLibrary, verbose_name=_("libraries"), related_name="contents"
    )
    metadata = models.JSONField(_("h5p.json"), default=dict)
    licence = models.CharField(_("licence"), max_length=50, blank=True)
    licence_version = models.CharField(_("licence version"), max_length=10, blank=True)
    authors = models.JSONField(_("authors"), default=list, blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("score needed to pass (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Leave empty to count the activity as passed when the participant finishes "
            "it (or when the activity itself says it was passed)."
        ),
    )
    file_count = models.PositiveIntegerField(_("files"), default=0)
    size_bytes = models.PositiveBigIntegerField(_("size"), default=0)
    source_filename = models.CharField(_("uploaded file"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("H5P activity")
        verbose_name_plural = _("H5P activities")
        ordering = ["title", "language"]
        permissions = [("view_h5p_report", _("Can see H5P results"))]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_group", "language"],
                name="h5p_one_version_per_language",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    @property
    def storage_path(self) -> str:
        return f"{CONTENT_FOLDER}/{self.uuid}"

    @property
    def content_type_label(self) -> str:
        """What trainers recognise: `H5P.InteractiveVideo 1.26`."""
        library = self.main_library
        return f"{library.machine_name} {library.major_version}.{library.minor_version}"

    content_type_label.fget.short_description = _("content type")

    @property
    def licence_label(self) -> str:
        if not self.licence:
            return ""
        label = str(LICENCES.get(self.licence, self.licence))
        return f"{label} {self.licence_version}".strip()

    licence_label.fget.short_description = _("licence")

    @property
    def author_names(self) -> str:
        return ", ".join(
            str(author.get("name", "")).strip()
            for author in self.authors or []
            if isinstance(author, dict) and str(author.get("name", "")).strip()
        )

    author_names.fget.short_description = _("authors")

    @property
    def size_label(self) -> str:
        from django.template.defaultfilters import filesizeformat

        return f"{filesizeformat(self.size_bytes)} · {self.file_count}"

    size_label.fget.short_description = _("size and files")

    @property
    def pass_rule(self) -> str:
        if self.pass_mark:
            return f"{self.pass_mark}%"
        return str(_("Finishing it, or what the activity itself decides"))

    pass_rule.fget.short_description = _("passed when")

    @property
    def versions_label(self) -> str:
        return ", ".join(
            f"{version.get_language_display()}: {version.title}"
            for version in self.translations().order_by("language")
        )

    versions_label.fget.short_description = _("other language versions")

    def translations(self):
        """The other language versions of this activity."""
        return H5PContent.objects.filter(
            translation_group=self.translation_group
        ).exclude(pk=self.pk)

    def in_language(self, *language_codes: str) -> H5PContent:
        """The version in the first of these languages that has one; this one otherwise."""
        wanted = [code for code in language_codes if code]
        if not wanted or self.language == wanted[0]:
            return self
        versions = {
            content.language: content
            for content in H5PContent.objects.filter(
                translation_group=self.translation_group, language__in=wanted
            ).select_related("main_library")
        }
        for code in wanted:
            if code in versions:
                return versions[code]
        return self


class H5PResult(models.Model):
    """A participant's standing on one activity, kept current from the player's xAPI
    statements: the best score so far, whether it was ever completed or passed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="h5p_results",
    )
    content = models.ForeignKey(
        H5PContent,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("lesson"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    score = models.DecimalField(
        _("score"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    max_score = models.DecimalField(
        _("maximum score"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    scaled = models.FloatField(_("score (0-1)"), null=True, blank=True)
    completed = models.BooleanField(_("completed"), default=False)
    success = models.BooleanField(_("succeeded"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    statements = models.PositiveIntegerField(_("results received"), default=0)
    first_at = models.DateTimeField(_("first result"))
    last_at = models.DateTimeField(_("last result"))

    class Meta:
        verbose_name = _("H5P result")
        verbose_name_plural = _("H5P results")
        constraints = [
            models.UniqueConstraint(fields=["user", "content"], name="h5p_result_once"),
            models.CheckConstraint(
                condition=models.Q(scaled__isnull=True)
                | models.Q(scaled__gte=0, scaled__lte=1),
                name="h5p_scaled_in_bounds",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.content}"

    @property
    def percent(self) -> float | None:
        return None if self.scaled is None else round(self.scaled * 100, 1)


class H5PStatement(models.Model):
    """One xAPI statement that counted, kept for audit and so that a statement resent after
    a lost connection (same idempotency key) is counted once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    content = models.ForeignKey(
        H5PContent, on_delete=models.CASCADE, related_name="statements"
    )
    key = models.UUIDField(_("idempotency key"))
    verb = models.CharField(_("verb"), max_length=255)
    score = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    max_score = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    completed = models.BooleanField(null=True)
    success = models.BooleanField(null=True)
    statement = models.JSONField(_("statement"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="h5p_statement_once")
        ]

    def __str__(self):
        return f"{self.verb} · {self.key}"
