"""The offline app's pages: the service worker and the web-app manifest, "On this phone"
(saved courses, the queue, what the server received), the sync endpoint the service worker
sends queued items to, the list of files that make a course readable offline, resolving an
item that needs attention, and each participant's last sync for officers."""

from __future__ import annotations

import json
import uuid
from datetime import UTC

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, Max, Value, When
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lms.storage import private_file_response
from offline import selectors, services
from offline.handlers import is_id
from offline.models import SyncItem

# What every page needs offline, cached when the service worker installs.
SHELL = ("css/site.css", "js/site.js", "offline/icon-192.png")


@require_GET
def service_worker(request):
    """`/sw.js`, at the site's root so it may serve every language's pages."""
    response = render(
        request,
        "offline/sw.js",
        {
            "shell": json.dumps([static(path) for path in SHELL]),
            "version": json.dumps(selectors.shell_version(SHELL)),
            "text": json.dumps(_worker_text(), ensure_ascii=False).replace(
                "<", "\\u003c"
            ),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


def _worker_text() -> dict:
    """The few words the service worker shows itself (it has no page to take them from),
    in every configured language."""
    text = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            text[code] = {
                "title": _("You are offline"),
                "offline": _(
                    "This page is not saved on this phone. Saved courses and your "
                    "waiting work are under “On this phone”."
                ),
                "unsent": _(
                    "This form could not be sent without a connection and cannot wait "
                    "on the phone. Go back and send it again when you are online."
                ),
                "phone": _("On this phone"),
                "queued": _(
                    "Saved on this phone. It will be sent when you are back online."
                ),
            }
    return text


@require_GET
def manifest(request):
    """The web-app manifest, in the page's language: installing the site puts Cluster
    Academy on the home screen, opening at My learning."""
    data = {
        "name": _("Cluster Academy"),
        "short_name": _("Academy"),
        "description": _(
            "Courses, action plans and follow-up for cluster entrepreneurs."
        ),
        "lang": get_language(),
        "start_url": reverse("courses:my_learning"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5d4b",
        "icons": [
            {
                "src": static(f"offline/icon-{n}.png"),
                "sizes": f"{n}x{n}",
                "type": "image/png",
            }
            for n in (192, 512)
        ],
    }
    return JsonResponse(
        data,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


def phone(request):
    """ "On this phone": the courses saved for offline and their sizes (filled in by
    site.js from the phone's storage), what is waiting to be sent, and what the server
    has received, with anything that needs the participant's attention first."""
    items = page = None
    if request.user.is_authenticated:
        received = (
            SyncItem.objects.filter(user=request.user)
            .exclude(kind=SyncItem.Kind.LESSON_READ)  # too many to be worth listing
            .annotate(
                waiting=Case(
                    When(state=SyncItem.State.ATTENTION, then=Value(0)),
                    default=Value(1),
                )
            )
            .order_by("waiting", "-received_at")  # needing attention first, then newest
        )
        page = Paginator(received, 20).get_page(request.GET.get("page"))
        items = page.object_list
    return render(
        request,
        "offline/phone.html",
        {
            "items": items,
            "page_obj": page,
            "last_sync": selectors.last_sync(request.user),
        },
    )


def _user_or_401(request):
    if not request.user.is_authenticated:
        return JsonResponse(
            {"error": _("Sign in to send what is waiting on this phone.")}, status=401
        )
    return None


def _device(request):
    try:
        return uuid.UUID(request.headers.get("X-Device", ""))
    except ValueError:
        return None


@never_cache
@require_http_methods(["GET", "POST"])
def sync(request):
    """GET: who is signed in and a CSRF token (the service worker has no cookies to read).
    POST: one queued item, applied once; the answer says what became of it."""
    refused = _user_or_401(request)
    if refused:
        return refused
    user_agent = request.headers.get("User-Agent", "")
    if request.method == "GET":
        services.touch(
            user=request.user, device=_device(request), user_agent=user_agent
        )
        return JsonResponse(
            {
                "user": request.user.pk,
                "csrf": get_token(request),
                "attention": SyncItem.objects.filter(
                    user=request.user, state=SyncItem.State.ATTENTION
                ).count(),
            }
        )
    try:
        sent = services.Sent(
            key=uuid.UUID(request.POST.get("key", "")),
            kind=request.POST.get("kind", ""),
            target=_plain(request.POST.get("target", ""))[:64],
            label=_plain(request.POST.get("label", ""))[:200],
            fields=services.read_fields(json.loads(request.POST.get("fields", "{}"))),
            files=request.FILES,
            done_at=_moment(request.POST.get("done_at")),
        )
    except (ValueError, RecursionError, services.BadItem):
        return _unreadable()
    try:
        received = services.receive(
            user=request.user, sent=sent, device=_device(request), user_agent=user_agent
        )
    except services.BadItem:
        return _unreadable()
    item = received.item
    return JsonResponse(
        {
            "key": str(item.key),
            "state": item.state,
            "state_label": item.get_state_display(),
            "message": item.message,
            "url": item.url,
            "resent": received.resent,
            "revision": received.revision,
        }
    )


def _unreadable():
    """An item that will never be readable: the phone keeps it, marked, for the person to
    delete (the JSON `error` tells it apart from any other 400)."""
    return JsonResponse(
        {"error": _("This item could not be read, so it was not recorded.")},
        status=400,
    )


def _plain(raw: str) -> str:
    return raw.replace("\x00", "")


def _moment(raw):
    moment = parse_datetime(raw or "")
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return min(moment, timezone.now())


@login_required
def course_files(request, page_id: int):
    """The addresses that make a course readable offline in the current language (pages,
    phone-size images, audio, the deferred quizzes), with the sizes known in advance;
    videos apart, saved only when asked for."""
    listing = selectors.course_files(page_id=page_id, request=request)
    if listing is None:
        raise Http404
    return JsonResponse(listing, json_dumps_params={"ensure_ascii": False})


@login_required
@require_http_methods(["GET", "POST"])
def item(request, key):
    """One item the server received. One that needs attention shows, for a plan or a
    report still being written, its form with what was written offline in the boxes (and
    the version saved elsewhere above it if it changed meanwhile); saving there resolves
    the item. For one that can no longer be written (sent meanwhile), what was written is
    shown to read and copy, with the photos kept; "Done" dismisses it."""
    from actionplans import views as plan_views

    found = get_object_or_404(
        SyncItem.objects.prefetch_related("kept_files"), user=request.user, key=key
    )
    if request.method == "POST" and request.POST.get("action") == "dismiss":
        services.resolved(item=found)
        return HttpResponseRedirect(reverse("offline:phone"))
    # Saving again on the compare page (autosave included) goes on after the first save
    # settled the item, as long as the plan or report can still be written.
    writing = _still_writing(found, settled_too=request.method == "POST")
    if writing is None:
        return render(request, "offline/item.html", _kept(found))
    before = (writing.revision, writing.status)
    if request.method == "POST":
        if found.kind == SyncItem.Kind.PLAN:
            response = plan_views.edit(request, cohort_id=int(found.target))
        else:
            response = plan_views.report(request, checkpoint_id=int(found.target))
        writing.refresh_from_db()
        if (writing.revision, writing.status) != before:  # saved: the item is settled
            services.resolved(item=found)
        return response
    again = (
        plan_views.plan_again
        if found.kind == SyncItem.Kind.PLAN
        else plan_views.report_again
    )
    return again(request, writing, found.fields, found.message, found.conflict)


def _still_writing(found: SyncItem, settled_too: bool = False):
    """The plan or report an item needing attention (or, `settled_too`, one settled on
    this page) belongs to, while it can still be written; else None."""
    from actionplans.models import ActionPlan, FollowUpReport

    states = [SyncItem.State.ATTENTION]
    if settled_too:
        states.append(SyncItem.State.RESOLVED)
    if found.state not in states or not is_id(found.target):
        return None
    if found.kind == SyncItem.Kind.PLAN:
        writing = (
            ActionPlan.objects.select_related("template")
            .filter(user=found.user, cohort_id=found.target)
            .first()
        )
    elif found.kind == SyncItem.Kind.REPORT:
        writing = (
            FollowUpReport.objects.select_related(
                "plan", "checkpoint__cohort__programme"
            )
            .filter(user=found.user, checkpoint_id=found.target)
            .first()
        )
    else:
        return None
    return writing if writing is not None and writing.editable else None


def _kept(found: SyncItem) -> dict:
    """What was written offline, to read: a report's answers or a plan's sections."""
    from actionplans import answers
    from actionplans.models import ActionPlan, FollowUpReport
    from actionplans.views import as_query, form_content

    data = as_query(found.fields)
    context = {"item": found, "kept_files": list(found.kept_files.all())}
    if not is_id(found.target):
        return context
    if found.kind == SyncItem.Kind.REPORT:
        report = (
            FollowUpReport.objects.select_related("plan")
            .filter(user=found.user, checkpoint_id=found.target)
            .first()
        )
        if report is not None:
            statuses = dict(FollowUpReport.ItemStatus.choices)
            context["actions"] = [
                {
                    "activity": action["activity"],
                    "status": statuses.get(data.get(f"i-{action['id']}-status"), "–"),
                    "percent": data.get(f"i-{action['id']}-percent", ""),
                    "note": data.get(f"i-{action['id']}-note", ""),
                }
                for action in report.plan.action_items()
            ]
            context["texts"] = [
                (_("What helped"), data.get("helped", "")),
                (_("What got in the way"), data.get("blocked", "")),
                (_("What changed in your business"), data.get("story", "")),
            ]
    elif found.kind == SyncItem.Kind.PLAN:
        plan = (
            ActionPlan.objects.select_related("template")
            .filter(user=found.user, cohort_id=found.target)
            .first()
        )
        if plan is not None:
            context["template"] = plan.template
            context["sections"] = answers.layout(
                plan.template, form_content(plan, data)
            )
    return context


@login_required
def kept_file(request, file_id: int):
    """A photo kept from an item, for its owner only."""
    from offline.models import KeptFile

    kept = get_object_or_404(KeptFile, pk=file_id, item__user=request.user)
    return private_file_response(
        kept.file,
        content_type=kept.content_type,
        filename=kept.original_name,
        inline=kept.is_image,
    )


@login_required
def cohort(request, cohort_id: int):
    """Officers and trainers: when each participant of a cohort last synced a phone, and
    what is waiting on them."""
    from cohorts.models import Enrolment
    from cohorts.selectors import visible_cohorts

    if not request.user.is_staff:
        raise Http404
    found = get_object_or_404(visible_cohorts(request.user), pk=cohort_id)
    rows = (
        Enrolment.objects.filter(
            cohort=found,
            status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WITHDRAWN],
        )
        .select_related("user")
        .annotate(
            last_sync=Max("user__offline_devices__last_sync_at"),
            devices=Count("user__offline_devices", distinct=True),
        )
        .order_by("user__full_name")
    )
    attention = dict(
        SyncItem.objects.filter(
            user__in=rows.values("user"), state=SyncItem.State.ATTENTION
        )
        .values_list("user")
        .annotate(n=Count("pk"))
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.attention = attention.get(row.user_id, 0)
    return render(
        request,
        "offline/cohort.html",
        {"cohort": found, "page_obj": page, "rows": page.object_list},
    )
