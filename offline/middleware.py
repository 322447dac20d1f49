"""Tells the service worker whose page this is, so pages kept on a shared phone are kept
per person (sw.js keeps them in `ca-u<id>-pages` and only shows the signed-in person's).
Staff pages list other people's records: they get no header and are never kept."""


def user_header(get_response):
    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_staff
            and response.get("Content-Type", "").startswith("text/html")
        ):
            response["X-CA-User"] = str(user.pk)
        return response

    return middleware
