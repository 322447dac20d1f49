"""Sign in with an email address or a phone number, whichever the person has."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from people.phone import looks_like_phone, normalise_phone


def find_user(identifier: str):
    """The active or inactive account an email address or phone number names, or None."""
    User = get_user_model()
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if "@" in identifier:
        return User._default_manager.filter(email__iexact=identifier).first()
    if looks_like_phone(identifier):
        return User._default_manager.filter(phone=normalise_phone(identifier)).first()
    return None


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = find_user(username)
        if user is None:
            # Spend the same time as a real check, so response times do not reveal which
            # addresses and numbers have accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
