import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from people.models import ParticipantProfile, User
from people.phone import normalise_phone
from tests.factories import ClusterFactory, make_participant

pytestmark = pytest.mark.django_db


def test_a_person_needs_an_email_or_a_phone():
    user = User(full_name="Nobody")
    with pytest.raises(ValidationError, match="email address or a phone number"):
        user.full_clean(exclude=["password"])
    with pytest.raises(IntegrityError):
        User.objects.create(full_name="Nobody")


def test_phone_only_participant_is_valid():
    user = make_participant(email=None, phone="077 123 4567")
    assert user.email is None
    assert user.phone == "0771234567"
    assert user.sign_in_name == "0771234567"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+94 77 123-4567", "+94771234567"),
        ("0094 (77) 123 4567", "+94771234567"),
        ("+250.788.000.101", "+250788000101"),
        ("", None),
        (None, None),
    ],
)
def test_phone_numbers_are_stored_in_one_form(typed, stored):
    assert normalise_phone(typed) == stored


def test_invalid_phone_is_refused_with_a_clear_message():
    user = User(full_name="X", phone="12ab")
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "7 to 15 digits" in str(error.value)


def test_email_is_unique_whatever_the_case():
    make_participant(email="Kumari@Example.org")
    assert User.objects.get(email="kumari@example.org")
    with pytest.raises(ValidationError):
        make_participant(email="KUMARI@example.org")


def test_empty_email_and_phone_do_not_collide():
    make_participant(email=None)
    make_participant(phone=None)
    make_participant(email="", phone="+94770000001")
    assert User.objects.filter(email__isnull=True).count() == 2


def test_names_are_kept_whole():
    user = make_participant(full_name="W. M. Kumari Wijesinghe")
    assert user.get_full_name() == "W. M. Kumari Wijesinghe"
    assert user.get_short_name() == "W. M. Kumari Wijesinghe"
    user.short_name = "Kumari"
    assert user.get_short_name() == "Kumari"
    assert str(user) == "W. M. Kumari Wijesinghe"


def test_profile_carries_what_funders_report_on():
    cluster = ClusterFactory(district="Kegalle", country="LK")
    user = make_participant(cluster=cluster, gender="female", birth_year=1990)
    profile = user.participant_profile
    assert profile.district == "Kegalle"
    assert profile.country == "LK"
    assert profile.gender == "female"
    assert profile.age is not None and profile.age >= 30
    assert profile.has_disability is None  # not answered
    assert user.enterprises.count() == 0


def test_profile_refuses_an_impossible_birth_year():
    user = make_participant()
    profile = ParticipantProfile.objects.get(user=user)
    profile.birth_year = 2030
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "birth_year" in error.value.message_dict


def test_superuser_by_command_line():
    admin = User.objects.create_superuser("root@example.org", "pw")
    assert admin.is_superuser and admin.is_staff
    assert admin.full_name == "root"
