"""Admin screens for trainers and officers: how each H5P activity went, and every
participant's result as CSV or XLSX."""

from __future__ import annotations

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from interactive import selectors
from interactive.models import H5PContent
from lms import scoping
from lms.exports import table_response


class ResultsIndex(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = "interactive.view_h5p_report"
    template_name = "interactive/admin/results_index.html"
    page_title = gettext_lazy("H5P results")
    header_icon = "code"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activities"] = selectors.activities_with_results(
            scoping.visible_participants(self.request.user)
        )
        return context


class ResultsExport(PermissionRequiredMixin, View):
    permission_required = "interactive.view_h5p_report"

    def get(self, request, content_id: int):
        content = get_object_or_404(H5PContent, pk=content_id)
        file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        header = [
            _("Participant"),
            _("Email"),
            _("Phone"),
            _("Score"),
            _("Maximum score"),
            _("Percent"),
            _("Completed"),
            _("Passed"),
            _("Results received"),
            _("First result"),
            _("Last result"),
        ]
        rows = (
            [
                result.user.full_name,
                result.user.email or "",
                result.user.phone or "",
                result.score,
                result.max_score,
                result.percent,
                _("yes") if result.completed else _("no"),
                _("yes") if result.passed else _("no"),
                result.statements,
                result.first_at,
                result.last_at,
            ]
            for result in selectors.results_for_export(
                content, scoping.visible_participants(request.user)
            )
        )
        name = f"h5p-{slugify(content.title) or content.pk}-{content.language}"
        return table_response(name, header, rows, file_format=file_format)
