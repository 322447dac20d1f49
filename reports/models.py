"""Reporting tables: one row per enrolment (and per checkpoint, and per outcome indicator),
derived from the other apps by `reports.facts` and never written by anything else.

The dashboards aggregate these rows with one GROUP BY per table, so a programme of 100,000
participants answers in a fixed handful of queries instead of scanning a million progress
rows. The facts are refreshed for changed cohorts every ten minutes, for every cohort each
night, and on demand ("Refresh figures"); each row says when it was computed.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actionplans.models import ActionPlan
from lms.storage import private_storage
from people.models import Gender


class ParticipantFact(models.Model):
    """A participant in one cohort: who they are (the dimensions funders break figures
    down by) and how far they got (the measures)."""

    enrolment = models.OneToOneField(
        "cohorts.Enrolment", on_delete=models.CASCADE, related_name="+"
    )
    programme = models.ForeignKey(
        "cohorts.Programme", on_delete=models.CASCADE, related_name="+"
    )
    cohort = models.ForeignKey(
        "cohorts.Cohort", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    starts_on = models.DateField()  # the cohort's, for the date-range filter
    # Dimensions
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    # Age at the start of the person's first cohort: one age group per person, whichever
    # cohort a figure counts them in.
    age = models.PositiveSmallIntegerField(null=True)
    cluster = models.ForeignKey(
        "people.Cluster", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sector = models.CharField(max_length=20, blank=True)
    district = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=2, blank=True)
    # Measures
    status = models.CharField(max_length=12)  # the enrolment's
    enrolled = models.BooleanField(default=False)  # enrolled, even if withdrawn later
    attended = models.BooleanField(default=False)  # present or late at least once
    completed = models.BooleanField(default=False)
    certified = models.BooleanField(default=False)
    sessions_held = models.PositiveIntegerField(default=0)
    sessions_attended = models.PositiveIntegerField(default=0)
    visits_attended = models.PositiveIntegerField(default=0)
    lessons_total = models.PositiveIntegerField(default=0)
    lessons_done = models.PositiveIntegerField(default=0)
    pre_score = models.FloatField(null=True)
    post_score = models.FloatField(null=True)
    post_passed = models.BooleanField(null=True)
    plan_status = models.CharField(  # "" = no plan
        max_length=12, choices=ActionPlan.Status.choices, blank=True
    )
    # The person across the programme: one of their rows (`person_first`) carries whether
    # they were enrolled, attended … in any of its cohorts, so a whole programme's people
    # are counted by adding up those rows instead of COUNT(DISTINCT) over all of them.
    person_first = models.BooleanField(default=False)
    p_enrolled = models.BooleanField(default=False)
    p_attended = models.BooleanField(default=False)
    p_completed = models.BooleanField(default=False)
    p_certified = models.BooleanField(default=False)
    p_visited = models.BooleanField(default=False)
    p_withdrawn = models.BooleanField(default=False)
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("participant figures")
        verbose_name_plural = _("participant figures")
        indexes = [
            models.Index(fields=["programme", "starts_on"], name="fact_programme"),
            models.Index(fields=["programme", "person_first"], name="fact_person"),
            models.Index(fields=["cohort"], name="fact_cohort"),
            models.Index(fields=["user"], name="fact_user"),
        ]

    def __str__(self):
        return f"{self.user_id} · {self.cohort_id}"

    @property
    def attendance(self) -> float | None:
        if not self.sessions_held:
            return None
        return 100 * self.sessions_attended / self.sessions_held


class FollowUpFact(models.Model):
    """One checkpoint of one participant: owed, submitted, overdue."""

    fact = models.ForeignKey(
        ParticipantFact, on_delete=models.CASCADE, related_name="follow_ups"
    )
    checkpoint = models.ForeignKey(
        "actionplans.Checkpoint", on_delete=models.CASCADE, related_name="+"
    )
    offset_months = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    owed = models.BooleanField(default=False)  # enrolled, plan approved (or reported)
    submitted = models.BooleanField(default=False)
    overdue = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["fact"], name="follow_up_fact")]

    def __str__(self):
        return f"{self.fact_id} · {self.offset_months}"


class OutcomeFact(models.Model):
    """One outcome indicator from the participant's latest report in the cohort."""

    fact = models.ForeignKey(
        ParticipantFact, on_delete=models.CASCADE, related_name="outcomes"
    )
    indicator = models.ForeignKey(
        "actionplans.Indicator", on_delete=models.CASCADE, related_name="+"
    )
    number = models.FloatField(null=True)
    women = models.PositiveIntegerField(null=True)
    youth = models.PositiveIntegerField(null=True)
    yes = models.BooleanField(null=True)  # yes/no; for lists: chose any
    chosen = models.JSONField(default=list)
    # The person's latest report in the whole programme: figures over several cohorts
    # count only these, so someone in two cohorts is counted once.
    counted = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["indicator", "fact"], name="outcome_fact")]

    def __str__(self):
        return f"{self.fact_id} · {self.indicator_id}"


class RefreshRun(models.Model):
    """One refresh of the facts: which cohorts, when, how long."""

    class Kind(models.TextChoices):
        CHANGED = "changed", _("Changed cohorts")
        ALL = "all", _("Every cohort")
        ON_DEMAND = "on_demand", _("On demand")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    cohorts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"{self.kind} {self.started_at:%Y-%m-%d %H:%M}"


class ExportJob(models.Model):
    """A large export (participants' table, donor report PDF) made by a django-q2 worker,
    with its progress, and the file kept for its owner to download."""

    class Kind(models.TextChoices):
        PARTICIPANTS = "participants", _("Participants")
        DONOR_PDF = "donor_pdf", _("Donor report (PDF)")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Under way")
        DONE = "done", _("Ready")
        FAILED = "failed", pgettext_lazy("job", "Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    params = models.JSONField(default=dict)  # the dashboard's filters, as query strings
    file_format = models.CharField(max_length=5, default="csv")
    language = models.CharField(max_length=8)
    title = models.CharField(_("title"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(
        storage=private_storage, upload_to="exports/", max_length=300, blank=True
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class ProgrammeStamp(models.Model):
    """When a programme's facts last changed: dashboard snapshots older than this are stale."""

    programme = models.OneToOneField(
        "cohorts.Programme",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.programme_id} · {self.changed_at:%Y-%m-%d %H:%M}"


class Snapshot(models.Model):
    """A whole programme's dashboard as computed (one breakdown, one language, one day),
    kept until the programme's facts change: officers' views of a national programme are
    read from here instead of aggregated again. Written and read only by
    `reports.snapshots`."""

    programme = models.ForeignKey(
        "cohorts.Programme", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    data = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="snapshot_once")
        ]

    def __str__(self):
        return f"{self.programme_id} · {self.key}"
