"""Programme officers' (and trainers') reports: dashboards, the participants behind each
figure, CSV/XLSX of every table, export jobs and the donor report PDF.

Who sees what: officers the programmes they run (and cohorts they are officer of), trainers
the dashboards of their cohorts, administrators everything; participants nothing (404). The
figures themselves are narrowed to the cohorts the person works on (`selectors.facts_for`),
so even a link with another cohort's number shows nothing it should not.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cohorts.models import Cohort, Programme
from cohorts.selectors import staff_cohorts, visible_programmes
from lms.exports import table_response
from reports import dashboard, exports, selectors, services
from reports.forms import FilterForm
from reports.models import ExportJob

PAGE_SIZE = 50


def _staff(request):
    if not request.user.is_staff:
        raise Http404


def _programme(request, programme_id: int) -> Programme:
    _staff(request)
    return get_object_or_404(visible_programmes(request.user), pk=programme_id)


def _cohort(request, cohort_id: int) -> Cohort:
    _staff(request)
    return get_object_or_404(
        Cohort.objects.filter(
            pk__in=staff_cohorts(request.user).values("pk")
        ).select_related("programme"),
        pk=cohort_id,
    )


class Scope:
    """What a report page is about: a programme (with filters) or one cohort."""

    def __init__(self, request, *, programme_id=None, cohort_id=None):
        self.request = request
        if cohort_id is not None:
            self.cohort = _cohort(request, cohort_id)
            self.programme = self.cohort.programme
            self.form = FilterForm(
                request.GET, cohorts=Cohort.objects.none(), fixed_cohort=self.cohort
            )
            self.base = reverse("reports:cohort", args=[self.cohort.pk])
            self.params = {"programme": self.programme.pk, "cohort": self.cohort.pk}
        else:
            self.cohort = None
            self.programme = _programme(request, programme_id)
            cohorts = Cohort.objects.filter(programme=self.programme)
            if not selectors.sees_everything(request.user):
                cohorts = cohorts.filter(
                    pk__in=staff_cohorts(request.user).values("pk")
                )
            self.form = FilterForm(request.GET, cohorts=cohorts)
            self.base = reverse("reports:programme", args=[self.programme.pk])
            self.params = {"programme": self.programme.pk}
        self.form.is_valid()
        self.filters = self.form.filters(self.programme.pk)

    @property
    def title(self) -> str:
        return str(self.cohort or self.programme)

    def query(self, **extra) -> str:
        data = {**self.filters.query(), **extra}
        if self.cohort is not None:
            data.pop("cohort", None)
        data = {key: value for key, value in data.items() if value not in (None, "")}
        return urlencode(data)

    def url(self, name: str, **extra) -> str:
        suffix = {"dashboard": "", "participants": "participants/"}.get(name, name)
        query = self.query(**extra)
        return f"{self.base}{suffix}" + (f"?{query}" if query else "")

    @property
    def dashboard_url(self) -> str:
        return self.url("dashboard")

    @cached_property
    def _participants_url(self) -> str:
        query = self.query()
        return f"{self.base}participants/?" + (f"{query}&" if query else "")

    def link(self, measure: str, group: str | None) -> str:
        """The people behind one figure (built for every cell of every table: cheap)."""
        extra = {"measure": measure}
        if group is not None:
            extra["group"] = group
        return self._participants_url + urlencode(extra)

    def job_params(self, **extra) -> dict:
        query = {key: str(value) for key, value in self.filters.query().items()}
        return {**self.params, "query": query, **extra}


@login_required
@require_safe
def index(request):
    _staff(request)
    programmes = list(visible_programmes(request.user).order_by("name"))
    cohorts = []
    if not programmes:
        cohorts = list(
            staff_cohorts(request.user)
            .select_related("programme")
            .order_by("-starts_on")[:100]
        )
    return render(
        request,
        "reports/index.html",
        {
            "programmes": programmes,
            "cohorts": cohorts,
            "exports": ExportJob.objects.filter(user=request.user)[:5],
        },
    )


MOST_GROUPS_SHOWN = 25
MOST_CHARTED_GROUPS = 12


def _dashboard(request, scope: Scope):
    full = dashboard.build(request.user, scope.filters)
    view = full.trimmed(MOST_GROUPS_SHOWN)
    by = scope.filters.by
    return render(
        request,
        "reports/dashboard.html",
        {
            "scope": scope,
            "form": scope.form,
            "view": view,
            "by": by,
            "by_label": selectors.BREAKDOWNS.get(by, ""),
            "funnel": view.funnel_chart(scope.link),
            "follow_up_chart": view.follow_up_chart(),
            "month_chart": view.month_chart(),
            # Charts per group only while they stay readable; the table has every group.
            "outcome_charts": {
                outcome.indicator.pk: dashboard.outcome_chart(outcome)
                for outcome in view.outcomes
            }
            if by and view.group_count <= MOST_CHARTED_GROUPS
            else {},
            "outcome_totals": {
                outcome.indicator.pk: dashboard.outcome_headline(
                    outcome, outcome.table.total
                )[1]
                for outcome in view.outcomes
            },
            "outcome_matrix": dashboard.outcome_matrix(view) if by else [],
            "rate_label": _("% yes or above zero"),
            "tables": dashboard.TABLES,
            "groups_found": full.group_count,
            "groups_shown": view.group_count,
        },
    )


@login_required
@require_safe
def programme(request, programme_id: int):
    return _dashboard(request, Scope(request, programme_id=programme_id))


@login_required
@require_safe
def cohort(request, cohort_id: int):
    return _dashboard(request, Scope(request, cohort_id=cohort_id))


def _table_export(request, scope: Scope, name: str):
    if name not in dashboard.TABLES:
        raise Http404
    title, make = dashboard.TABLES[name]
    header, rows = make(dashboard.build(request.user, scope.filters))
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    return table_response(
        f"{name}-{scope.programme.pk}"
        + (f"-{scope.cohort.pk}" if scope.cohort else ""),
        header,
        rows,
        file_format=file_format,
    )


@login_required
@require_safe
def programme_table(request, programme_id: int, name: str):
    return _table_export(request, Scope(request, programme_id=programme_id), name)


@login_required
@require_safe
def cohort_table(request, cohort_id: int, name: str):
    return _table_export(request, Scope(request, cohort_id=cohort_id), name)


def _participants(request, scope: Scope):
    measure = request.GET.get("measure") or "invited"
    group = request.GET.get("group")
    label = selectors.measure_label(measure, scope.programme.pk)
    if label is None:
        raise Http404
    facts = selectors.facts_for(request.user, scope.filters)
    rows = selectors.drill(
        facts,
        measure=measure,
        by=scope.filters.by,
        group=group,
        youth=scope.filters.youth,
        one_cohort=bool(scope.filters.cohort_id),
    )
    search = (request.GET.get("q") or "").strip()[:100]
    if search:
        rows = rows.filter(user__full_name__icontains=search)
    file_format = request.GET.get("format")
    if file_format in ("csv", "xlsx"):
        total = rows.count()
        if total <= settings.REPORTS_INLINE_EXPORT_ROWS:
            return table_response(
                f"participants-{scope.programme.pk}",
                exports.participant_header(),
                exports.participant_values(rows),
                file_format=file_format,
            )
        job = services.start_export(
            user=request.user,
            kind=ExportJob.Kind.PARTICIPANTS,
            params=scope.job_params(measure=measure, group=group, q=search),
            file_format=file_format,
            title=f"{scope.title} · {label}",
        )
        return HttpResponseRedirect(reverse("reports:export", args=[job.pk]))
    page = Paginator(
        rows.select_related("user", "cohort", "cluster").order_by(
            "user__full_name", "pk"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    group_label = None
    if group is not None and scope.filters.by:
        group_label = selectors.group_labels(
            scope.filters.by, [group], scope.filters.youth
        ).get(group)
    return render(
        request,
        "reports/participants.html",
        {
            "scope": scope,
            "measure": measure,
            "measure_label": label,
            "group": group,
            "group_label": group_label,
            "page": page,
            "search": search,
            "exports_limit": settings.REPORTS_INLINE_EXPORT_ROWS,
            "query": scope.query(
                measure=measure,
                **({"group": group} if group is not None else {}),
                **({"q": search} if search else {}),
            ),
        },
    )


@login_required
@require_safe
def programme_participants(request, programme_id: int):
    return _participants(request, Scope(request, programme_id=programme_id))


@login_required
@require_safe
def cohort_participants(request, cohort_id: int):
    return _participants(request, Scope(request, cohort_id=cohort_id))


def _refresh(request, scope: Scope):
    if scope.cohort is not None:
        ids = [scope.cohort.pk]
    else:
        cohorts = Cohort.objects.filter(programme=scope.programme)
        if not selectors.sees_everything(request.user):
            cohorts = cohorts.filter(pk__in=staff_cohorts(request.user).values("pk"))
        ids = list(cohorts.values_list("pk", flat=True))
    services.refresh_now(ids)  # a second press within a minute starts nothing more
    messages.success(
        request,
        _("The figures are being refreshed. Reload the page in a minute to see them."),
    )
    return HttpResponseRedirect(scope.url("dashboard"))


@login_required
@require_POST
def programme_refresh(request, programme_id: int):
    return _refresh(request, Scope(request, programme_id=programme_id))


@login_required
@require_POST
def cohort_refresh(request, cohort_id: int):
    return _refresh(request, Scope(request, cohort_id=cohort_id))


def _donor(request, scope: Scope):
    job = services.start_export(
        user=request.user,
        kind=ExportJob.Kind.DONOR_PDF,
        params=scope.job_params(),
        file_format="pdf",
        title=_("Donor report: %(programme)s") % {"programme": scope.title},
    )
    return HttpResponseRedirect(reverse("reports:export", args=[job.pk]))


@login_required
@require_POST
def programme_donor(request, programme_id: int):
    return _donor(request, Scope(request, programme_id=programme_id))


@login_required
@require_POST
def cohort_donor(request, cohort_id: int):
    return _donor(request, Scope(request, cohort_id=cohort_id))


def _own_job(request, job_id: int) -> ExportJob:
    _staff(request)
    return get_object_or_404(ExportJob, pk=job_id, user=request.user)


@login_required
@require_safe
def export_list(request):
    _staff(request)
    page = Paginator(ExportJob.objects.filter(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "reports/exports.html", {"page": page})


@login_required
@require_safe
def export_detail(request, job_id: int):
    job = services.give_up_stale(_own_job(request, job_id))
    return render(request, "reports/export.html", {"job": job})


@login_required
@require_safe
def export_download(request, job_id: int):
    job = _own_job(request, job_id)
    if job.state != ExportJob.State.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
