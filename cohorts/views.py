"""The pages participants and trainers use: My schedule (with a private calendar feed), a
session's details, the register a trainer takes on a phone, QR check-in, and asking to join
an open cohort. No JavaScript needed."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from cohorts import ical, selectors, services
from cohorts.models import Attendance, CalendarFeed, Cohort, Enrolment, Session


def _feed_url(request, feed: CalendarFeed | None) -> str | None:
    if feed is None:
        return None
    return request.build_absolute_uri(reverse("cohort-feed", args=[feed.token]))


def _active_feed(**lookup) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(revoked_at__isnull=True, **lookup).first()


@login_required
@require_safe
def schedule(request):
    sessions = list(selectors.schedule_for(request.user))
    now = timezone.now()
    today = timezone.localdate()
    run_cohorts = set(
        selectors.staff_cohorts(request.user).values_list("pk", flat=True)
    )
    runs = {session.pk for session in sessions if session.cohort_id in run_cohorts}
    return render(
        request,
        "cohorts/schedule.html",
        {
            "sessions": sessions,
            "now": now,
            "runs": runs,
            "feed_url": _feed_url(request, _active_feed(user=request.user)),
            "requests": selectors.waiting_for(request.user),
            "open_cohorts": Cohort.objects.filter(
                Q(enrolment_opens__isnull=True) | Q(enrolment_opens__lte=today),
                Q(enrolment_closes__isnull=True) | Q(enrolment_closes__gte=today),
                status=Cohort.Status.OPEN,
                self_enrolment=True,
            )
            .exclude(enrolments__user=request.user)
            .order_by("starts_on")[:10],
        },
    )


@login_required
@require_POST
def feed_reset(request):
    """Make (or replace) the person's private calendar address; the old one stops working."""
    CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if request.POST.get("action") != "revoke":
        CalendarFeed.objects.create(user=request.user, created_by=request.user)
        messages.success(
            request,
            _(
                "Your calendar address is ready. An address you shared before no longer works."
            ),
        )
    else:
        messages.success(request, _("Your calendar address no longer works."))
    return HttpResponseRedirect(reverse("cohorts:schedule"))


@require_safe
def feed(request, token: str):
    """An iCalendar feed; the token is the only key, so it is private until revoked."""
    feed = (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("user", "cohort")
        .first()
    )
    if feed is None:
        raise Http404
    if feed.user_id:
        sessions = selectors.schedule_for(
            feed.user, since=timezone.now() - timedelta(days=90)
        )
        name = _("Cluster Academy: my sessions")
    else:
        sessions = feed.cohort.sessions.select_related(
            "cohort", "venue", "host_cluster", "host_enterprise"
        )
        name = str(feed.cohort)
    response = HttpResponse(
        ical.calendar(str(name), sessions), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def _session_for(request, session_id: int) -> Session:
    session = get_object_or_404(
        Session.objects.select_related(
            "cohort", "cohort__programme", "venue", "host_cluster", "host_enterprise"
        ),
        pk=session_id,
    )
    user = request.user
    enrolled = session.cohort.enrolments.filter(
        user=user, status=Enrolment.Status.ENROLLED
    ).exists()
    if not enrolled and not selectors.runs(user, session.cohort):
        raise Http404
    return session


@login_required
@require_safe
def session_detail(request, session_id: int):
    session = _session_for(request, session_id)
    mine = Attendance.objects.filter(session=session, user=request.user).first()
    return render(
        request,
        "cohorts/session.html",
        {
            "session": session,
            "attendance": mine,
            "runs": selectors.runs(request.user, session.cohort),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request, session_id: int):
    session = _session_for(request, session_id)
    if not selectors.runs(request.user, session.cohort):
        raise PermissionDenied
    if request.method == "POST":
        entries = []
        for user, _row in selectors.roster(session):
            status = request.POST.get(f"u{user.pk}")
            if status:
                entries.append(
                    services.RegisterEntry(
                        user_id=user.pk,
                        status=status,
                        seen=request.POST.get(f"seen{user.pk}", ""),
                        note=request.POST.get(f"note{user.pk}", ""),
                    )
                )
        result = services.take_register(
            session=session, entries=entries, by=request.user
        )
        if result.conflicts:
            messages.warning(
                request,
                _(
                    "%(count)s rows were changed by someone else while you had this page "
                    "open; they were kept as they are. Check them below."
                )
                % {"count": len(result.conflicts)},
            )
        else:
            messages.success(
                request,
                _("Register saved (%(count)s changed).") % {"count": result.saved},
            )
        return HttpResponseRedirect(reverse("cohorts:register", args=[session.pk]))
    check_in_url = request.build_absolute_uri(
        reverse("cohorts:check_in", args=[session.check_in_token])
    )
    rows = selectors.roster(session)
    return render(
        request,
        "cohorts/register.html",
        {
            "session": session,
            "rows": [(user, row, services.register_stamp(row)) for user, row in rows],
            "statuses": Attendance.Status.choices,
            "check_in_url": check_in_url,
            "qr_svg": _qr_svg(check_in_url),
            "counts": _counts(rows),
        },
    )


def _counts(rows):
    counts = dict.fromkeys(Attendance.Status.values, 0)
    for _user, row in rows:
        if row:
            counts[row.status] += 1
    return counts


def _qr_svg(url: str) -> str:
    """The check-in address as an inline SVG QR code (a few kilobytes, no image request)."""
    import segno

    return segno.make(url, error="m").svg_inline(scale=4, omitsize=True)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, token: str):
    session = (
        Session.objects.select_related("cohort").filter(check_in_token=token).first()
    )
    if session is None:
        raise Http404
    if request.method == "POST":
        try:
            row = services.check_in(token=token, user=request.user)
        except services.CohortError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            _("You are checked in: %(status)s.") % {"status": row.get_status_display()},
        )
        return HttpResponseRedirect(reverse("cohorts:session", args=[session.pk]))
    return render(
        request,
        "cohorts/check_in.html",
        {
            "session": session,
            "attendance": Attendance.objects.filter(
                session=session, user=request.user
            ).first(),
        },
    )


@login_required
@require_POST
def join(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    try:
        services.request_to_join(cohort=cohort, user=request.user)
    except services.CohortError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You asked to join %(cohort)s. An officer will answer soon.")
            % {"cohort": cohort},
        )
    return HttpResponseRedirect(reverse("cohorts:schedule"))
