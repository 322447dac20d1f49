"""The follow-up set-up of a cohort: which template its participants fill in, whether they
may start, and the checkpoints (months after the end)."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans import services
from actionplans.models import CohortPlanSetup, PlanTemplate


class SetupForm(forms.Form):
    template = forms.ModelChoiceField(
        label=gettext_lazy("Action-plan template"),
        queryset=PlanTemplate.objects.none(),
        required=False,
        empty_label=gettext_lazy("The default template"),
        help_text=gettext_lazy(
            "Participants see it in their language where it has been translated."
        ),
    )
    plans_open = forms.BooleanField(
        label=gettext_lazy("Participants may write their plans"), required=False
    )
    offsets = forms.CharField(
        label=gettext_lazy("Follow-up checkpoints (months after the cohort ends)"),
        max_length=60,
        help_text=gettext_lazy("Separated by commas, e.g. 1, 3, 6."),
    )

    def __init__(self, cohort, *args, **kwargs):
        self.cohort = cohort
        setup = CohortPlanSetup.objects.filter(cohort=cohort).first()
        initial = {
            "template": setup.template_id if setup else None,
            "plans_open": setup.plans_open if setup else True,
            "offsets": ", ".join(
                str(c.offset_months)
                for c in cohort.checkpoints.order_by("offset_months")
            ),
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["template"].queryset = PlanTemplate.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).order_by("title")

    def clean_offsets(self):
        raw = self.cleaned_data["offsets"]
        parts = [part for part in re.split(r"[,\s;]+", raw) if part]
        try:
            values = sorted({int(part) for part in parts})
        except ValueError:
            raise forms.ValidationError(
                _("Write whole numbers of months, separated by commas.")
            ) from None
        if not values:
            raise forms.ValidationError(_("Keep at least one follow-up checkpoint."))
        if any(value < 0 or value > 60 for value in values):
            raise forms.ValidationError(
                _("Checkpoints must be between 0 and 60 months after the end.")
            )
        return values

    def save(self):
        services.set_offsets(cohort=self.cohort, offsets=self.cleaned_data["offsets"])
        CohortPlanSetup.objects.update_or_create(
            cohort=self.cohort,
            defaults={
                "template": self.cleaned_data["template"],
                "plans_open": self.cleaned_data["plans_open"],
            },
        )
