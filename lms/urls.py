"""Root URLs. Pages people read are under a language prefix (/si/, /km/ …); the admin, the
API and files are not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.documents import urls as wagtaildocs_urls

from certificates import views as certificate_views
from cms import views as cms_views
from cohorts import views as cohort_views
from lms import views as lms_views
from offline import views as offline_views
from people import views as people_views

serve_pattern = r"^((?:[\w\-]+/)*)$" if WAGTAIL_APPEND_SLASH else r"^([\w\-/]*)$"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("lms.api_urls")),
    path("h5p/", include("interactive.urls")),
    path("calendar/<str:token>.ics", cohort_views.feed, name="cohort-feed"),
    # Printed on certificates as a QR code: no language prefix, so it never changes.
    path("verify/<str:code>/", certificate_views.verify, name="certificate-verify"),
    path(
        "verify/<str:code>/credential.json",
        certificate_views.credential,
        name="certificate-credential",
    ),
    path("language/", people_views.set_language, name="set_language"),
    path("healthz/", lms_views.health, name="health"),
    # The service worker sits at the root so it may serve every language's pages.
    path("sw.js", offline_views.service_worker, name="service-worker"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("people.urls")),
    path("learning/", include("courses.urls")),
    path("quizzes/", include("assessments.urls")),
    path("schedule/", include("cohorts.urls")),
    path("plans/", include("actionplans.urls")),
    path("certificates/", include("certificates.urls")),
    path("offline/", include("offline.urls")),
    path("reports/", include("reports.urls")),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Every other address is a Wagtail page, with the default-language fallback.
    re_path(serve_pattern, cms_views.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )

# `make bench` only: its floor endpoint and uploads (lms/bench.py).
if settings.BENCH_FLOOR:
    urlpatterns = [path("", include("lms.bench"))] + urlpatterns

handler400 = "lms.views.bad_request"
handler403 = "lms.views.permission_denied"
handler404 = "lms.views.page_not_found"
handler500 = "lms.views.server_error"
