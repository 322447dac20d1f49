from django import template
from django.utils import translation
from wagtail.models import Site

from cms import tree_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children marked "show in menus", in the active language (kept
    until a page changes, see `cms.tree_cache`)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def menu():
        home = site.root_page.localized
        return tuple(
            home.get_children()
            .live()
            .in_menu()
            .select_related("locale")
            .defer_streamfields()
        )

    return list(tree_cache.kept(("menu", site.pk, translation.get_language()), menu))
