"""Error pages and the health check. Error pages render in the request's language."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


def _error(request, status, template):
    return render(request, template, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error(request, 400, "400.html")


@requires_csrf_token
def permission_denied(request, exception=None):
    return _error(request, 403, "403.html")


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error(request, 404, "404.html")


@requires_csrf_token
def server_error(request):
    # No context processors: whatever failed may fail again while rendering.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())


@never_cache
def health(request):
    """For the load balancer and `make run`: is the database reachable?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "database unavailable"}, status=503)


def csrf_failure(request, reason=""):
    """A form sent with a stale or missing token: say what to do, in the reader's language."""
    return render(request, "403_csrf.html", status=403)
