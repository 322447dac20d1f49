from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from people.models import User


class SignInForm(AuthenticationForm):
    """Sign in with an email address or phone number and a password."""

    username = forms.CharField(
        label=_("Email or phone number"),
        max_length=254,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "username",
                "autocapitalize": "none",
            }
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "That email or phone number and password do not match an account. "
            "Check both and try again."
        ),
        "inactive": _("This account is switched off. Ask your programme officer."),
    }


class AccountForm(forms.ModelForm):
    """What a person may change about themselves."""

    class Meta:
        model = User
        fields = ["full_name", "short_name", "preferred_language"]
        widgets = {
            "preferred_language": forms.Select(attrs={"autocomplete": "language"})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language in its own script: someone who cannot read the current one can
        # still find theirs.
        self.fields["preferred_language"].choices = language_choices()


def language_choices() -> list[tuple[str, str]]:
    from lms.languages import LANGUAGE_TABLE

    return [(code, local) for code, _name, local in LANGUAGE_TABLE]
