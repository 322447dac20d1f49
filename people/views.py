"""Sign in, sign out, the language switch and "My account"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.net import client_address
from people import throttle
from people.forms import AccountForm, SignInForm
from people.roles import ROLE_LABELS, STAFF_ROLES, role_of
from people.selectors import translated_url_for_path


def _client_address(request) -> str:
    return client_address(request)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "people/sign_in.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        identifier = request.POST.get("username", "")
        if throttle.is_blocked(identifier, _client_address(request)):
            # No password check at all while blocked: that is the point of the pause.
            form = self.form_class(request, initial={"username": identifier})
            blocked = _(
                "Too many attempts to sign in. Wait %(minutes)s minutes, then try again."
            ) % {"minutes": settings.LOGIN_FAILURE_WINDOW // 60}
            context = self.get_context_data(form=form, blocked_message=blocked)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.record_failure(
            self.request.POST.get("username", ""), _client_address(self.request)
        )
        # 401: the page is the same, but scripts and tests can tell it was refused.
        return self.render_to_response(self.get_context_data(form=form), status=401)

    def form_valid(self, form):
        user = form.get_user()
        throttle.clear(
            self.request.POST.get("username", ""), _client_address(self.request)
        )
        # Answer in the person's own language from now on.
        return remember_language(super().form_valid(form), user.preferred_language)

    def get_default_redirect_url(self):
        user = self.request.user
        if role_of(user) in STAFF_ROLES and user.has_perm("wagtailadmin.access_admin"):
            return "/admin/"
        with translation.override(user.preferred_language):
            return reverse("people:account")


class SignOutView(auth_views.LogoutView):
    template_name = "people/signed_out.html"


@login_required
def account(request):
    """My account: who I am, my cluster and enterprise, and the settings I may change."""
    user = request.user
    if request.method == "POST":
        form = AccountForm(request.POST, instance=user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your changes are saved."))
            language = form.cleaned_data["preferred_language"]
            return remember_language(
                HttpResponseRedirect(translate_url(request.path, language)), language
            )
        status = 400
    else:
        form = AccountForm(instance=user)
        status = 200
    profile = getattr(user, "participant_profile", None)
    return render(
        request,
        "people/account.html",
        {
            "form": form,
            "profile": profile,
            "role": role_of(user),
            "role_label": ROLE_LABELS.get(role_of(user), ""),
            "enterprises": user.enterprises.select_related("cluster"),
        },
        status=status,
    )


@require_POST
def set_language(request):
    """Switch the interface language: remember it (cookie, and the account when signed in)
    and go back to the same page in that language."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("That language is not offered here."))
        return HttpResponseRedirect(next_url or "/")
    if next_url:
        destination = translated_url_for_path(request, next_url, language)
    else:
        with translation.override(language):
            destination = reverse("wagtail_serve", args=[""])
    response = remember_language(HttpResponseRedirect(destination), language)
    if request.user.is_authenticated and request.user.preferred_language != language:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response


def remember_language(response, language: str):
    """Set the language cookie, so unprefixed addresses open in `language` next time."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response
