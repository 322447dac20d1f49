"""The dashboard's filters, read from the query string (a GET form, so every view of the
figures has an address that can be bookmarked, shared and exported)."""

from __future__ import annotations

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from reports.selectors import BREAKDOWNS, Filters, number, youth_age

MOST_COHORTS_LISTED = 300


class Listed(BaseChoiceIterator):
    """Options used as given: Django would otherwise normalise each of hundreds of cohorts
    on every page view (a third of the dashboard's time at national scale)."""

    def __init__(self, items):
        self.items = items

    def __iter__(self):
        return iter(self.items)


class FilterForm(forms.Form):
    cohort = forms.IntegerField(label=_("Cohort"), required=False, widget=forms.Select)
    start = forms.DateField(
        label=_("Cohorts starting from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=_("until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    by = forms.ChoiceField(label=_("Break down by"), required=False)
    youth = forms.IntegerField(
        label=_("Youth: under"),
        required=False,
        min_value=15,
        max_value=60,
        help_text=_("years old"),
    )

    def __init__(self, data, *, cohorts, fixed_cohort=None):
        super().__init__(data)
        self.fixed_cohort = fixed_cohort
        self.fields["by"].choices = [("", _("Nothing (totals)"))] + [
            (key, label) for key, label in BREAKDOWNS.items()
        ]
        if fixed_cohort is not None:
            del self.fields["cohort"]
            del self.fields["start"]
            del self.fields["end"]
            self.fields["by"].choices = [
                choice for choice in self.fields["by"].choices if choice[0] != "cohort"
            ]
        else:
            # The newest cohorts are listed; any other of the person's cohorts can still be
            # chosen (from the breakdown by cohort, or a link) and is then listed too.
            self.cohorts = cohorts
            listed = list(
                cohorts.order_by("-starts_on", "name").values_list("pk", "name")[
                    :MOST_COHORTS_LISTED
                ]
            )
            chosen = number(data.get("cohort")) if data else None
            if chosen is not None and chosen not in {pk for pk, _name in listed}:
                listed += list(cohorts.filter(pk=chosen).values_list("pk", "name"))
            self.fields["cohort"].widget.choices = Listed(
                [("", _("All cohorts")), *listed]
            )
        self.fields["youth"].widget.attrs.update(placeholder=youth_age())

    def clean_cohort(self):
        cohort = self.cleaned_data.get("cohort")
        if cohort is not None and not self.cohorts.filter(pk=cohort).exists():
            raise forms.ValidationError(
                _(
                    "Select a valid choice. %(value)s is not one of the available choices."
                ),
                params={"value": cohort},
            )
        return cohort

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end comes before the start."))
        return data

    def filters(self, programme_id: int | None) -> Filters:
        """The filters as cleaned; a field with an error is left out (the page says why)."""
        data = (
            self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        )
        cohort_id = (
            self.fixed_cohort.pk
            if self.fixed_cohort is not None
            else data.get("cohort")
        )
        return Filters(
            programme_id=programme_id,
            cohort_id=cohort_id,
            start=data.get("start"),
            end=data.get("end") if not self.has_error("end") else None,
            by=data.get("by") or "",
            youth=data.get("youth") or youth_age(),
        )
