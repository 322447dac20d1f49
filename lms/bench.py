"""The floor endpoint of `make bench` (bench/): a view that renders a small template after
one indexed query, served by the same gunicorn as the site, so every page's throughput is
read as a share of what this machine and stack can do at best. Only routed with
`BENCH_FLOOR=True`, which also serves uploaded files (in production the front web server
does), so the benchmark's lesson images load."""

from django.conf import settings
from django.shortcuts import render
from django.urls import path, re_path
from django.views.decorators.cache import never_cache
from django.views.static import serve
from wagtail.models import Page


@never_cache
def floor(request):
    """One primary-key lookup and a ~2 KB template: the cheapest useful page."""
    try:
        page_id = int(request.GET.get("id", "1"))
    except ValueError:
        page_id = 1
    page = Page.objects.only("title").filter(pk=page_id).first()
    return render(request, "lms/bench_floor.html", {"page": page})


urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    re_path(
        r"^media/(?P<path>.*)$", serve, {"document_root": str(settings.MEDIA_ROOT)}
    ),
]
