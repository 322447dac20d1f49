"""Admin: quizzes, questions and banks as snippets under one "Quizzes" menu, with question
import and export, quiz results and the learning-gain comparison."""

import django_filters
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from assessments import admin_views
from assessments.models import Question, QuestionBank, Quiz
from lms.admin_menu import PermissionMenuItem


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "help"
    menu_label = _("Quizzes")
    list_display = ["title", "pass_mark", "attempts_allowed", "time_limit_minutes"]
    search_fields = ["title"]
    ordering = ["title"]


class QuestionFilterSet(WagtailFilterSet):
    topic = django_filters.CharFilter(
        field_name="topics__name",
        lookup_expr="iexact",
        label=_("Topic"),
        distinct=True,
    )

    class Meta:
        model = Question
        fields = ["bank", "question_type"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "doc-full"
    menu_label = _("Questions")
    list_display = ["title", "question_type", "bank", "points", "updated_at"]
    filterset_class = QuestionFilterSet
    search_fields = ["title", "text"]
    list_per_page = 50


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = _("Question banks")
    list_display = ["name", "created_at"]
    search_fields = ["name"]


class QuizzesGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, QuestionBankViewSet)
    menu_icon = "help"
    menu_label = _("Quizzes")
    menu_name = "quizzes"
    menu_order = 250

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                _("Import questions"),
                reverse("assessments_admin:import"),
                icon_name="upload",
                name="import-questions",
                order=900,
                permission="assessments.add_question",
            ),
            PermissionMenuItem(
                _("Export questions"),
                reverse("assessments_admin:export"),
                icon_name="download",
                name="export-questions",
                order=910,
                permission="assessments.change_question",
            ),
        ]


register_snippet(QuizzesGroup)

app_name = "assessments_admin"
urlpatterns = [
    path("import/", admin_views.ImportQuestionsView.as_view(), name="import"),
    path("export/", admin_views.ExportQuestionsView.as_view(), name="export"),
    path("results/", admin_views.QuizResultsIndex.as_view(), name="results"),
    path("results/<int:quiz_id>/", admin_views.QuizReport.as_view(), name="quiz"),
    path("gain/", admin_views.GainReportView.as_view(), name="gain"),
]


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [path("quizzes/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_reports_menu_item")
def quiz_results_menu_item():
    return PermissionMenuItem(
        _("Quiz results"),
        reverse("assessments_admin:results"),
        icon_name="help",
        order=55,
        permission="assessments.view_quiz_report",
    )
