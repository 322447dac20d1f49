import pytest
from django.contrib.auth.models import Group

from people import roles
from people.models import User

pytestmark = pytest.mark.django_db


def test_administrator_creates_a_phone_only_participant(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/users/new/").status_code == 200
    participant_group = Group.objects.get(name=roles.PARTICIPANT)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "",
            "phone": "+94 71 555 0101",
            "full_name": "S. Lakshmi",
            "short_name": "",
            "preferred_language": "ta",
            "password1": "a-strong-pass-phrase",
            "password2": "a-strong-pass-phrase",
            "groups": [participant_group.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(phone="+94715550101")
    assert user.email is None
    assert user.preferred_language == "ta"
    assert list(user.groups.values_list("name", flat=True)) == [roles.PARTICIPANT]


def test_admin_form_requires_email_or_phone(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "",
            "phone": "",
            "full_name": "Nobody",
            "preferred_language": "en",
            "password1": "a-strong-pass-phrase",
            "password2": "a-strong-pass-phrase",
        },
    )
    assert response.status_code == 200
    assert "email address or a phone number" in response.content.decode()
    assert not User.objects.filter(full_name="Nobody").exists()


def test_admin_form_refuses_a_duplicate_phone(client, administrator, participant):
    client.force_login(administrator)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "",
            "phone": participant.phone,
            "full_name": "Twin",
            "preferred_language": "en",
            "password1": "a-strong-pass-phrase",
            "password2": "a-strong-pass-phrase",
        },
    )
    assert response.status_code == 200
    assert User.objects.filter(phone=participant.phone).count() == 1


def test_administrator_edits_a_participant(client, administrator, participant):
    client.force_login(administrator)
    url = f"/admin/users/edit/{participant.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "email": participant.email,
            "phone": participant.phone,
            "full_name": "Renamed Person",
            "short_name": "",
            "preferred_language": "bn",
            "is_active": "on",
            "groups": [Group.objects.get(name=roles.PARTICIPANT).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    participant.refresh_from_db()
    assert participant.full_name == "Renamed Person"
    assert participant.check_password("a-long-test-password")


def test_user_listing_and_search(client, administrator, participant):
    client.force_login(administrator)
    response = client.get("/admin/users/", {"q": participant.full_name})
    assert response.status_code == 200
    assert participant.full_name in response.content.decode()
