"""Serving Wagtail pages, with a fallback to the default language."""

from django.http import Http404
from django.utils import translation
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve


def serve(request, path):
    """Serve the page at `path` in the active language. Where the page has not been
    translated yet, serve the default-language page under the same address and mark the
    request, so the template tells the reader in their own language."""
    try:
        return wagtail_serve(request, path)
    except Http404:
        site = Site.find_for_request(request)
        default_root = site.root_page.specific if site else None
        if (
            default_root is None
            or default_root.locale.language_code == translation.get_language()
        ):
            raise
        components = [part for part in path.split("/") if part]
        try:
            route = default_root.route(request, components)
        except Http404:
            raise Http404 from None
        request._wagtail_route_for_request = route
        request.is_language_fallback = True
        return wagtail_serve(request, path)
