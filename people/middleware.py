"""Which language a request is answered in: the URL's prefix first, then the signed-in
person's preferred language, then Django's usual cookie and Accept-Language."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

# Addresses that never carry a language prefix: a 404 there is an answer, not a missing prefix.
UNPREFIXED = (
    "/admin/",
    "/api/",
    "/documents/",
    "/static/",
    "/media/",
    "/language/",
    "/healthz/",
)


class PreferredLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        super().process_request(request)
        if translation.get_language_from_path(request.path_info):
            return
        user = getattr(request, "user", None)
        preferred = getattr(user, "preferred_language", None) if user else None
        if (
            user is not None
            and user.is_authenticated
            and preferred in dict(settings.LANGUAGES)
        ):
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
