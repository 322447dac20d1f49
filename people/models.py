"""The people of a programme: who signs in, and the clusters and enterprises they belong to."""

import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.countries import Country
from people.phone import normalise_phone, validate_phone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})

    def _create_user(self, email, phone, password, **extra_fields):
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, phone=normalise_phone(phone), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, *, phone=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, phone, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        extra_fields.setdefault("full_name", email.split("@")[0])
        return self._create_user(
            email, extra_fields.pop("phone", None), password, **extra_fields
        )


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: participant, trainer, programme officer or administrator.

    Participants often have a phone but no email address, so either one identifies a person.
    Names are kept whole, as the person writes them: many naming traditions in the programmes
    have no "first" and "last" name.
    """

    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("phone number"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_phone],
        help_text=_("With the country code, for example +94 77 123 4567."),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    short_name = models.CharField(
        _("name to greet you by"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty to use your full name."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the person may sign in to the admin."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Unselect this instead of deleting accounts."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(phone__isnull=False),
                name="user_has_email_or_phone",
            ),
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self):
        return self.full_name or self.email or self.phone or str(self.pk)

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower() or None
        self.phone = normalise_phone(self.phone)
        if not self.email and not self.phone:
            raise ValidationError(
                _("Give an email address or a phone number, or both.")
            )

    def save(self, *args, **kwargs):
        # Empty strings would collide in the unique indexes; "none given" is NULL.
        self.email = self.email.lower() if self.email else None
        self.phone = normalise_phone(self.phone)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.short_name or self.full_name

    @property
    def sign_in_name(self) -> str:
        """What the person types to sign in: the email address, else the phone number."""
        return self.email or self.phone or ""

    @property
    def role_names(self) -> list[str]:
        return [group.name for group in self.groups.all()]


class Sector(models.TextChoices):
    FOOD = "food", _("Food processing")
    AGRICULTURE = "agriculture", _("Agriculture and livestock")
    HANDICRAFTS = "handicrafts", _("Handicrafts")
    POTTERY = "pottery", _("Pottery and ceramics")
    TEXTILES = "textiles", _("Textiles and garments")
    LEATHER = "leather", _("Leather and footwear")
    COIR = "coir", _("Coir and natural fibre")
    TOURISM = "tourism", _("Community-based tourism")
    OTHER = "other", _("Other")


class Cluster(models.Model):
    """A group of small enterprises in one sector and place that train and trade together."""

    name = models.CharField(_("name"), max_length=150)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    district = models.CharField(_("district"), max_length=100)
    province = models.CharField(_("province or region"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["country", "district", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "district", "country"],
                name="cluster_unique_in_district",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.district})"


class Enterprise(models.Model):
    """A participant's business: what it makes and which cluster it belongs to."""

    name = models.CharField(_("name"), max_length=150)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enterprises",
    )
    products = models.TextField(_("products"), blank=True)
    employees = models.PositiveIntegerField(
        _("people employed"), null=True, blank=True, help_text=_("Including the owner.")
    )
    year_started = models.PositiveSmallIntegerField(
        _("year started"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


def _current_year() -> int:
    return datetime.date.today().year


class ParticipantProfile(models.Model):
    """What funders' reports are broken down by: gender, age, place, cluster, disability."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="participant_profile",
    )
    gender = models.CharField(
        _("gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1920), MaxValueValidator(2100)],
    )
    district = models.CharField(_("district"), max_length=100, blank=True)
    province = models.CharField(_("province or region"), max_length=100, blank=True)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, blank=True
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
    )
    # None: the person chose not to answer.
    has_disability = models.BooleanField(
        _("lives with a disability"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("participant profile")
        verbose_name_plural = _("participant profiles")

    def __str__(self):
        return str(self.user)

    def clean(self):
        super().clean()
        if self.birth_year and self.birth_year > _current_year() - 10:
            raise ValidationError(
                {"birth_year": _("Participants must be at least 10 years old.")}
            )

    @property
    def age(self) -> int | None:
        return _current_year() - self.birth_year if self.birth_year else None
