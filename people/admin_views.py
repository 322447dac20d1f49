"""Wagtail's user admin fitted to our user model: whole names, email or phone, language."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from people.forms import language_choices
from people.models import User

PERSON_FIELDS = ["email", "phone", "full_name", "short_name", "preferred_language"]


class _PersonFormMixin:
    """Drop Wagtail's first/last name fields and make email optional (phone may stand in)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields.pop(name, None)
        self.fields["email"] = forms.EmailField(label=_("Email"), required=False)
        self.fields["preferred_language"].choices = language_choices()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(
                _("Give an email address or a phone number, or both.")
            )
        return cleaned

    def _clean_username(self):
        # The username field is the email address, which may be empty; uniqueness of both
        # email and phone is checked by the model's own validation.
        return self.cleaned_data.get("email")


class PersonCreationForm(_PersonFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = [*PERSON_FIELDS, "is_superuser", "groups"]


class PersonEditForm(_PersonFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = [*PERSON_FIELDS, "is_active", "is_superuser", "groups"]


class UserViewSet(WagtailUserViewSet):
    template_prefix = "people/admin/users/"

    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm
