from django import template
from django.utils import translation
from wagtail.models import Page

from cms import tree_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children marked "show in menus", in the active language (kept
    until a page changes, see `cms.tree_cache`)."""
    request = context.get("request")
    if request is None:
        return []
    site = tree_cache.site_for(request)
    if site is None:
        return []

    def menu():
        home = Page.objects.get(pk=site.root_page_id).localized
        return tuple(
            Page.objects.child_of(home)  # not get_children(): it trusts numchild
            .live()
            .in_menu()
            .select_related("locale")
            .defer_streamfields()
        )

    return list(tree_cache.kept(("menu", site.pk, translation.get_language()), menu))
