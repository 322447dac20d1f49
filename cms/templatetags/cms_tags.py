from django import template

from cms.blocks import embed_player_url as _embed_player_url
from cms.i18n import local_url

register = template.Library()


@register.filter
def embed_player_url(url: str) -> str:
    return _embed_player_url(url) or ""


@register.filter
def language_local_name(code: str) -> str:
    """A language's name in its own script, as the switcher shows it."""
    from lms.languages import LOCAL_NAMES

    return LOCAL_NAMES.get(code, code)


@register.simple_tag(takes_context=True)
def localurl(context, page) -> str:
    """See cms.i18n.local_url."""
    return local_url(page, context.get("request"))
