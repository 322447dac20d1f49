"""Admin screens for trainers and officers: importing and exporting questions, quiz results
with item analysis and exports, and the pre/post-test comparison."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from assessments import selectors, services
from assessments.models import Question, QuestionBank, Quiz
from lms import scoping
from lms.exports import table_response


class _AdminView(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


# ---- Import and export ------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Question file"),
        help_text=_("GIFT (.txt, .gift) or Moodle XML (.xml), UTF-8, up to 5 MB."),
    )
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("", _("Recognise from the file")),
            ("gift", "GIFT"),
            ("moodlexml", "Moodle XML"),
        ],
        required=False,
    )
    bank = forms.ModelChoiceField(
        label=_("Into the bank"),
        queryset=QuestionBank.objects.all(),
        required=False,
        empty_label=_("A new bank (name below)"),
    )
    new_bank = forms.CharField(label=_("New bank name"), max_length=200, required=False)
    locale = forms.ModelChoiceField(
        label=_("Language of the questions"),
        queryset=Locale.objects.all(),
        empty_label=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].initial = Locale.get_default()
        self.fields["locale"].label_from_instance = lambda x: x.get_display_name()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > services.MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("bank"):
            name = (data.get("new_bank") or "").strip()
            if not name:
                self.add_error("new_bank", _("Choose a bank or name a new one."))
            elif QuestionBank.objects.filter(name__iexact=name).exists():
                self.add_error(
                    "new_bank", _("A bank with this name exists: choose it.")
                )
        return data


class ImportQuestionsView(_AdminView, FormView):
    permission_required = "assessments.add_question"
    template_name = "assessments/admin/import.html"
    page_title = _("Import questions")
    form_class = ImportForm

    def form_valid(self, form):
        data = form.cleaned_data
        upload = data["file"]
        bank, new_bank = data["bank"], False
        if bank is None:
            bank, new_bank = QuestionBank.objects.get_or_create(
                name=data["new_bank"].strip()
            )
        content = upload.read()
        report = services.questions_import(
            data=content,
            bank=bank,
            locale=data["locale"],
            file_format=data["file_format"] or None,
            filename=upload.name,
        )
        if new_bank and not report.created:
            bank.delete()  # nothing came in: leave no empty bank behind
            bank = None
        if report.created:
            messages.success(
                self.request,
                _("%(count)s questions imported into %(bank)s.")
                % {"count": len(report.created), "bank": bank},
            )
        elif not report.skipped:
            messages.error(self.request, _("No questions could be imported."))
        return render(
            self.request,
            "assessments/admin/import_report.html",
            {
                **self.get_context_data(form=form),
                "page_title": _("Import report"),
                "report": report,
                "bank": bank,
                "format_name": services.FORMATS.get(report.format, ""),
            },
        )


class ExportQuestionsView(_AdminView, TemplateView):
    permission_required = "assessments.change_question"
    template_name = "assessments/admin/export.html"
    page_title = _("Export questions")

    def get(self, request, *args, **kwargs):
        bank_id = request.GET.get("bank")
        file_format = request.GET.get("format")
        if bank_id and file_format in services.FORMATS:
            bank = QuestionBank.objects.filter(pk=bank_id).first()
            if bank is None:
                raise Http404
            locale = Locale.objects.filter(pk=request.GET.get("locale")).first()
            questions = (
                Question.objects.filter(
                    bank=bank, locale=locale or Locale.get_default()
                )
                .prefetch_related("topics")
                .order_by("title")
            )
            text, left_out = services.questions_export(
                questions, file_format=file_format
            )
            if left_out:
                messages.warning(
                    request,
                    _("GIFT has no ordering questions; %(count)s were left out.")
                    % {"count": len(left_out)},
                )
            extension = "xml" if file_format == "moodlexml" else "txt"
            response = HttpResponse(
                text,
                content_type="application/xml; charset=utf-8"
                if extension == "xml"
                else "text/plain; charset=utf-8",
            )
            name = slugify(bank.name) or "questions"
            response["Content-Disposition"] = (
                f'attachment; filename="{name}.{extension}"'
            )
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["banks"] = QuestionBank.objects.all()
        context["locales"] = Locale.objects.all()
        context["formats"] = services.FORMATS
        return context


# ---- Results ----------------------------------------------------------------------------


class QuizResultsIndex(_AdminView, TemplateView):
    permission_required = "assessments.view_quiz_report"
    template_name = "assessments/admin/results_index.html"
    page_title = _("Quiz results")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quizzes"] = selectors.quizzes_with_results(Locale.get_default())
        context["all_quizzes"] = Quiz.objects.select_related("locale").order_by("title")
        return context


class QuizReport(_AdminView, TemplateView):
    permission_required = "assessments.view_quiz_report"
    template_name = "assessments/admin/quiz_report.html"
    header_icon = "list-ul"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quiz = Quiz.objects.filter(pk=kwargs["quiz_id"]).first()
        if self.quiz is None:
            raise Http404

    def get_page_title(self):
        return _("Results of %(quiz)s") % {"quiz": self.quiz.title}

    def get(self, request, *args, **kwargs):
        services.close_expired(quiz_key=self.quiz.translation_key)
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            header, rows = selectors.attempts_for_export(
                self.quiz, scoping.visible_participants(request.user)
            )
            return table_response(
                f"attempts-{slugify(self.quiz.title) or self.quiz.pk}",
                header,
                rows,
                file_format=export,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quiz"] = self.quiz
        context["analysis"] = selectors.item_analysis(self.quiz)
        context["gaps"] = selectors.translation_gaps(self.quiz)
        context["other_quizzes"] = (
            Quiz.objects.filter(locale=self.quiz.locale)
            .exclude(pk=self.quiz.pk)
            .order_by("title")
        )
        return context


class GainReportView(_AdminView, TemplateView):
    permission_required = "assessments.view_quiz_report"
    template_name = "assessments/admin/gain_report.html"
    page_title = _("Learning gain")
    header_icon = "list-ul"

    def get(self, request, *args, **kwargs):
        self.pre = Quiz.objects.filter(pk=request.GET.get("pre") or 0).first()
        self.post = Quiz.objects.filter(pk=request.GET.get("post") or 0).first()
        if self.pre and self.post and request.GET.get("export") in ("csv", "xlsx"):
            report = selectors.learning_gain(
                self.pre, self.post, scoping.visible_participants(self.request.user)
            )
            header = [
                _("Participant"),
                _("Pre-test (%)"),
                _("Post-test (%)"),
                _("Gain (points)"),
                _("Normalised gain"),
            ]
            rows = [
                [r.user.full_name, r.pre, r.post, r.gain, r.normalised_gain]
                for r in report.rows
            ]
            return table_response(
                "learning-gain", header, rows, file_format=request.GET["export"]
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quizzes"] = Quiz.objects.select_related("locale").order_by("title")
        context["pre"], context["post"] = self.pre, self.post
        if self.pre and self.post:
            context["report"] = selectors.learning_gain(
                self.pre, self.post, scoping.visible_participants(self.request.user)
            )
        return context
