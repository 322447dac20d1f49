"""Admin screens for a cohort's people: who is enrolled, waiting or asking to join, with
attendance; enrol one person, import a file (preview, then all or nothing), approve,
decline, withdraw with a reason; the list as CSV or XLSX; the cohort's calendar feed."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts import importing, selectors, services
from cohorts.models import CalendarFeed, Cohort, Enrolment
from lms.exports import table_response
from lms.storage import private_storage
from people.models import User
from people.phone import looks_like_phone, normalise_phone

IMPORTS = "cohort-imports"


class EnrolForm(forms.Form):
    who = forms.CharField(
        label=gettext_lazy("Phone number or email address"),
        max_length=254,
        help_text=gettext_lazy("Of a participant who already has an account."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Participants file"),
        help_text=gettext_lazy(
            "CSV (UTF-8) or XLSX, up to 5 MB. Columns: name, phone or email; optional: "
            "gender, birth year, cluster, enterprise, district, language."
        ),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)


class _CohortMixin:
    def dispatch(self, request, cohort_id, *args, **kwargs):
        self.cohort = get_object_or_404(
            Cohort.objects.select_related("programme"), pk=cohort_id
        )
        if not selectors.runs(request.user, self.cohort):
            raise PermissionDenied
        self.can_manage = selectors.manages(request.user, self.cohort)
        return super().dispatch(request, cohort_id, *args, **kwargs)

    def back(self):
        return HttpResponseRedirect(
            reverse("cohorts_admin:people", args=[self.cohort.pk])
        )

    def require_manager(self):
        if not self.can_manage:
            raise PermissionDenied


class PeopleView(_CohortMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cohorts/admin/people.html"
    header_icon = "group"

    def get_page_title(self):
        return str(self.cohort)

    def get_page_subtitle(self):
        return _("People")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohort:index"), "label": _("Cohorts")},
            {
                "url": reverse("cohort:edit", args=[self.cohort.pk]),
                "label": str(self.cohort),
            },
            {"url": "", "label": _("People")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolments = list(
            self.cohort.enrolments.select_related("user").order_by(
                "status", "waitlisted_at", "user__full_name"
            )
        )
        rates = selectors.attendance_by_participant(self.cohort)
        groups = {status: [] for status in Enrolment.Status.values}
        for enrolment in enrolments:
            enrolment.rate = rates.get(enrolment.user_id)
            groups[enrolment.status].append(enrolment)
        feed = CalendarFeed.objects.filter(
            cohort=self.cohort, revoked_at__isnull=True
        ).first()
        context.update(
            cohort=self.cohort,
            groups=[
                (status, label, groups[status])
                for status, label in Enrolment.Status.choices
            ],
            enrolled=len(groups[Enrolment.Status.ENROLLED]),
            cohort_rate=selectors.cohort_attendance(self.cohort),
            sessions=self.cohort.sessions.all(),
            can_manage=self.can_manage,
            enrol_form=EnrolForm(),
            import_form=ImportForm(),
            withdraw_form=WithdrawForm(),
            feed_url=self.request.build_absolute_uri(
                reverse("cohort-feed", args=[feed.token])
            )
            if feed
            else None,
        )
        return context


class EnrolView(_CohortMixin, View):
    def post(self, request, cohort_id):
        self.require_manager()
        form = EnrolForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give a phone number or an email address."))
            return self.back()
        who = form.cleaned_data["who"].strip()
        match = Q(email__iexact=who) if "@" in who else Q(pk__in=[])
        if looks_like_phone(who):
            match |= Q(phone=normalise_phone(who))
        user = User.objects.filter(match, is_staff=False).first()
        if user is None:
            messages.error(
                request,
                _("No participant has the phone number or email address “%(who)s”.")
                % {"who": who},
            )
            return self.back()
        try:
            enrolment = services.enrol(cohort=self.cohort, user=user)
        except services.CohortError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {"name": user.full_name, "status": enrolment.get_status_display()},
            )
        return self.back()


class EnrolmentActionView(_CohortMixin, View):
    def post(self, request, cohort_id, enrolment_id, action):
        self.require_manager()
        enrolment = get_object_or_404(Enrolment, pk=enrolment_id, cohort=self.cohort)
        try:
            if action == "approve":
                enrolment = services.approve(enrolment=enrolment)
            elif action == "decline":
                enrolment = services.decline(
                    enrolment=enrolment, reason=request.POST.get("reason", "")
                )
            elif action == "withdraw":
                enrolment = services.withdraw(
                    enrolment=enrolment, reason=request.POST.get("reason", "")
                )
            else:
                raise PermissionDenied
        except services.CohortError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {
                    "name": enrolment.user.full_name,
                    "status": enrolment.get_status_display(),
                },
            )
        return self.back()


class ImportView(_CohortMixin, WagtailAdminTemplateMixin, TemplateView):
    """Upload → preview every row → confirm. The file waits in storage between the two
    steps (under a random name), and is read again on confirm, so the preview is exactly
    what gets imported."""

    template_name = "cohorts/admin/import_preview.html"
    header_icon = "upload"

    def get_page_title(self):
        return _("Import participants")

    def get_page_subtitle(self):
        return str(self.cohort)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("cohorts_admin:people", args=[self.cohort.pk]),
                "label": str(self.cohort),
            },
            {"url": "", "label": _("Import participants")},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(cohort=self.cohort, **kwargs)

    def get(self, request, cohort_id):
        return self.back()

    def post(self, request, cohort_id):
        self.require_manager()
        if "confirm" in request.POST:
            return self._confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Choose a file to import."))
            return self.back()
        upload = form.cleaned_data["file"]
        if upload.size > importing.MAX_BYTES:
            messages.error(request, _("The file is larger than 5 MB."))
            return self.back()
        data = upload.read()
        try:
            plan = importing.plan_import(self.cohort, data, upload.name)
        except importing.ImportRefused as refused:
            messages.error(request, str(refused))
            return self.back()
        token = ""
        if not plan.errors:
            _forget_old_previews()
            token = uuid.uuid4().hex
            private_storage().save(f"{IMPORTS}/{token}", ContentFile(data))
            request.session[f"cohort-import-{token}"] = {
                "cohort": self.cohort.pk,
                "name": upload.name,
            }
        return self.render_to_response(
            self.get_context_data(plan=plan, token=token, filename=upload.name)
        )

    def _confirm(self, request):
        token = request.POST.get("token", "")
        meta = request.session.pop(f"cohort-import-{token}", None)
        path = f"{IMPORTS}/{token}"
        if not meta or meta["cohort"] != self.cohort.pk or not token.isalnum():
            messages.error(request, _("This import was already done or has expired."))
            return self.back()
        try:
            with private_storage().open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            messages.error(request, _("This import was already done or has expired."))
            return self.back()
        try:
            plan = importing.plan_import(self.cohort, data, meta["name"])
            outcome = importing.apply_import(plan)
        except importing.ImportRefused as refused:
            messages.error(request, str(refused))
            return self.back()
        finally:
            private_storage().delete(path)
        messages.success(
            request,
            _(
                "Imported: %(created)s new accounts, %(enrolled)s enrolled, %(waitlisted)s "
                "on the waiting list, %(unchanged)s already enrolled."
            )
            % outcome.__dict__,
        )
        return self.back()


def _forget_old_previews(max_age=timedelta(days=1)) -> None:
    """Previews never confirmed hold people's phone numbers: keep them a day at most."""
    storage = private_storage()
    try:
        _folders, files = storage.listdir(IMPORTS)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - max_age
    for name in files:
        path = f"{IMPORTS}/{name}"
        try:
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


class ExportView(_CohortMixin, View):
    def get(self, request, cohort_id):
        rates = selectors.attendance_by_participant(self.cohort)
        header = [
            _("Participant"), _("Phone"), _("Email"), _("Status"), _("How"),
            _("Attendance %"), _("Reason"), _("Since"),
        ]  # fmt: skip
        rows = (
            [
                e.user.full_name,
                e.user.phone or "",
                e.user.email or "",
                e.get_status_display(),
                e.get_source_display(),
                rates[e.user_id].percent if e.user_id in rates else None,
                e.reason,
                e.enrolled_at or e.waitlisted_at or e.created_at,
            ]
            for e in self.cohort.enrolments.select_related("user").order_by(
                "status", "user__full_name"
            )
        )
        file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        return table_response(
            f"cohort-{slugify(self.cohort.name) or self.cohort.pk}",
            header,
            rows,
            file_format=file_format,
        )


class FeedView(_CohortMixin, View):
    def post(self, request, cohort_id):
        self.require_manager()
        CalendarFeed.objects.filter(cohort=self.cohort, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if request.POST.get("action") != "revoke":
            CalendarFeed.objects.create(cohort=self.cohort, created_by=request.user)
        return self.back()
