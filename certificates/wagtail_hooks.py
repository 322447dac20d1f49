"""Admin: certificate templates (translatable snippets) and each cohort's certificate
set-up (template and rules). Issuing happens on the cohort's Certificates page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from certificates.models import CertificateSetup, CertificateTemplate
from cohorts import selectors as cohort_selectors
from cohorts.wagtail_hooks import ScopedModelViewSet


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Certificate templates")
    list_display = ["name", "orientation", "second_language", "updated_at"]
    search_fields = ["name"]


def _managed(request, queryset):
    return queryset.filter(
        cohort__in=cohort_selectors.managed_cohorts(request.user).values("pk")
    )


class SetupForm(WagtailAdminModelForm):
    """Only the cohorts the officer manages can be chosen."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None and "cohort" in self.fields:
            self.fields["cohort"].queryset = cohort_selectors.managed_cohorts(for_user)


class CertificateSetupViewSet(ScopedModelViewSet):
    """Listed, edited and deleted only for the cohorts the officer manages."""

    model = CertificateSetup
    view_scope = change_scope = staticmethod(_managed)
    url_prefix = "certificates/setups"
    icon = "cog"
    menu_label = _("Cohort certificate rules")
    list_display = ["cohort", "template", "min_attendance"]
    form_fields = [
        "cohort",
        "template",
        "min_attendance",
        "require_courses",
        "require_post_test",
        "require_plan",
        "hours",
    ]

    def get_form_class(self, for_update=False):
        from django.forms import modelform_factory

        return modelform_factory(
            CertificateSetup, form=SetupForm, fields=self.form_fields
        )


class CertificatePagesMenuItem(MenuItem):
    def is_shown(self, request):
        return cohort_selectors.staff_cohorts(request.user).exists()


class CertificatesGroup(ViewSetGroup):
    items = (CertificateTemplateViewSet, CertificateSetupViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Certificates")
    menu_name = "certificates"
    menu_order = 246

    def get_submenu_items(self):
        return [
            CertificatePagesMenuItem(
                _("Issue certificates"),
                reverse("certificates:cohorts"),
                icon_name="doc-full-inverse",
                name="issue-certificates",
                order=10,
            ),
            *super().get_submenu_items(),
        ]


@hooks.register("register_admin_viewset")
def register_certificate_viewsets():
    return CertificatesGroup()
