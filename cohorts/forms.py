"""Admin forms: choices narrowed to the right people and pages, and session times entered
and shown in the session's own time zone (a Phnom Penh workshop at 09:00 is 09:00 there,
whatever the officer's own zone)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page

from people import roles
from people.countries import Country
from people.models import User


def _staff(*groups):
    return (
        User.objects.filter(groups__name__in=groups, is_active=True)
        .distinct()
        .order_by("full_name")
    )


class ProgrammeForm(WagtailAdminModelForm):
    countries = forms.MultipleChoiceField(
        label=_("countries"),
        choices=Country.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "officers" in self.fields:
            self.fields["officers"].queryset = _staff(
                roles.OFFICER, roles.ADMINISTRATOR
            )


class CohortForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        from cohorts.selectors import visible_programmes
        from courses.models import CoursePage

        super().__init__(*args, **kwargs)
        if "programme" in self.fields and getattr(self, "for_user", None):
            self.fields["programme"].queryset = visible_programmes(self.for_user)
        if "courses" in self.fields:
            self.fields["courses"].queryset = (
                Page.objects.type(CoursePage).select_related("locale").order_by("title")
            )
            self.fields["courses"].label_from_instance = lambda page: (
                f"{page.title} ({page.locale.language_code})"
            )
        if "trainers" in self.fields:
            self.fields["trainers"].queryset = _staff(
                roles.TRAINER, roles.ADMINISTRATOR
            )
        if "officers" in self.fields:
            self.fields["officers"].queryset = _staff(
                roles.OFFICER, roles.ADMINISTRATOR
            )


class SessionForm(WagtailAdminModelForm):
    time_zone = forms.ChoiceField(
        label=_("time zone"),
        choices=[(zone, zone) for zone in sorted(available_timezones())],
        help_text=_("Times are entered and shown in this zone."),
    )

    def __init__(self, *args, **kwargs):
        from cohorts.selectors import visible_cohorts

        super().__init__(*args, **kwargs)
        instance = self.instance
        if "cohort" in self.fields and getattr(self, "for_user", None):
            self.fields["cohort"].queryset = visible_cohorts(
                self.for_user
            ).select_related("programme")
        if "facilitators" in self.fields:
            self.fields["facilitators"].queryset = _staff(
                roles.TRAINER, roles.OFFICER, roles.ADMINISTRATOR
            )
        if instance.pk and not self.is_bound:
            zone = ZoneInfo(instance.time_zone)
            for name in ("starts_at", "ends_at"):
                value = getattr(instance, name)
                if value is not None:
                    # The widget shows the current zone's wall clock: give it the session's.
                    self.initial[name] = timezone.make_aware(
                        timezone.make_naive(value, zone)
                    )

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone")
        if zone_name:
            zone = ZoneInfo(zone_name)
            for name in ("starts_at", "ends_at"):
                value = cleaned.get(name)
                if value is not None:
                    cleaned[name] = timezone.make_aware(
                        timezone.make_naive(value), zone
                    )
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A session must end after it starts."))
        return cleaned
