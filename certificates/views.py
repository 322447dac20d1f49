"""The public verification page, and a participant's certificates.

`/verify/<code>/` needs no account: anyone holding the paper (a buyer, a bank) checks it.
It shows only what the certificate itself says — name, programme, dates, issuer — and its
status; nothing else about the person. Lookups are limited per address
(`CERTIFICATE_VERIFY_RATE` per minute), so codes cannot be tried in bulk."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from certificates.models import CODE_ALPHABET, CODE_LENGTH, Certificate
from cohorts import selectors as cohort_selectors
from lms.net import client_address


def _over_limit(request) -> bool:
    key = f"verify:{client_address(request)}"
    cache.add(key, 0, 60)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 60)
        count = 1
    return count > settings.CERTIFICATE_VERIFY_RATE


@require_safe
def verify(request, code: str):
    if _over_limit(request):
        return render(request, "certificates/verify_limit.html", status=429)
    code = code.strip().upper()
    certificate = None
    if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code):
        certificate = Certificate.objects.filter(code=code).first()
    # An unknown code is answered 200 too: a 404 on an address without a language prefix
    # would be redirected to a prefixed one by the locale middleware; the page says it.
    response = render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "code": code},
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def credential(request, code: str):
    """The certificate's signed Open Badges 3.0 credential (the same facts as the page)."""
    from django.http import JsonResponse

    from certificates import badges

    if _over_limit(request):
        return render(request, "certificates/verify_limit.html", status=429)
    certificate = (
        Certificate.objects.select_related("template")
        .filter(code=code.strip().upper(), status=Certificate.Status.VALID)
        .first()
    )
    if certificate is None:
        raise Http404
    response = JsonResponse(
        badges.credential(certificate), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate.number}.credential.json"'
    )
    return response


@login_required
@require_safe
def mine(request):
    certificates = Certificate.objects.filter(user=request.user).order_by("-issued_at")
    return render(request, "certificates/mine.html", {"certificates": certificates})


@login_required
@require_safe
def download(request, number: str):
    certificate = get_object_or_404(
        Certificate.objects.select_related("cohort"), number=number
    )
    user = request.user
    if user.pk != certificate.user_id and not (
        certificate.cohort is not None
        and cohort_selectors.runs(user, certificate.cohort)
    ):
        raise Http404
    if not certificate.is_valid:
        return render(
            request,
            "certificates/revoked.html",
            {"certificate": certificate},
            status=410,
        )
    if not certificate.pdf:
        raise Http404
    try:
        handle = certificate.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{certificate.number}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- officers -----------------------------------------------------------------------------


@login_required
@require_safe
def cohorts(request):
    if not request.user.is_staff:
        raise Http404
    rows = (
        cohort_selectors.staff_cohorts(request.user)
        .select_related("programme", "certificate_setup__template")
        .order_by("-ends_on")[:100]
    )
    return render(request, "certificates/cohorts.html", {"cohorts": rows})


def _posted_id(request, name: str) -> int:
    """A posted id, or 0 (which matches nothing) for anything that is not one."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else 0


def _cohort_for(request, cohort_id):
    from cohorts.models import Cohort

    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)
    if not request.user.is_staff or not cohort_selectors.runs(request.user, cohort):
        raise Http404
    return cohort


@login_required
@require_http_methods(["GET", "POST"])
def cohort(request, cohort_id: int):
    """Who is eligible and why not; issue one (with a reason to override), all eligible,
    re-issue with a corrected name, revoke with a reason. Officers act; trainers read."""
    from certificates import eligibility, services
    from people.models import User

    cohort = _cohort_for(request, cohort_id)
    manages = cohort_selectors.manages(request.user, cohort)
    try:
        setup = services.setup_for(cohort)
    except services.CertificateError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("certificates:cohorts"))
    if request.method == "POST":
        if not manages:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            if action == "issue":
                person = get_object_or_404(User, pk=_posted_id(request, "user"))
                issued = services.issue(
                    cohort=cohort,
                    user=person,
                    by=request.user,
                    override_reason=request.POST.get("reason", ""),
                )
                messages.success(
                    request,
                    _("Certificate %(number)s issued to %(name)s.")
                    % {"number": issued.certificate.number, "name": person.full_name},
                )
            elif action == "issue_all":
                services.start_issue_all(cohort=cohort, by=request.user)
                messages.success(
                    request,
                    _("Issuing has started; this page shows how far it got."),
                )
            elif action in ("revoke", "reissue"):
                certificate = get_object_or_404(
                    Certificate,
                    pk=_posted_id(request, "certificate"),
                    cohort=cohort,
                )
                if action == "revoke":
                    services.revoke(
                        certificate=certificate,
                        by=request.user,
                        reason=request.POST.get("reason", ""),
                    )
                    messages.success(request, _("Certificate revoked."))
                else:
                    services.reissue(
                        certificate=certificate,
                        full_name=request.POST.get("full_name", ""),
                        by=request.user,
                        reason=request.POST.get("reason", ""),
                    )
                    messages.success(request, _("Certificate re-issued."))
        except services.CertificateError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(request.path)
    issued = {
        c.user_id: c
        for c in Certificate.objects.filter(
            cohort=cohort, template_key=setup.template.translation_key
        )
    }
    rows = [
        (result, issued.get(result.user.pk))
        for result in eligibility.check(cohort, setup)
    ]
    from certificates.models import IssueJob

    job = IssueJob.objects.filter(cohort=cohort).first()
    return render(
        request,
        "certificates/cohort.html",
        {
            "cohort": cohort,
            "setup": setup,
            "rows": rows,
            "manages": manages,
            "job": job,
        },
    )
