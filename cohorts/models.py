"""Programmes, their cohorts and sessions, who is enrolled, who attended, and the bookkeeping
that makes reminders go out once and calendar feeds private.

Who may see what follows from three links: a programme's officers, a cohort's officers and
trainers, and a session's facilitators (see `cohorts.selectors.visible_cohorts`).
"""

from __future__ import annotations

import secrets
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.countries import Country


def new_token() -> str:
    """A random, unguessable token for check-in links and calendar feeds."""
    return secrets.token_urlsafe(24)


def latitude_field():
    return models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )  # fmt: skip


def longitude_field():
    return models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )  # fmt: skip


def validate_time_zone(value: str) -> None:
    # Checked, not offered as model choices: the list changes with every tzdata release
    # and would otherwise call for a migration each time.
    if value not in available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone, e.g. Asia/Colombo."),
            params={"value": value},
        )


class Programme(models.Model):
    """What a funder pays for: e.g. "SME cluster development and export consortia"."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    partners = models.TextField(
        _("partner organisations"), blank=True, help_text=_("One per line.")
    )
    countries = models.JSONField(_("countries"), default=list, blank=True)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programme officers"),
        related_name="officer_programmes",
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        permissions = [("view_all_programmes", _("Can see every programme"))]

    def __str__(self):
        return self.name

    def clean(self):
        valid = set(Country.values)
        unknown = [code for code in self.countries or [] if code not in valid]
        if unknown:
            raise ValidationError(
                {
                    "countries": _("Unknown country codes: %(codes)s")
                    % {"codes": unknown}
                }
            )

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


class Venue(models.Model):
    """A training hall, a chamber's meeting room, a cooperative's shed."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, blank=True
    )
    latitude = latitude_field()
    longitude = longitude_field()
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.district}" if self.district else self.name


class Cohort(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for enrolment")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(_("name"), max_length=200)
    courses = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("courses"),
        related_name="+",
        blank=True,
        help_text=_("The courses this cohort studies, in any language."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("main venue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cohorts",
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        related_name="trainer_cohorts",
        blank=True,
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officers"),
        related_name="officer_cohorts",
        blank=True,
    )
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1)], default=30
    )
    enrolment_opens = models.DateField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes = models.DateField(_("enrolment closes"), null=True, blank=True)
    self_enrolment = models.BooleanField(
        _("participants may ask to join"),
        default=False,
        help_text=_("An officer approves each request."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    pre_test = models.ForeignKey(
        "assessments.Quiz",
        verbose_name=_("pre-test"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    post_test = models.ForeignKey(
        "assessments.Quiz",
        verbose_name=_("post-test"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A cohort cannot end before it starts.")
        if (
            self.enrolment_opens
            and self.enrolment_closes
            and self.enrolment_closes < self.enrolment_opens
        ):
            errors["enrolment_closes"] = _("Enrolment cannot close before it opens.")
        if errors:
            raise ValidationError(errors)

    def enrolment_is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == self.Status.OPEN
            and (self.enrolment_opens is None or self.enrolment_opens <= today)
            and (self.enrolment_closes is None or today <= self.enrolment_closes)
        )


class Session(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop day")
        VISIT = "visit", _("Exposure visit")
        ONLINE = "online", _("Online module window")
        FOLLOW_UP = "follow_up", _("Follow-up meeting")

    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Times are entered and shown in this zone, e.g. Asia/Colombo."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    host_cluster = models.ForeignKey(
        "people.Cluster",
        verbose_name=_("cluster visited"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    host_enterprise = models.ForeignKey(
        "people.Enterprise",
        verbose_name=_("enterprise visited"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    address = models.TextField(_("address"), blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    meeting_point = models.CharField(_("meeting point"), max_length=255, blank=True)
    transport_note = models.TextField(_("transport"), blank=True)
    host_contact = models.CharField(_("host contact"), max_length=255, blank=True)
    learning_objectives = models.TextField(_("learning objectives"), blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_sessions",
        blank=True,
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    check_in_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.local_start:%Y-%m-%d %H:%M})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})

    @property
    def zone(self):
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def place(self) -> str:
        """Where to go, in one line."""
        if self.host_enterprise:
            return str(self.host_enterprise)
        if self.host_cluster:
            return str(self.host_cluster)
        if self.venue:
            return str(self.venue)
        return self.address.replace("\n", ", ") if self.address else ""


class Enrolment(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        ENROLLED = "enrolled", _("Enrolled")
        WAITLISTED = "waitlisted", _("On the waiting list")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DECLINED = "declined", _("Not accepted")

    class Source(models.TextChoices):
        OFFICER = "officer", _("Enrolled by an officer")
        IMPORT = "import", _("Imported from a file")
        SELF = "self", _("Asked to join")

    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    source = models.CharField(_("how"), max_length=10, choices=Source.choices)
    waitlisted_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["cohort", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"], name="enrolment_once_per_cohort"
            )
        ]
        indexes = [models.Index(fields=["cohort", "status", "waitlisted_at"])]

    def __str__(self):
        return f"{self.user} · {self.cohort} · {self.get_status_display()}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    class Method(models.TextChoices):
        REGISTER = "register", _("Register taken by a trainer")
        CHECK_IN = "check_in", _("Checked in with the QR code")

    ATTENDED = (Status.PRESENT, Status.LATE)

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    method = models.CharField(_("recorded by"), max_length=10, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="attendance_once")
        ]
        # The reports' ten-minute refresh looks for registers changed since its last run.
        indexes = [models.Index(fields=["recorded_at"], name="attendance_recorded")]

    def __str__(self):
        return f"{self.user} · {self.session} · {self.get_status_display()}"


class CalendarFeed(models.Model):
    """A private iCalendar address, for one person's sessions or one cohort's. Revoking it
    (or asking for a new one) makes the old address answer 404."""

    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        null=True,
        blank=True,
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, cohort__isnull=True)
                | models.Q(user__isnull=True, cohort__isnull=False),
                name="calendar_feed_for_a_person_or_a_cohort",
            )
        ]

    def __str__(self):
        return (
            f"{self.user or self.cohort} · {'revoked' if self.revoked_at else 'active'}"
        )


class ClaimedMessage(models.Model):
    """A message to one person, claimed before it is sent and marked after: its unique
    `key` lets only one worker claim it (`cohorts.reminders.claim` / `deliver`). Concrete
    tables add their `kind` and what the message is about."""

    class State(models.TextChoices):
        CLAIMED = "claimed", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=120, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(max_length=10)  # email, sms
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.CLAIMED
    )
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.kind} · {self.user} · {self.state}"


class Reminder(ClaimedMessage):
    """One message about one session (or enrolment) to one person: the row is claimed before
    sending and marked sent after, so a restarted worker never sends it twice. Its key,
    kind:user:cohort:session@start, is unique (a unique constraint over the columns would
    let the empty session repeat)."""

    class Kind(models.TextChoices):
        SESSION_SOON = "session_soon", _("Session tomorrow")
        ENROLLED = "enrolled", _("Enrolled")
        WAITLISTED = "waitlisted", _("Put on the waiting list")
        PROMOTED = "promoted", _("Moved from the waiting list")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    @staticmethod
    def key_for(kind, user, cohort, session) -> str:
        """Once per person, whatever the channel; a session moved to another time is a new
        reminder."""
        when = f"{session.pk}@{int(session.starts_at.timestamp())}" if session else "0"
        return f"{kind}:{user.pk}:{cohort.pk}:{when}"
