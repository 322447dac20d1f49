"""Admin: action-plan templates (translatable snippets), outcome indicators, and a way into
the plans and follow-up pages (which trainers and officers also use on their phones)."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from actionplans.models import Indicator, PlanTemplate
from cohorts import selectors as cohort_selectors


class PlanTemplateViewSet(SnippetViewSet):
    model = PlanTemplate
    icon = "form"
    menu_label = _("Action-plan templates")
    list_display = ["title", "updated_at"]
    search_fields = ["title"]


class IndicatorForm(forms.ModelForm):
    """The name in each language has its own box; they are kept in `names`."""

    choices_text = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For “choose any of a list”: one option per line."),
    )

    class Meta:
        model = Indicator
        fields = ["programme", "code", "name", "help_text", "kind", "unit", "position",
                  "active", "hidden_for"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        names = self.instance.names or {}
        for code, label in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": label},
                required=False,
                max_length=200,
                initial=names.get(code, ""),
            )
        self.fields["choices_text"].initial = "\n".join(self.instance.choices or [])

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        options = [
            line.strip()
            for line in cleaned.get("choices_text", "").splitlines()
            if line.strip()
        ]
        if kind == Indicator.Kind.CHOICES and not options:
            self.add_error("choices_text", _("Give at least one option."))
        cleaned["choices"] = options
        return cleaned

    def save(self, commit=True):
        self.instance.names = {
            code: self.cleaned_data[f"name_{code}"].strip()
            for code, _label in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
            and self.cleaned_data.get(f"name_{code}", "").strip()
        }
        self.instance.choices = self.cleaned_data.get("choices", [])
        return super().save(commit)


class IndicatorViewSet(ModelViewSet):
    model = Indicator
    url_prefix = "action-plans/indicators"
    icon = "success"
    menu_label = _("Outcome indicators")
    list_display = ["name", "code", "kind", "programme", "active"]
    list_filter = ["programme", "kind", "active"]
    search_fields = ["name", "code"]
    form_class = IndicatorForm

    def get_form_class(self, for_update=False):
        return IndicatorForm


class PlansPagesMenuItem(MenuItem):
    def is_shown(self, request):
        return cohort_selectors.staff_cohorts(request.user).exists()


class ActionPlansGroup(ViewSetGroup):
    items = (PlanTemplateViewSet, IndicatorViewSet)
    menu_icon = "tasks"
    menu_label = _("Action plans")
    menu_name = "action-plans"
    menu_order = 245

    def get_submenu_items(self):
        return [
            PlansPagesMenuItem(
                _("Plans and reports to review"),
                reverse("actionplans:queue"),
                icon_name="list-ul",
                name="plans-to-review",
                order=10,
            ),
            *super().get_submenu_items(),
        ]


@hooks.register("register_admin_viewset")
def register_action_plan_viewsets():
    return ActionPlansGroup()
