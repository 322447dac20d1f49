"""Serving Wagtail pages, with a fallback to the default language."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils import translation
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from cms import tree_cache


def serve(request, path):
    """Serve the page at `path` in the active language. Where the page has not been
    translated yet, serve the default-language page under the same address and mark the
    request, so the template tells the reader in their own language."""
    _route_from_kept(request, path)
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


def _route_from_kept(request, path) -> None:
    """Route the request as Wagtail would, from the page tree kept in this process: one
    query for the page itself instead of two per address segment.

    What is kept for an address is which page it names and how many of its segments lead
    there. The page is then read fresh and routes the rest itself (a lesson's "done/",
    say), so its own rules and its live state are checked on every request; the pages on
    the way (an unpublished module hides its lessons) are as they were when the tree last
    changed. A page not translated yet is found as `serve` finds it, and kept the same way.
    An address that names no page is not kept."""
    site = tree_cache.site_for(request)  # the token first: the pages are then no older
    if site is None:
        return
    components = tuple(part for part in path.split("/") if part)

    def find():
        root = site.root_page.localized.specific
        try:
            page = root.route(request, list(components))[0]
            return (page.specific_class, page.pk, page.depth - root.depth, False)
        except Http404:
            pass
        # Not translated yet: the default-language page under the same address, as
        # `serve` would find it, kept too (readers of a partly translated language would
        # otherwise walk both trees on every view).
        default_root = site.root_page.specific
        if default_root.pk == root.pk:
            return None
        try:
            page = default_root.route(request, list(components))[0]
        except Http404:
            return None
        return (page.specific_class, page.pk, page.depth - default_root.depth, True)

    found = tree_cache.kept(
        ("route", site.pk, translation.get_language(), components), find
    )
    if found is None:  # no page here in any language: Wagtail need not walk it again
        request._wagtail_route_for_request = None
        return
    model, pk, used, fallback = found
    try:
        page = model.objects.select_related("locale").get(pk=pk)
        request._wagtail_route_for_request = page.route(
            request, list(components[used:])
        )
    except (ObjectDoesNotExist, Http404):
        return  # Wagtail routes it the usual way and says what it finds
    if fallback:
        request.is_language_fallback = True
