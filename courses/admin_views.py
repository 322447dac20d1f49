"""Admin reports for trainers and officers: progress per course and per participant, and
lesson translations that fell behind their source. Each can be downloaded as CSV."""

import csv

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.selectors import course_report, participant_report, stale_translations
from lms import scoping


class _Report(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = "courses.view_progress_report"
    header_icon = "list-ul"
    columns: list = []

    def rows(self) -> list[list]:
        raise NotImplementedError

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="{self.filename}.csv"'
            )
            response.write(
                "\ufeff"
            )  # so spreadsheet programs read UTF-8 names correctly
            writer = csv.writer(response)
            writer.writerow([str(column) for column in self.columns])
            writer.writerows(self.rows())
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = self.columns
        context["rows"] = self.rows()
        return context


class CourseProgressReport(_Report):
    template_name = "courses/admin/course_report.html"
    page_title = _("Course progress")
    filename = "course-progress"
    columns = [_("Course"), _("Participants"), _("Finished"), _("Average progress (%)")]

    def rows(self):
        return [
            [row.course.title, row.participants, row.finished, row.average_percent]
            for row in self.report
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        return context

    @property
    def report(self):
        if not hasattr(self, "_report"):
            self._report = course_report()
        return self._report


class ParticipantProgressReport(_Report):
    template_name = "courses/admin/participant_report.html"
    filename = "participant-progress"
    columns = [
        _("Participant"),
        _("Cluster"),
        _("District"),
        _("Lessons done"),
        _("Lessons"),
        _("Progress (%)"),
        _("Last opened"),
    ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        from courses.models import CoursePage

        self.course = CoursePage.objects.filter(pk=kwargs["course_id"]).first()
        if self.course is None:
            raise Http404

    @property
    def page_title(self):
        return _("Progress in %(course)s") % {"course": self.course.title}

    def rows(self):
        return [
            [
                row.user.full_name,
                row.cluster or "",
                row.district or "",
                row.done,
                row.total,
                row.percent,
                row.last_viewed_at.strftime("%Y-%m-%d %H:%M")
                if row.last_viewed_at
                else "",
            ]
            for row in participant_report(
                course=self.course,
                users=scoping.visible_participants(self.request.user),
            )
        ]


class StaleTranslationsReport(_Report):
    template_name = "courses/admin/stale_translations.html"
    page_title = _("Translations to update")
    filename = "translations-to-update"
    permission_required = "wagtail_localize.submit_translation"
    columns = [_("Page"), _("Language"), _("Source changed"), _("Translation synced")]

    def rows(self):
        return [
            [
                row.page.title,
                row.page.locale.get_display_name(),
                row.source_changed_at.strftime("%Y-%m-%d %H:%M"),
                row.synced_at.strftime("%Y-%m-%d %H:%M"),
            ]
            for row in self.items
        ]

    @property
    def items(self):
        if not hasattr(self, "_items"):
            self._items = stale_translations()
        return self._items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = self.items
        return context
