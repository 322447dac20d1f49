"""Writes about people that carry rules: accounts with a role, participants with a profile."""

from django.contrib.auth.models import Group
from django.db import transaction

from people import roles
from people.models import Cluster, Enterprise, ParticipantProfile, User


@transaction.atomic
def user_create(
    *,
    full_name: str,
    role: str,
    email: str | None = None,
    phone: str | None = None,
    password: str | None = None,
    preferred_language: str = "en",
    short_name: str = "",
) -> User:
    """Create an account holding one role. Staff roles may use the admin; participants not."""
    if role not in roles.ROLE_PERMISSIONS:
        raise ValueError(f"Unknown role {role!r}")
    user = User(
        full_name=full_name,
        short_name=short_name,
        email=email or None,
        phone=phone or None,
        preferred_language=preferred_language,
        is_staff=role in roles.STAFF_ROLES,
        is_superuser=role == roles.ADMINISTRATOR,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


@transaction.atomic
def participant_create(
    *,
    full_name: str,
    email: str | None = None,
    phone: str | None = None,
    password: str | None = None,
    preferred_language: str = "en",
    gender: str = "undisclosed",
    birth_year: int | None = None,
    district: str = "",
    province: str = "",
    country: str = "",
    cluster: Cluster | None = None,
    has_disability: bool | None = None,
    enterprise_name: str = "",
    products: str = "",
) -> User:
    """Create a participant with the profile funders' reports need, and their enterprise."""
    user = user_create(
        full_name=full_name,
        role=roles.PARTICIPANT,
        email=email,
        phone=phone,
        password=password,
        preferred_language=preferred_language,
    )
    enterprise = None
    if enterprise_name:
        enterprise = Enterprise(
            name=enterprise_name, owner=user, cluster=cluster, products=products
        )
        enterprise.full_clean()
        enterprise.save()
    profile = ParticipantProfile(
        user=user,
        gender=gender,
        birth_year=birth_year,
        district=district or (cluster.district if cluster else ""),
        province=province or (cluster.province if cluster else ""),
        country=country or (cluster.country if cluster else ""),
        cluster=cluster,
        enterprise=enterprise,
        has_disability=has_disability,
    )
    profile.full_clean()
    profile.save()
    return user
