"""Test data through the real services, with lazy unique values."""

import factory

from people import roles
from people.models import Cluster, Sector
from people.services import participant_create, user_create

PASSWORD = "a-long-test-password"


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Mushroom growers {n}")
    sector = Sector.AGRICULTURE
    district = "Kegalle"
    province = "Sabaragamuwa"
    country = "LK"


_counter = iter(range(10_000, 99_999))


def make_participant(**overrides):
    n = next(_counter)
    values = {
        "full_name": f"Participant {n}",
        "email": f"participant{n}@example.org",
        "phone": f"+9477{n:07d}",
        "password": PASSWORD,
        "preferred_language": "en",
        "gender": "female",
        "birth_year": 1985,
    }
    values.update(overrides)
    if "cluster" not in values:
        values["cluster"] = ClusterFactory()
    return participant_create(**values)


def make_staff(role: str, **overrides):
    n = next(_counter)
    values = {
        "full_name": f"{role} {n}",
        "email": f"staff{n}@example.org",
        "password": PASSWORD,
        "role": role,
    }
    values.update(overrides)
    return user_create(**values)


def make_trainer(**overrides):
    return make_staff(roles.TRAINER, **overrides)


def make_officer(**overrides):
    return make_staff(roles.OFFICER, **overrides)


def make_administrator(**overrides):
    return make_staff(roles.ADMINISTRATOR, **overrides)
