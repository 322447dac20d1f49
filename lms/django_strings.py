"""Django's own messages that participants meet, repeated here so that `makemessages` copies
them into our catalogues. Django ships no translations for Sinhala, Lao or Kinyarwanda; our
catalogue (first in LOCALE_PATHS) fills the gap. Never imported: it exists to be read."""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

DJANGO_STRINGS = [
    _("This field is required."),
    _("Enter a valid email address."),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _("Old password"),
    _("New password"),
    _("New password confirmation"),
    _("Your old password was entered incorrectly. Please enter it again."),
    _("The two password fields didn’t match."),
    _("The password is too similar to the %(verbose_name)s."),
    _("Your password can’t be too similar to your other personal information."),
    _("This password is too common."),
    _("Your password can’t be a commonly used password."),
    _("This password is entirely numeric."),
    _("Your password can’t be entirely numeric."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
]

# Dates as Django writes them ("l j F Y", "j M Y"): Django has no Sinhala, Lao or
# Kinyarwanda names for days and months.
DATE_NAMES = [
    _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"),
    _("Sunday"),
    _("January"), _("February"), _("March"), _("April"), _("May"), _("June"), _("July"),
    _("August"), _("September"), _("October"), _("November"), _("December"),
    _("jan"), _("feb"), _("mar"), _("apr"), _("may"), _("jun"), _("jul"), _("aug"),
    _("sep"), _("oct"), _("nov"), _("dec"),
]  # fmt: skip
