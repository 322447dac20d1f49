import pytest
from django.contrib.auth.models import Group
from django.test import Client

from people import roles

pytestmark = pytest.mark.django_db


def test_the_four_roles_exist_with_their_permissions():
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        roles.PARTICIPANT,
        roles.TRAINER,
        roles.OFFICER,
        roles.ADMINISTRATOR,
    } <= names
    assert "Editors" not in names and "Moderators" not in names

    def perms(role):
        group = Group.objects.get(name=role)
        return {
            f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
        }

    assert perms(roles.PARTICIPANT) == set()
    assert "wagtailadmin.access_admin" in perms(roles.TRAINER)
    assert "people.add_cluster" not in perms(roles.TRAINER)
    assert "people.add_cluster" in perms(roles.OFFICER)
    assert "people.delete_cluster" in perms(roles.ADMINISTRATOR)
    trainer_pages = Group.objects.get(name=roles.TRAINER).page_permissions
    assert set(trainer_pages.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
    }


def test_sync_is_idempotent_and_keeps_manual_grants():
    group = Group.objects.get(name=roles.TRAINER)
    before = group.permissions.count()
    roles.sync_roles()
    roles.sync_roles()
    assert group.permissions.count() == before


def test_role_of(participant, trainer, officer, administrator):
    assert roles.role_of(participant) == roles.PARTICIPANT
    assert roles.role_of(trainer) == roles.TRAINER
    assert roles.role_of(officer) == roles.OFFICER
    assert roles.role_of(administrator) == roles.ADMINISTRATOR


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_participants_never_see_the_admin(participant):
    response = _client_for(participant).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", ["trainer", "officer", "administrator"])
def test_staff_reach_the_admin(role, request):
    user = request.getfixturevalue(role)
    response = _client_for(user).get("/admin/")
    assert response.status_code == 200


def test_officer_manages_clusters_trainer_only_reads(trainer, officer):
    assert _client_for(officer).get("/admin/people/clusters/new/").status_code == 200
    assert _client_for(trainer).get("/admin/people/clusters/new/").status_code in (
        302,
        403,
    )
    assert _client_for(trainer).get("/admin/people/clusters/").status_code == 200


def test_participant_cannot_open_people_admin(participant):
    response = _client_for(participant).get("/admin/people/participants/")
    assert response.status_code == 302


def test_only_administrators_manage_accounts(trainer, administrator):
    assert _client_for(administrator).get("/admin/users/").status_code == 200
    assert _client_for(trainer).get("/admin/users/").status_code in (302, 403)
